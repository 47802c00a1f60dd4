package org.knime.core.node.defaultnodesettings;

import org.knime.core.node.InvalidSettingsException;

/** Stand-in of org.knime.core.node.defaultnodesettings.DialogComponentString: a text field. */
public final class DialogComponentString extends LabeledDialogComponent {

    private final boolean m_disallowEmpty;

    public DialogComponentString(final SettingsModelString stringModel, final String label) {
        this(stringModel, label, false, 15);
    }

    public DialogComponentString(final SettingsModelString stringModel, final String label,
        final boolean disallowEmptyString, final int compWidth) {
        super(stringModel, label);
        m_disallowEmpty = disallowEmptyString;
    }

    @Override
    protected void validateSettingsBeforeSave() throws InvalidSettingsException {
        String v = ((SettingsModelString)getModel()).getStringValue();
        if (m_disallowEmpty && (v == null || v.isEmpty())) {
            throw new InvalidSettingsException("Please enter a string value.");
        }
    }
}
