package org.knime.deepclem.nodes.common;

import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeModel;
import org.knime.core.node.NodeView;

/** Base of the DeepCLEM node factories: a dialog, no views; the description is {@code <Factory>.xml}. */
public abstract class NoViewNodeFactory<T extends NodeModel> extends NodeFactory<T> {

    @Override
    protected final int getNrNodeViews() {
        return 0;
    }

    @Override
    public final NodeView<T> createNodeView(final int viewIndex, final T nodeModel) {
        throw new IndexOutOfBoundsException("DeepCLEM nodes have no views; asked for view " + viewIndex);
    }

    @Override
    protected final boolean hasDialog() {
        return true;
    }
}
