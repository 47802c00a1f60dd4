package org.knime.core.data.container;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataRow;

/** Stand-in of org.knime.core.data.container.SingleCellFactory: one new cell per row. */
public abstract class SingleCellFactory extends AbstractCellFactory {

    public SingleCellFactory(final DataColumnSpec newColSpec) {
        super(newColSpec);
    }

    public SingleCellFactory(final boolean processConcurrently, final DataColumnSpec newColSpec) {
        super(processConcurrently, newColSpec);
    }

    @Override
    public DataCell[] getCells(final DataRow row) {
        return new DataCell[]{getCell(row)};
    }

    @Override
    public DataCell[] getCells(final DataRow row, final long rowIndex) {
        return new DataCell[]{getCell(row, rowIndex)};
    }

    /** Override this or {@link #getCell(DataRow, long)}. */
    public DataCell getCell(final DataRow row) {
        throw new UnsupportedOperationException("getCell(DataRow) is not implemented by " + getClass().getName());
    }

    public DataCell getCell(final DataRow row, final long rowIndex) {
        return getCell(row);
    }
}
