package org.knime.core.node.defaultnodesettings;

import java.util.Arrays;
import java.util.List;

import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataValue;
import org.knime.core.node.NotConfigurableException;
import org.knime.core.node.port.PortObjectSpec;

/**
 * Stand-in of org.knime.core.node.defaultnodesettings.DialogComponentColumnFilter: include/exclude lists over the
 * columns of one input port that are compatible with one of the allowed value classes.
 */
public class DialogComponentColumnFilter extends LabeledDialogComponent {

    private final int m_inPortIndex;

    private final List<Class<? extends DataValue>> m_allowedTypes;

    public DialogComponentColumnFilter(final SettingsModelFilterString model, final int inPortIndex) {
        this(model, inPortIndex, false);
    }

    @SafeVarargs
    public DialogComponentColumnFilter(final SettingsModelFilterString model, final int inPortIndex,
        final Class<? extends DataValue>... allowedTypes) {
        this(model, inPortIndex, false, allowedTypes);
    }

    @SafeVarargs
    public DialogComponentColumnFilter(final SettingsModelFilterString model, final int inPortIndex,
        final boolean showKeepAllBox, final Class<? extends DataValue>... allowedTypes) {
        super(model, "");
        m_inPortIndex = inPortIndex;
        m_allowedTypes = Arrays.asList(allowedTypes);
    }

    @Override
    protected void checkConfigurabilityBeforeLoad(final PortObjectSpec[] specs) throws NotConfigurableException {
        if (specs == null || specs.length <= m_inPortIndex || !(specs[m_inPortIndex] instanceof DataTableSpec spec)) {
            throw new NotConfigurableException("No input spec available.");
        }
        if (!m_allowedTypes.isEmpty() && spec.stream()
            .noneMatch(c -> m_allowedTypes.stream().anyMatch(t -> c.getType().isCompatible(t)))) {
            throw new NotConfigurableException("No columns of the allowed types in the input table.");
        }
    }
}
