package org.knime.core.node;

import java.awt.Component;

/** Stand-in of org.knime.core.node.NodeView (only as a return type; DeepCLEM nodes have no views). */
public abstract class NodeView<T extends NodeModel> extends AbstractNodeView<T> {

    private Component m_component;

    protected NodeView(final T nodeModel) {
        super(nodeModel);
    }

    protected T getNodeModel() {
        return getViewableModel();
    }

    protected abstract void onClose();

    protected abstract void onOpen();

    protected final void setComponent(final Component comp) {
        m_component = comp;
    }

    protected final Component getComponent() {
        return m_component;
    }

    @Override
    protected void callOpenView(final String title) {
        onOpen();
    }

    @Override
    public final void callCloseView() {
        onClose();
    }
}
