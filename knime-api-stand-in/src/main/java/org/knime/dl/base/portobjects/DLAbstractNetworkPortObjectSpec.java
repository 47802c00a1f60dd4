package org.knime.dl.base.portobjects;

import javax.swing.JComponent;

import org.knime.dl.core.DLNetwork;
import org.knime.dl.core.DLNetworkSpec;

/** Stand-in of org.knime.dl.base.portobjects.DLAbstractNetworkPortObjectSpec (bundle org.knime.dl). */
public abstract class DLAbstractNetworkPortObjectSpec<S extends DLNetworkSpec> implements DLNetworkPortObjectSpec {

    private final S m_spec;

    private final Class<? extends DLNetwork> m_type;

    protected DLAbstractNetworkPortObjectSpec(final S spec, final Class<? extends DLNetwork> type) {
        m_spec = spec;
        m_type = type;
    }

    @Override
    public S getNetworkSpec() {
        return m_spec;
    }

    @Override
    public Class<? extends DLNetwork> getNetworkType() {
        return m_type;
    }

    @Override
    public JComponent[] getViews() {
        return new JComponent[0];
    }
}
