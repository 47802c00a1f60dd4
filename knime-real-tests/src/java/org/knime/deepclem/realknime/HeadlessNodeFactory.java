package org.knime.deepclem.realknime;

import org.knime.core.node.NodeDialogPane;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeModel;
import org.knime.core.node.NodeView;

/** Base of this stage's test-only nodes: no dialog, no views. */
public abstract class HeadlessNodeFactory extends NodeFactory<NodeModel> {

    @Override
    protected final int getNrNodeViews() {
        return 0;
    }

    @Override
    public final NodeView<NodeModel> createNodeView(final int viewIndex, final NodeModel nodeModel) {
        return null;
    }

    @Override
    protected final boolean hasDialog() {
        return false;
    }

    @Override
    protected final NodeDialogPane createNodeDialogPane() {
        return null;
    }
}
