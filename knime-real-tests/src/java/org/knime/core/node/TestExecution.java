package org.knime.core.node;

import java.util.UUID;

import org.knime.core.data.DataTableSpec;
import org.knime.core.data.filestore.internal.NotInWorkflowDataRepository;
import org.knime.core.data.filestore.internal.NotInWorkflowWriteFileStoreHandler;
import org.knime.core.node.workflow.SingleNodeContainer.MemoryPolicy;
import org.knime.deepclem.realknime.HeadlessNodeFactory;
import org.knime.deepclem.realknime.KnimeRuntime;

/**
 * Execution contexts for {@link NodeHarness} on KNIME's real core: a real {@link Node} owns the tables, and a
 * not-in-workflow file store handler holds the file stores of image cells, as the knime-real kit's README (and KNIME's
 * own node tests) set them up. The stand-in build has its own version of this class.
 */
final class TestExecution {

    private TestExecution() {
    }

    /** A context for executing a node of {@code factory} (null: for making input tables and cells). */
    @SuppressWarnings("unchecked")
    static ExecutionContext create(final NodeFactory<? extends NodeModel> factory, final NodeProgressMonitor monitor) {
        KnimeRuntime.start();
        Node node = new Node((NodeFactory<NodeModel>)(factory == null ? new TableOwnerFactory() : factory));
        NotInWorkflowDataRepository repository = NotInWorkflowDataRepository.newInstance();
        NotInWorkflowWriteFileStoreHandler fileStores =
            new NotInWorkflowWriteFileStoreHandler(UUID.randomUUID(), repository);
        fileStores.open();
        node.setFileStoreHandler(fileStores);
        return new ExecutionContext(monitor, node, MemoryPolicy.CacheSmallInMemory, repository);
    }

    /** The owner of a test's input tables: a node with one output and nothing to do. */
    static final class TableOwnerFactory extends HeadlessNodeFactory {

        @Override
        public NodeModel createNodeModel() {
            return new NodeModel(0, 1) {
                @Override
                protected DataTableSpec[] configure(final DataTableSpec[] inSpecs) {
                    return new DataTableSpec[]{null};
                }

                @Override
                protected void saveSettingsTo(final NodeSettingsWO settings) {
                }

                @Override
                protected void validateSettings(final NodeSettingsRO settings) {
                }

                @Override
                protected void loadValidatedSettingsFrom(final NodeSettingsRO settings) {
                }

                @Override
                protected void loadInternals(final java.io.File dir, final ExecutionMonitor exec) {
                }

                @Override
                protected void saveInternals(final java.io.File dir, final ExecutionMonitor exec) {
                }

                @Override
                protected void reset() {
                }
            };
        }
    }
}
