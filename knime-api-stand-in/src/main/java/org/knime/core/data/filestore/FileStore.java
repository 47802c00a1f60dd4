package org.knime.core.data.filestore;

import java.io.File;

/** Stand-in of org.knime.core.data.filestore.FileStore: a file owned by the workflow. */
public final class FileStore {

    private final File m_file;

    FileStore(final File file) {
        m_file = file;
    }

    public File getFile() {
        return m_file;
    }

    @Override
    public String toString() {
        return m_file.toString();
    }
}
