package org.knime.deepclem.nodes.common;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;

/**
 * Base of each node's settings: the options plus a consistency check across options. {@link #validate} loads the
 * candidate settings into a fresh instance and checks that, so the node's current settings stay untouched.
 */
public abstract class NodeSettingsBase {

    protected final OptionSet m_options = new OptionSet();

    public final OptionSet options() {
        return m_options;
    }

    /** A fresh instance with default values (used to validate candidate settings). */
    protected abstract NodeSettingsBase createDefault();

    /** Throws InvalidSettingsException naming the option when values contradict each other. */
    public abstract void checkConsistency() throws InvalidSettingsException;

    public final void saveTo(final NodeSettingsWO settings) {
        m_options.saveTo(settings);
    }

    public final void validate(final NodeSettingsRO settings) throws InvalidSettingsException {
        m_options.validate(settings);
        NodeSettingsBase candidate = createDefault();
        candidate.m_options.loadFrom(settings);
        candidate.checkConsistency();
    }

    public final void loadValidated(final NodeSettingsRO settings) throws InvalidSettingsException {
        m_options.loadFrom(settings);
    }
}
