package org.knime.core.data.container;

import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.RowKey;
import org.knime.core.node.ExecutionMonitor;

/** Stand-in of org.knime.core.data.container.AbstractCellFactory: fixed column specs, progress per row. */
public abstract class AbstractCellFactory implements CellFactory {

    private final DataColumnSpec[] m_colSpecs;

    private boolean m_parallel;

    public AbstractCellFactory(final DataColumnSpec... colSpecs) {
        this(false, colSpecs);
    }

    public AbstractCellFactory(final boolean processConcurrently, final DataColumnSpec... colSpecs) {
        m_colSpecs = colSpecs.clone();
        m_parallel = processConcurrently;
    }

    public final void setParallelProcessing(final boolean value) {
        m_parallel = value;
    }

    public final boolean isParallelProcessing() {
        return m_parallel;
    }

    @Override
    public DataColumnSpec[] getColumnSpecs() {
        return m_colSpecs.clone();
    }

    @Override
    public void afterProcessing() {
    }

    @Override
    public void setProgress(final int curRowNr, final int rowCount, final RowKey lastKey, final ExecutionMonitor exec) {
        setProgress((long)curRowNr, (long)rowCount, lastKey, exec);
    }

    @Override
    public void setProgress(final long curRowNr, final long rowCount, final RowKey lastKey,
        final ExecutionMonitor exec) {
        exec.setProgress(rowCount <= 0 ? 0 : curRowNr / (double)rowCount, "Processed row " + curRowNr + "/"
            + rowCount + " (\"" + lastKey + "\")");
    }
}
