package org.knime.core.node;

/** Stand-in of org.knime.core.node.AbstractNodeView (only as the supertype of NodeView). */
public abstract class AbstractNodeView<T extends AbstractNodeView.ViewableModel> {

    /** Stand-in of AbstractNodeView.ViewableModel: what a view shows. */
    public static interface ViewableModel {
    }

    private final T m_model;

    protected AbstractNodeView(final T viewableModel) {
        m_model = viewableModel;
    }

    protected final T getViewableModel() {
        return m_model;
    }

    protected abstract void modelChanged();

    protected abstract void callOpenView(String title);

    protected abstract void callCloseView();
}
