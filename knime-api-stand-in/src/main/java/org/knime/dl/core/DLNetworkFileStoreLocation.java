package org.knime.dl.core;

import java.net.URI;

import org.knime.core.data.filestore.FileStore;

/** Stand-in of org.knime.dl.core.DLNetworkFileStoreLocation: the network was copied into a file store. */
public final class DLNetworkFileStoreLocation implements DLNetworkLocation {

    private final FileStore m_fileStore;

    public DLNetworkFileStoreLocation(final FileStore fileStore) {
        m_fileStore = fileStore;
    }

    @Override
    public URI getURI() {
        return m_fileStore.getFile().toURI();
    }

    public FileStore getFileStore() {
        return m_fileStore;
    }
}
