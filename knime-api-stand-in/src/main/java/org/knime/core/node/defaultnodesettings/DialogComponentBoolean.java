package org.knime.core.node.defaultnodesettings;

/** Stand-in of org.knime.core.node.defaultnodesettings.DialogComponentBoolean: a check box. */
public final class DialogComponentBoolean extends LabeledDialogComponent {

    public DialogComponentBoolean(final SettingsModelBoolean booleanModel, final String label) {
        super(booleanModel, label);
    }

    public boolean isSelected() {
        return ((SettingsModelBoolean)getModel()).getBooleanValue();
    }
}
