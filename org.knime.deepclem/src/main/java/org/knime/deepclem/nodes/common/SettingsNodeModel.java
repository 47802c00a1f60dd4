package org.knime.deepclem.nodes.common;

import java.io.File;

import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeModel;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;
import org.knime.core.node.port.PortType;

/** Base of the DeepCLEM node models: settings handling through a {@link NodeSettingsBase}; no internals. */
public abstract class SettingsNodeModel<S extends NodeSettingsBase> extends NodeModel {

    protected final S m_settings;

    protected SettingsNodeModel(final int nrIn, final int nrOut, final S settings) {
        super(nrIn, nrOut);
        m_settings = settings;
    }

    protected SettingsNodeModel(final PortType[] in, final PortType[] out, final S settings) {
        super(in, out);
        m_settings = settings;
    }

    /** The node's options (config key, dialog label, model), e.g. to check the node description against. */
    public final OptionSet options() {
        return m_settings.options();
    }

    @Override
    protected void saveSettingsTo(final NodeSettingsWO settings) {
        m_settings.saveTo(settings);
    }

    @Override
    protected void validateSettings(final NodeSettingsRO settings) throws InvalidSettingsException {
        m_settings.validate(settings);
    }

    @Override
    protected void loadValidatedSettingsFrom(final NodeSettingsRO settings) throws InvalidSettingsException {
        m_settings.loadValidated(settings);
    }

    @Override
    protected void loadInternals(final File nodeInternDir, final ExecutionMonitor exec) {
        // results live in the output tables only
    }

    @Override
    protected void saveInternals(final File nodeInternDir, final ExecutionMonitor exec) {
        // results live in the output tables only
    }

    @Override
    protected void reset() {
        // nothing cached between executions
    }
}
