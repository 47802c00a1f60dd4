package org.knime.core.node.defaultnodesettings;

import java.util.Arrays;
import java.util.List;

import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataValue;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NotConfigurableException;
import org.knime.core.node.port.PortObjectSpec;

/**
 * Stand-in of org.knime.core.node.defaultnodesettings.DialogComponentColumnNameSelection: a column chooser over the
 * columns of one input port that are compatible with one of the value classes. Like KNIME it refuses to open when
 * a required column kind is absent; when the setting is empty or stale it selects, as KNIME's ColumnSelectionPanel
 * does, {@code <none>} (stored as null) if offered, else the last compatible column.
 */
public class DialogComponentColumnNameSelection extends LabeledDialogComponent {

    private final int m_specIndex;

    private final boolean m_isRequired;

    private final boolean m_addNoneCol;

    private final List<Class<? extends DataValue>> m_classFilter;

    @SafeVarargs
    public DialogComponentColumnNameSelection(final SettingsModelString model, final String label,
        final int specIndex, final Class<? extends DataValue>... classFilter) {
        this(model, label, specIndex, true, classFilter);
    }

    @SafeVarargs
    public DialogComponentColumnNameSelection(final SettingsModelString model, final String label,
        final int specIndex, final boolean isRequired, final Class<? extends DataValue>... classFilter) {
        this(model, label, specIndex, isRequired, false, classFilter);
    }

    @SafeVarargs
    public DialogComponentColumnNameSelection(final SettingsModelString model, final String label,
        final int specIndex, final boolean isRequired, final boolean addNoneCol,
        final Class<? extends DataValue>... classFilter) {
        super(model, label);
        m_specIndex = specIndex;
        m_isRequired = isRequired;
        m_addNoneCol = addNoneCol;
        m_classFilter = Arrays.asList(classFilter);
    }

    private boolean accepts(final DataColumnSpec c) {
        return m_classFilter.isEmpty() || m_classFilter.stream().anyMatch(v -> c.getType().isCompatible(v));
    }

    @Override
    protected void checkConfigurabilityBeforeLoad(final PortObjectSpec[] specs) throws NotConfigurableException {
        if (specs == null || specs.length <= m_specIndex || specs[m_specIndex] == null) {
            if (m_isRequired) {
                throw new NotConfigurableException("Need input table spec to configure dialog. Configure or execute "
                    + "predecessor nodes.");
            }
            return;
        }
        DataTableSpec spec = (DataTableSpec)specs[m_specIndex];
        if (m_isRequired && spec.stream().noneMatch(this::accepts)) {
            throw new NotConfigurableException("No column in spec compatible to \"" + m_classFilter.stream()
                .map(Class::getSimpleName).reduce((a, b) -> a + ", " + b).orElse("any") + "\".");
        }
    }

    @Override
    protected void updateComponent() {
        super.updateComponent();
        PortObjectSpec last = getLastTableSpec(m_specIndex);
        SettingsModelString model = (SettingsModelString)getModel();
        if (last instanceof DataTableSpec spec) {
            DataColumnSpec selected = spec.getColumnSpec(model.getStringValue() == null ? "" : model.getStringValue());
            if (selected == null || !accepts(selected)) {
                if (m_addNoneCol) {
                    model.setStringValue(null);
                } else {
                    spec.stream().filter(this::accepts).reduce((a, b) -> b)
                        .ifPresent(c -> model.setStringValue(c.getName()));
                }
            }
        }
    }

    @Override
    protected void validateSettingsBeforeSave() throws InvalidSettingsException {
        String v = ((SettingsModelString)getModel()).getStringValue();
        if (m_isRequired && (v == null || v.isEmpty())) {
            throw new InvalidSettingsException("Please select an item from the list.");
        }
    }

    /** The selected column name. */
    public final String getSelected() {
        return ((SettingsModelString)getModel()).getStringValue();
    }
}
