package org.knime.core.data.filestore;

import java.io.IOException;
import java.util.Arrays;
import java.util.Objects;

import org.knime.core.data.DataCell;

/**
 * Stand-in of org.knime.core.data.filestore.FileStoreCell: a cell whose content lives in file stores. As in KNIME a
 * null file store is refused, and {@link #flushToFileStore()} is called once before the table holding the cell is
 * finished (here: when its container closes).
 */
public abstract class FileStoreCell extends DataCell {

    private static final long serialVersionUID = 1L;

    private final transient FileStore[] m_fileStores;

    private transient boolean m_flushed;

    protected FileStoreCell(final FileStore[] fileStores) {
        m_fileStores = fileStores.clone();
        Arrays.stream(m_fileStores).forEach(f -> Objects.requireNonNull(f, "file store must not be null"));
    }

    protected FileStoreCell(final FileStore fileStore) {
        this(new FileStore[]{fileStore});
    }

    /** For deserialization (KNIME restores the file stores afterwards). */
    protected FileStoreCell() {
        m_fileStores = new FileStore[0];
        m_flushed = true;
    }

    /** @deprecated as in KNIME: use {@link #getFileStores()} */
    @Deprecated
    protected FileStore getFileStore() {
        return m_fileStores.length == 0 ? null : m_fileStores[0];
    }

    protected FileStore[] getFileStores() {
        return m_fileStores.clone();
    }

    /** Called after deserialization, once the file stores are known. */
    protected void postConstruct() throws IOException {
        // no op, as in KNIME
    }

    /** Writes the cell's content into its file stores. */
    protected void flushToFileStore() throws IOException {
        // no op, as in KNIME
    }

    final void callFlushIfNeeded() throws IOException {
        if (!m_flushed) {
            m_flushed = true;
            flushToFileStore();
        }
    }

    @Override
    public String toString() {
        return Arrays.toString(m_fileStores);
    }

    @Override
    protected boolean equalsDataCell(final DataCell dc) {
        return Arrays.equals(m_fileStores, ((FileStoreCell)dc).m_fileStores);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(m_fileStores);
    }
}
