package org.knime.core.data.container;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.knime.core.data.DataRow;
import org.knime.core.data.DataTable;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.RowIterator;

/**
 * Stand-in of org.knime.core.data.container.DataContainer: collects rows in memory. Like KNIME it checks the row
 * width and unique row IDs, and refuses rows after {@link #close()}.
 */
public class DataContainer {

    private final DataTableSpec m_spec;

    private final List<DataRow> m_rows = new ArrayList<>();

    private final java.util.Set<org.knime.core.data.RowKey> m_keys = new java.util.HashSet<>();

    private boolean m_open = true;

    public DataContainer(final DataTableSpec spec) {
        m_spec = spec;
    }

    public DataContainer(final DataTableSpec spec, final boolean initDomain) {
        this(spec);
    }

    public void addRowToTable(final DataRow row) {
        if (!m_open) {
            throw new IllegalStateException("Cannot add rows to a closed container");
        }
        if (row.getNumCells() != m_spec.getNumColumns()) {
            throw new IllegalArgumentException("Row \"" + row.getKey() + "\" has " + row.getNumCells()
                + " cells, the table has " + m_spec.getNumColumns() + " columns");
        }
        for (int i = 0; i < row.getNumCells(); i++) {
            var cell = row.getCell(i);
            if (!cell.isMissing() && !m_spec.getColumnSpec(i).getType().isASuperTypeOf(cell.getType())) {
                throw new IllegalArgumentException("Cell " + i + " of row \"" + row.getKey() + "\" is a "
                    + cell.getType() + ", column \"" + m_spec.getColumnSpec(i).getName() + "\" holds "
                    + m_spec.getColumnSpec(i).getType());
            }
        }
        if (!m_keys.add(row.getKey())) {
            throw new IllegalArgumentException("Duplicate row ID \"" + row.getKey() + "\"");
        }
        m_rows.add(row);
    }

    public void close() {
        if (m_open) {
            m_rows.forEach(r -> r.forEach(org.knime.core.data.filestore.StandInFileStores::flush));
        }
        m_open = false;
    }

    public boolean isOpen() {
        return m_open;
    }

    public boolean isClosed() {
        return !m_open;
    }

    public long size() {
        return m_rows.size();
    }

    public DataTableSpec getTableSpec() {
        return m_spec;
    }

    /** The collected table; only after {@link #close()}. */
    public DataTable getTable() {
        if (m_open) {
            throw new IllegalStateException("Cannot get table: container is not closed");
        }
        List<DataRow> rows = Collections.unmodifiableList(m_rows);
        return new DataTable() {
            @Override
            public DataTableSpec getDataTableSpec() {
                return m_spec;
            }

            @Override
            public RowIterator iterator() {
                return CloseableRowIterator.from(rows.iterator());
            }
        };
    }
}
