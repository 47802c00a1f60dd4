package org.knime.knip.base.data;

import org.knime.core.data.DataCellFactory;
import org.knime.core.data.filestore.FileStoreFactory;
import org.knime.core.node.ExecutionContext;

/** Stand-in of org.knime.knip.base.data.KNIPCellFactory: the base of KNIP's cell factories. */
public abstract class KNIPCellFactory implements DataCellFactory {

    private final ExecutionContext m_exec;

    public KNIPCellFactory() {
        m_exec = null;
    }

    public KNIPCellFactory(final ExecutionContext exec) {
        m_exec = exec;
    }

    public KNIPCellFactory(final FileStoreFactory fsFactory) {
        m_exec = null;
    }

    /** The execution context the cells are created in (null when built without one). */
    protected final ExecutionContext executionContextForStandIn() {
        return m_exec;
    }
}
