package org.knime.core.node.defaultnodesettings;

/** Stand-in of org.knime.core.node.defaultnodesettings.DialogComponentNumber: a spinner. */
public class DialogComponentNumber extends LabeledDialogComponent {

    public DialogComponentNumber(final SettingsModelNumber numberModel, final String label, final Number stepSize) {
        this(numberModel, label, stepSize, 10);
    }

    public DialogComponentNumber(final SettingsModelNumber numberModel, final String label, final Number stepSize,
        final int compWidth) {
        super(numberModel, label);
        if (stepSize == null) {
            throw new NullPointerException("step size must not be null");
        }
    }
}
