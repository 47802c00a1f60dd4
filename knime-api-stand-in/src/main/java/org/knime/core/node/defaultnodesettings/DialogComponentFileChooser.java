package org.knime.core.node.defaultnodesettings;

import java.util.Arrays;
import java.util.List;

/** Stand-in of org.knime.core.node.defaultnodesettings.DialogComponentFileChooser: a path field with a browser. */
public class DialogComponentFileChooser extends LabeledDialogComponent {

    private final int m_dialogType;

    private final boolean m_directoryOnly;

    private final List<String> m_validExtensions;

    public DialogComponentFileChooser(final SettingsModelString stringModel, final String historyID,
        final String... validExtensions) {
        this(stringModel, historyID, 0 /* JFileChooser.OPEN_DIALOG */, false, validExtensions);
    }

    public DialogComponentFileChooser(final SettingsModelString stringModel, final String historyID,
        final int dialogType, final boolean directoryOnly) {
        this(stringModel, historyID, dialogType, directoryOnly, new String[0]);
    }

    public DialogComponentFileChooser(final SettingsModelString stringModel, final String historyID,
        final int dialogType, final String... validExtensions) {
        this(stringModel, historyID, dialogType, false, validExtensions);
    }

    public DialogComponentFileChooser(final SettingsModelString stringModel, final String historyID,
        final int dialogType, final boolean directoryOnly, final String... validExtensions) {
        super(stringModel, "");
        m_dialogType = dialogType;
        m_directoryOnly = directoryOnly;
        m_validExtensions = Arrays.asList(validExtensions);
    }

    public void setBorderTitle(final String newTitle) {
        getComponentPanel().setBorder(javax.swing.BorderFactory.createTitledBorder(newTitle));
    }
}
