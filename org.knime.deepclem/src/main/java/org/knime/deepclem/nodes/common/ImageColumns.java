package org.knime.deepclem.nodes.common;

import java.util.stream.Collectors;

import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataValue;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.defaultnodesettings.SettingsModelString;
import org.knime.knip.base.data.img.ImgPlusValue;

/** Finds and checks the columns a node reads, with messages that say which option to fix and how. */
public final class ImageColumns {

    private ImageColumns() {
    }

    /** Names of the columns of {@code valueClass} in {@code spec}, for messages. */
    public static String namesOf(final DataTableSpec spec, final Class<? extends DataValue> valueClass) {
        String names = spec.stream().filter(c -> c.getType().isCompatible(valueClass)).map(DataColumnSpec::getName)
            .collect(Collectors.joining("\", \"", "\"", "\""));
        return names.equals("\"\"") ? "none" : names;
    }

    /**
     * Index of the image column chosen by {@code model}. An empty choice selects the first image column (and stores
     * it in the model, as KNIME's column auto-guessing does).
     *
     * @param what the option's label, e.g. "EM image column"
     * @param table what the table is, e.g. "the input table"
     */
    public static int imageColumn(final DataTableSpec spec, final SettingsModelString model, final String what,
        final String table) throws InvalidSettingsException {
        return column(spec, model, ImgPlusValue.class, "image (KNIP image cells)", what, table);
    }

    /** As {@link #imageColumn} for any value class; {@code kind} names it in messages. */
    public static int column(final DataTableSpec spec, final SettingsModelString model,
        final Class<? extends DataValue> valueClass, final String kind, final String what, final String table)
        throws InvalidSettingsException {
        String name = model.getStringValue();
        if (name == null || name.isEmpty()) {
            DataColumnSpec first = spec.stream().filter(c -> c.getType().isCompatible(valueClass)).findFirst()
                .orElseThrow(() -> new InvalidSettingsException("\"" + what + "\": " + table + " has no " + kind
                    + " column. Connect a table with one (e.g. from the KNIP Image Reader)."));
            model.setStringValue(first.getName());
            return spec.findColumnIndex(first.getName());
        }
        int index = spec.findColumnIndex(name);
        if (index < 0) {
            throw new InvalidSettingsException("\"" + what + "\": column \"" + name + "\" is not in " + table
                + ". Choose one of: " + namesOf(spec, valueClass) + ".");
        }
        if (!spec.getColumnSpec(index).getType().isCompatible(valueClass)) {
            throw new InvalidSettingsException("\"" + what + "\": column \"" + name + "\" holds "
                + spec.getColumnSpec(index).getType().getName() + ", not " + kind + ". Choose one of: "
                + namesOf(spec, valueClass) + ".");
        }
        return index;
    }

    /** Checks that a new column name is not empty and not yet taken (when appending). */
    public static String newColumnName(final DataTableSpec spec, final String name, final String what)
        throws InvalidSettingsException {
        if (name == null || name.isBlank()) {
            throw new InvalidSettingsException("\"" + what + "\" must not be empty.");
        }
        if (spec.containsName(name)) {
            throw new InvalidSettingsException("\"" + what + "\": the input table already has a column \"" + name
                + "\". Choose another name or replace the input column.");
        }
        return name;
    }
}
