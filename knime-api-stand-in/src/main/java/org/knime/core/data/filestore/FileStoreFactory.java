package org.knime.core.data.filestore;

import java.io.IOException;

/** Stand-in of org.knime.core.data.filestore.FileStoreFactory (opaque here: the stand-in keeps cells in memory). */
public abstract class FileStoreFactory {

    public abstract FileStore createFileStore(String relativePath) throws IOException;

    public abstract void close();
}
