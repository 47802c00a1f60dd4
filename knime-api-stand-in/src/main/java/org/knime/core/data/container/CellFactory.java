package org.knime.core.data.container;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataRow;
import org.knime.core.data.RowKey;
import org.knime.core.node.ExecutionMonitor;

/** Stand-in of org.knime.core.data.container.CellFactory: computes new cells for one row. */
public interface CellFactory {

    /** Override this or {@link #getCells(DataRow, long)}. */
    default DataCell[] getCells(final DataRow row) {
        throw new UnsupportedOperationException("getCells(DataRow) is not implemented by " + getClass().getName());
    }

    default DataCell[] getCells(final DataRow row, final long rowIndex) {
        return getCells(row);
    }

    DataColumnSpec[] getColumnSpecs();

    void setProgress(int curRowNr, int rowCount, RowKey lastKey, ExecutionMonitor exec);

    default void setProgress(final long curRowNr, final long rowCount, final RowKey lastKey,
        final ExecutionMonitor exec) {
        setProgress((int)curRowNr, (int)rowCount, lastKey, exec);
    }

    default void afterProcessing() {
    }
}
