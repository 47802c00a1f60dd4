package org.knime.core.data.def;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataRow;
import org.knime.core.data.RowKey;

/** Stand-in of org.knime.core.data.def.DefaultRow. */
public class DefaultRow implements DataRow {

    private final RowKey m_key;

    private final DataCell[] m_cells;

    public DefaultRow(final RowKey rowKey, final DataCell... row) {
        if (rowKey == null) {
            throw new NullPointerException("row key must not be null");
        }
        for (DataCell c : row) {
            if (c == null) {
                throw new NullPointerException("cells must not be null");
            }
        }
        m_key = rowKey;
        m_cells = row.clone();
    }

    public DefaultRow(final String rowKey, final DataCell... row) {
        this(new RowKey(rowKey), row);
    }

    public DefaultRow(final RowKey rowKey, final List<DataCell> row) {
        this(rowKey, row.toArray(new DataCell[0]));
    }

    public DefaultRow(final String rowKey, final double... row) {
        this(new RowKey(rowKey), Arrays.stream(row).mapToObj(DoubleCell::new).toArray(DataCell[]::new));
    }

    public DefaultRow(final String rowKey, final int... row) {
        this(new RowKey(rowKey), Arrays.stream(row).mapToObj(IntCell::new).toArray(DataCell[]::new));
    }

    public DefaultRow(final String rowKey, final String... row) {
        this(new RowKey(rowKey), Arrays.stream(row).map(StringCell::new).toArray(DataCell[]::new));
    }

    @Override
    public int getNumCells() {
        return m_cells.length;
    }

    @Override
    public RowKey getKey() {
        return m_key;
    }

    @Override
    public DataCell getCell(final int index) {
        return m_cells[index];
    }

    @Override
    public Iterator<DataCell> iterator() {
        return Arrays.asList(m_cells).iterator();
    }

    @Override
    public String toString() {
        return m_key + ": " + Arrays.toString(m_cells);
    }
}
