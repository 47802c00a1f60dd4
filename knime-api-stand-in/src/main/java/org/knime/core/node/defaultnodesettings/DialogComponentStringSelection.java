package org.knime.core.node.defaultnodesettings;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

import org.knime.core.node.InvalidSettingsException;

/** Stand-in of org.knime.core.node.defaultnodesettings.DialogComponentStringSelection: a combo box. */
public final class DialogComponentStringSelection extends LabeledDialogComponent {

    private final List<String> m_items;

    private final boolean m_editable;

    public DialogComponentStringSelection(final SettingsModelString stringModel, final String label,
        final String... list) {
        this(stringModel, label, Arrays.asList(list));
    }

    public DialogComponentStringSelection(final SettingsModelString stringModel, final String label,
        final Collection<String> list) {
        this(stringModel, label, list, false);
    }

    public DialogComponentStringSelection(final SettingsModelString stringModel, final String label,
        final Collection<String> list, final boolean editable) {
        super(stringModel, label);
        if (list == null || list.isEmpty()) {
            throw new IllegalArgumentException("Selection list of options shouldn't be null or empty");
        }
        m_items = new ArrayList<>(list);
        m_editable = editable;
    }

    @Override
    protected void validateSettingsBeforeSave() throws InvalidSettingsException {
        String v = ((SettingsModelString)getModel()).getStringValue();
        if (!m_editable && !m_items.contains(v)) {
            throw new InvalidSettingsException("Please select an item from the list.");
        }
    }

    public void replaceListItems(final Collection<String> newItems, final String select) {
        m_items.clear();
        m_items.addAll(newItems);
        if (select != null) {
            ((SettingsModelString)getModel()).setStringValue(select);
        }
    }
}
