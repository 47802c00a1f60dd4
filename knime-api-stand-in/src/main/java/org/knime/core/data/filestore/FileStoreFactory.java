package org.knime.core.data.filestore;

import java.io.IOException;

import org.knime.core.node.ExecutionContext;

/** Stand-in of org.knime.core.data.filestore.FileStoreFactory: creates file stores for cells. */
public abstract class FileStoreFactory {

    public abstract FileStore createFileStore(String relativePath) throws IOException;

    public abstract void close();

    /** File stores of the node executing with {@code exec}. */
    public static final FileStoreFactory createFileStoreFactory(final ExecutionContext exec) {
        return new FileStoreFactory() {
            @Override
            public FileStore createFileStore(final String relativePath) throws IOException {
                return exec.createFileStore(relativePath);
            }

            @Override
            public void close() {
                // the execution context owns the file stores
            }
        };
    }
}
