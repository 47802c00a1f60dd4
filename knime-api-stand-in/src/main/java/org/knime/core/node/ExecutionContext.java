package org.knime.core.node;

import java.util.ArrayList;
import java.util.List;

import org.knime.core.data.DataRow;
import org.knime.core.data.DataTable;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.container.CellFactory;
import org.knime.core.data.container.ColumnRearranger;
import org.knime.core.data.filestore.FileStore;
import org.knime.core.data.filestore.StandInFileStores;

/**
 * Stand-in of org.knime.core.node.ExecutionContext: creates in-memory tables. KNIME's constructors need an internal
 * Node; this stand-in's constructor is package-private so that only a test harness in this package creates one.
 */
public class ExecutionContext extends ExecutionMonitor {

    ExecutionContext(final NodeProgressMonitor progMon) {
        super(progMon);
    }

    private ExecutionContext(final NodeProgressMonitor progMon, final double offset, final double width,
        final boolean silent) {
        super(progMon, offset, width, silent);
    }

    public BufferedDataContainer createDataContainer(final DataTableSpec spec) {
        return new BufferedDataContainer(spec);
    }

    public BufferedDataContainer createDataContainer(final DataTableSpec spec, final boolean initDomain) {
        return new BufferedDataContainer(spec);
    }

    /** Applies the rearranger row by row; factories report progress and cancellation is checked per row. */
    public BufferedDataTable createColumnRearrangeTable(final BufferedDataTable in,
        final ColumnRearranger rearranger, final ExecutionMonitor subProgressMon) throws CanceledExecutionException {
        List<DataRow> out = new ArrayList<>();
        List<CellFactory> factories = rearranger.factoriesForStandIn();
        long n = in.size();
        long i = 0;
        for (DataRow row : in) {
            subProgressMon.checkCanceled();
            out.add(rearranger.rearrangeForStandIn(row, i));
            i++;
            for (CellFactory f : factories) {
                f.setProgress(i, n, row.getKey(), subProgressMon);
            }
        }
        factories.forEach(CellFactory::afterProcessing);
        out.forEach(r -> r.forEach(StandInFileStores::flush));
        return new BufferedDataTable(rearranger.createSpec(), out);
    }

    /** A new file store for cells this node creates (KNIME: in the node's file store handler). */
    public FileStore createFileStore(final String relativePath) throws java.io.IOException {
        return StandInFileStores.create(relativePath);
    }

    public BufferedDataTable createBufferedDataTable(final DataTable table, final ExecutionMonitor subProgressMon)
        throws CanceledExecutionException {
        List<DataRow> rows = new ArrayList<>();
        for (DataRow r : table) {
            subProgressMon.checkCanceled();
            rows.add(r);
        }
        return new BufferedDataTable(table.getDataTableSpec(), rows);
    }

    public BufferedDataTable createSpecReplacerTable(final BufferedDataTable in, final DataTableSpec newSpec) {
        List<DataRow> rows = new ArrayList<>();
        in.forEach(rows::add);
        return new BufferedDataTable(newSpec, rows);
    }

    public BufferedDataTable createVoidTable(final DataTableSpec spec) {
        return new BufferedDataTable(spec, List.of());
    }

    public ExecutionContext createSubExecutionContext(final double maxProg) {
        return new ExecutionContext(getProgressMonitor(), currentRootProgress(), width() * maxProg, false);
    }

    public ExecutionContext createSilentSubExecutionContext(final double maxProg) {
        return new ExecutionContext(getProgressMonitor(), currentRootProgress(), width() * maxProg, true);
    }
}
