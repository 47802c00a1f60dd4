package org.knime.knip.base.data;

import org.knime.core.data.DataCellFactory;
import org.knime.core.data.filestore.FileStoreFactory;
import org.knime.core.node.ExecutionContext;

/** Stand-in of org.knime.knip.base.data.KNIPCellFactory: the base of KNIP's cell factories. */
public abstract class KNIPCellFactory implements DataCellFactory {

    public KNIPCellFactory() {
    }

    /** KNIP creates file stores for the cells through {@code exec}; the stand-in keeps cells in memory. */
    public KNIPCellFactory(final ExecutionContext exec) {
    }

    public KNIPCellFactory(final FileStoreFactory fsFactory) {
    }
}
