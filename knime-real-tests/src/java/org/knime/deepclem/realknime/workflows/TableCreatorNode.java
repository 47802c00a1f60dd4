package org.knime.deepclem.realknime.workflows;

import java.util.ArrayList;
import java.util.List;

import org.knime.core.data.DataType;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;
import org.knime.core.node.config.Config;

/**
 * knime-base's "Table Creator" (TableCreator2, the Table Creator of KNIME 5.4; its successor TableCreator3 arrived
 * in 5.11 and is not in 5.4): a table typed into the node. Here: string columns of file paths, one row per image pair.
 */
final class TableCreatorNode extends ThirdPartyNode {

    static final TableCreatorNode INSTANCE = new TableCreatorNode();

    private static final String DIR = KNIME_BASE + "org.knime.base/src/org/knime/base/node/io/tablecreator/";

    private static final String SETTINGS = DIR + "TableCreator2NodeSettings.java";

    private static final String MODEL = DIR + "TableCreator2NodeModel.java";

    private static final String COL_PROPERTY =
        KNIME_BASE + "org.knime.base/src/org/knime/base/node/io/filereader/ColProperty.java";

    private TableCreatorNode() {
        super("org.knime.base.node.io.tablecreator.TableCreator2NodeFactory", "Table Creator", Origin.KNIME_BASE, 0, 1,
            false);
    }


    /** The table the node makes: column names, row IDs and cells (null = missing cell). */
    record Table(List<String> columns, List<String> rowIds, List<List<String>> rows) {
    }

    /**
     * String columns {@code columns} with one row per entry of {@code rows}, row IDs Row0, Row1, ..., written in the
     * order TableCreator2NodeSettings.saveSettings uses (l.235-257). The cells go row by row, as the node's dialog
     * stores them (its SpreadsheetTableModel keeps them sorted by row, then column) and as execute reads them.
     */
    static NodeSettings settings(final List<String> columns, final List<List<String>> rows) {
        int n = columns.size() * rows.size();
        int[] rowIndices = new int[n], columnIndices = new int[n];
        String[] values = new String[n];
        int i = 0;
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < columns.size(); c++) {
                rowIndices[i] = r;
                columnIndices[i] = c;
                values[i++] = rows.get(r).get(c);
            }
        }
        return settings(columns, rowIndices, columnIndices, values);
    }

    /** Settings with the cell arrays as given (tests use it for orders the dialog never writes). */
    static NodeSettings settings(final List<String> columns, final int[] rowIndices, final int[] columnIndices,
        final String[] values) {
        NodeSettings model = new NodeSettings("model");
        model.addIntArray("rowIndices", rowIndices);
        model.addIntArray("columnIndices", columnIndices);
        model.addStringArray("values", values);
        model.addString("rowIdPrefix", "Row");
        model.addString("rowIdSuffix", "");
        model.addInt("rowIdStartValue", 0);
        model.addBoolean("highlightOutputTable", false);
        NodeSettingsWO properties = model.addNodeSettings("columnProperties");
        for (int c = 0; c < columns.size(); c++) { // ColProperty.saveToConfiguration, l.202-234
            NodeSettingsWO p = properties.addNodeSettings(Integer.toString(c));
            p.addBoolean("UserSetValues", false);
            p.addString("MissValuePattern", "");
            p.addString("FormatParameter", null);
            p.addBoolean("ReadPossValsFromFile", false);
            p.addBoolean("SkipThisColumn", false);
            p.addString("ColumnName", columns.get(c));
            p.addDataType("ColumnClass", StringCell.TYPE);
        }
        return model;
    }

    @Override
    List<String> problems(final NodeSettingsRO model) {
        Problems p = new Problems();
        try {
            table(model);
        } catch (InvalidSettingsException e) {
            p.add(e.getMessage(), SETTINGS + " l.189-201; " + COL_PROPERTY + " l.133-194");
            return p.list();
        }
        int[] rows = model.getIntArray("rowIndices", new int[0]);
        int[] cols = model.getIntArray("columnIndices", new int[0]);
        for (int i = 1; i < rows.length; i++) {
            if (rows[i] < rows[i - 1] || (rows[i] == rows[i - 1] && cols[i] <= cols[i - 1])) {
                p.add("cell " + i + " (row " + rows[i] + ", column " + cols[i] + ") comes after (row " + rows[i - 1]
                    + ", column " + cols[i - 1] + "): execute reads the cells in one pass, row by row, so it and every "
                    + "later cell are lost", MODEL + " l.162-209");
                break;
            }
        }
        return p.list();
    }

    /**
     * The table TableCreator2NodeModel.execute builds from these settings: it loads them as
     * TableCreator2NodeSettings.loadSettings does (every key required, l.189-201; column properties as
     * ColProperty.loadFromConfiguration, l.133-194), then walks the cell arrays once while it visits the cells row
     * by row (l.162-209): a stored cell is used only when it is the next one visited, else the cell is "" (which the
     * missing-value pattern "" turns into a missing cell).
     */
    static Table table(final NodeSettingsRO model) throws InvalidSettingsException {
        int[] rowIdx = model.getIntArray("rowIndices");
        int[] colIdx = model.getIntArray("columnIndices");
        String[] values = model.getStringArray("values");
        String prefix = model.getString("rowIdPrefix");
        String suffix = model.getString("rowIdSuffix");
        int start = model.getInt("rowIdStartValue");
        model.getBoolean("highlightOutputTable");
        NodeSettingsRO props = model.getNodeSettings("columnProperties");
        if (rowIdx.length != colIdx.length || rowIdx.length != values.length) {
            throw new InvalidSettingsException("rowIndices, columnIndices and values differ in length");
        }
        List<String> columns = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (int c = 0; props.containsKey(Integer.toString(c)); c++) {
            Config p = props.getConfig(Integer.toString(c));
            p.getBoolean("UserSetValues");
            p.getBoolean("ReadPossValsFromFile");
            columns.add(p.getString("ColumnName"));
            DataType type = p.getDataType("ColumnClass");
            if (!StringCell.TYPE.equals(type)) {
                throw new InvalidSettingsException("column " + c + " is " + type + "; these workflows use strings");
            }
            missing.add(p.getString("MissValuePattern", null));
        }
        int maxCol = -1;
        int maxRow = -1;
        for (int i = 0; i < rowIdx.length; i++) {
            maxCol = Math.max(maxCol, colIdx[i]);
            maxRow = Math.max(maxRow, rowIdx[i]);
        }
        if (maxCol >= columns.size()) {
            throw new InvalidSettingsException("Name and type is not specified for every column.");
        }
        List<String> ids = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        int c = 0;
        for (int r = 0; r <= maxRow; r++) {
            List<String> row = new ArrayList<>();
            for (int k = 0; k < columns.size(); k++) {
                while (c < rowIdx.length && (rowIdx[c] < 0 || colIdx[c] < 0)) {
                    c++;
                }
                String value = "";
                if (c < rowIdx.length && rowIdx[c] == r && colIdx[c] == k) {
                    value = values[c];
                    c++;
                }
                row.add(value != null && value.equals(missing.get(k)) ? null : value);
            }
            rows.add(row);
            ids.add(prefix + (r + start) + suffix);
        }
        return new Table(columns, ids, rows);
    }
}
