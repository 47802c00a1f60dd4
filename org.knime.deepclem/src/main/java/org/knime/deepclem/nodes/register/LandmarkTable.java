package org.knime.deepclem.nodes.register;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.StringValue;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.InvalidSettingsException;

/**
 * The optional landmark table of CLEM Registration: one row per landmark pair, numeric columns moving_x, moving_y
 * (LM px) and fixed_x, fixed_y (EM px), as in the command line's plain landmark CSV (a CSV Reader gives this table;
 * so does a Table Creator). An optional string column "pair" names the image-pair row (its row ID) a landmark belongs
 * to; without it every landmark belongs to every row. Rows with a missing coordinate are skipped.
 */
final class LandmarkTable {

    static final String[] COLUMNS = {"moving_x", "moving_y", "fixed_x", "fixed_y"};

    static final String PAIR = "pair";

    /** Landmarks of every row (no pair column) under this key. */
    private static final String ALL = "";

    private final Map<String, List<double[]>> m_byPair;

    private LandmarkTable(final Map<String, List<double[]>> byPair) {
        m_byPair = byPair;
    }

    /** Checks the spec at configure: the four numeric columns, and "pair" holding text if present. */
    static int[] columns(final DataTableSpec spec) throws InvalidSettingsException {
        int[] idx = new int[COLUMNS.length];
        for (int i = 0; i < COLUMNS.length; i++) {
            idx[i] = spec.findColumnIndex(COLUMNS[i]);
            if (idx[i] < 0 || !spec.getColumnSpec(idx[i]).getType().isCompatible(DoubleValue.class)) {
                throw new InvalidSettingsException("The landmark table needs numeric columns moving_x, moving_y "
                    + "(LM px), fixed_x, fixed_y (EM px); column \"" + COLUMNS[i] + "\" is "
                    + (idx[i] < 0 ? "missing." : "not numeric."));
            }
        }
        int pair = spec.findColumnIndex(PAIR);
        if (pair >= 0 && !spec.getColumnSpec(pair).getType().isCompatible(StringValue.class)) {
            throw new InvalidSettingsException("The landmark table's column \"pair\" must hold the image-pair row's ID "
                + "as text.");
        }
        return idx;
    }

    static LandmarkTable read(final BufferedDataTable table) throws InvalidSettingsException {
        DataTableSpec spec = table.getDataTableSpec();
        int[] idx = columns(spec);
        int pair = spec.findColumnIndex(PAIR);
        Map<String, List<double[]>> byPair = new HashMap<>();
        for (DataRow row : table) {
            double[] p = new double[4];
            boolean complete = true;
            for (int i = 0; i < 4; i++) {
                var cell = row.getCell(idx[i]);
                complete &= !cell.isMissing();
                p[i] = complete ? ((DoubleValue)cell).getDoubleValue() : Double.NaN;
            }
            if (complete) {
                String key = pair < 0 || row.getCell(pair).isMissing() ? ALL
                    : ((StringValue)row.getCell(pair)).getStringValue().trim();
                byPair.computeIfAbsent(key, k -> new ArrayList<>()).add(p);
            }
        }
        return new LandmarkTable(byPair);
    }

    /** The landmark pairs {mx, my, fx, fy} of the image-pair row {@code rowId}, with those for every row; maybe none. */
    List<double[]> forRow(final String rowId) {
        List<double[]> out = new ArrayList<>(m_byPair.getOrDefault(ALL, List.of()));
        out.addAll(m_byPair.getOrDefault(rowId, List.of()));
        return out;
    }
}
