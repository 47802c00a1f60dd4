package org.knime.core.node;

/**
 * Execution contexts for {@link NodeHarness} on the API stand-in (the real-KNIME stage has its own version of this
 * class, in knime-real-tests/).
 */
final class TestExecution {

    private TestExecution() {
    }

    /** A context for executing a node of {@code factory} (null: for making input tables and cells). */
    static ExecutionContext create(final NodeFactory<? extends NodeModel> factory, final NodeProgressMonitor monitor) {
        return new ExecutionContext(monitor);
    }
}
