package org.knime.core.node.defaultnodesettings;

import javax.swing.JPanel;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;
import org.knime.core.node.NotConfigurableException;
import org.knime.core.node.port.PortObjectSpec;

/**
 * Stand-in of org.knime.core.node.defaultnodesettings.DialogComponent: a Swing panel editing one SettingsModel.
 * Loading and saving go through the model, as in KNIME.
 */
public abstract class DialogComponent {

    private final SettingsModel m_model;

    private final JPanel m_panel = new JPanel();

    private PortObjectSpec[] m_lastSpecs;

    public DialogComponent(final SettingsModel model) {
        m_model = model;
        m_model.addChangeListener(e -> updateComponent());
    }

    public JPanel getComponentPanel() {
        return m_panel;
    }

    public final SettingsModel getModel() {
        return m_model;
    }

    protected final PortObjectSpec getLastTableSpec(final int portID) {
        return m_lastSpecs == null || portID >= m_lastSpecs.length ? null : m_lastSpecs[portID];
    }

    protected final PortObjectSpec[] getLastTableSpecs() {
        return m_lastSpecs;
    }

    public final void loadSettingsFrom(final NodeSettingsRO settings, final PortObjectSpec[] specs)
        throws NotConfigurableException {
        m_lastSpecs = specs;
        checkConfigurabilityBeforeLoad(specs);
        m_model.dlgLoadSettingsFrom(settings, specs);
        updateComponent();
    }

    public final void saveSettingsTo(final NodeSettingsWO settings) throws InvalidSettingsException {
        validateSettingsBeforeSave();
        m_model.dlgSaveSettingsTo(settings);
    }

    public final void setEnabled(final boolean enabled) {
        m_model.setEnabled(enabled);
        setEnabledComponents(enabled);
    }

    protected abstract void updateComponent();

    protected abstract void validateSettingsBeforeSave() throws InvalidSettingsException;

    protected abstract void checkConfigurabilityBeforeLoad(PortObjectSpec[] specs) throws NotConfigurableException;

    protected abstract void setEnabledComponents(boolean enabled);

    public abstract void setToolTipText(String text);
}
