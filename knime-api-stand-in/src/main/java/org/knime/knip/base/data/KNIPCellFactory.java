package org.knime.knip.base.data;

import java.io.IOException;
import java.util.UUID;

import org.knime.core.data.DataCellFactory;
import org.knime.core.data.filestore.FileStore;
import org.knime.core.data.filestore.FileStoreFactory;
import org.knime.core.node.ExecutionContext;

/**
 * Stand-in of org.knime.knip.base.data.KNIPCellFactory: the base of KNIP's cell factories, which put each cell's
 * content into a file store of the executing node (KNIP appends many cells to one file store; the stand-in gives
 * each cell its own).
 */
public abstract class KNIPCellFactory implements DataCellFactory {

    private final FileStoreFactory m_fileStores;

    public KNIPCellFactory(final ExecutionContext exec) {
        this(FileStoreFactory.createFileStoreFactory(exec));
    }

    public KNIPCellFactory(final FileStoreFactory fsFactory) {
        m_fileStores = fsFactory;
    }

    /** A new file store for one cell (KNIP: named by a random UUID, as here). */
    protected FileStore newFileStore() throws IOException {
        return m_fileStores.createFileStore(UUID.randomUUID().toString());
    }
}
