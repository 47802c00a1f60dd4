package org.knime.core.node.defaultnodesettings;

import javax.swing.JLabel;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NotConfigurableException;
import org.knime.core.node.port.PortObjectSpec;

/** Stand-in only (package-private, not KNIME API): the shared body of the stand-in's labelled components. */
abstract class LabeledDialogComponent extends DialogComponent {

    private final JLabel m_label;

    LabeledDialogComponent(final SettingsModel model, final String label) {
        super(model);
        m_label = new JLabel(label);
        getComponentPanel().add(m_label);
    }

    /** The label shown next to the editor. */
    final String labelText() {
        return m_label.getText();
    }

    @Override
    protected void updateComponent() {
        m_label.setEnabled(getModel().isEnabled());
    }

    @Override
    protected void validateSettingsBeforeSave() throws InvalidSettingsException {
    }

    @Override
    protected void checkConfigurabilityBeforeLoad(final PortObjectSpec[] specs) throws NotConfigurableException {
    }

    @Override
    protected void setEnabledComponents(final boolean enabled) {
        m_label.setEnabled(enabled);
    }

    @Override
    public void setToolTipText(final String text) {
        m_label.setToolTipText(text);
    }
}
