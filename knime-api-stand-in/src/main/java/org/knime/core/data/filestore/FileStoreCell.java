package org.knime.core.data.filestore;

import org.knime.core.data.DataCell;

/** Stand-in of org.knime.core.data.filestore.FileStoreCell: a cell whose content may live in file stores. */
public abstract class FileStoreCell extends DataCell {

    private static final long serialVersionUID = 1L;

    private final transient FileStore[] m_fileStores;

    protected FileStoreCell(final FileStore[] fileStores) {
        m_fileStores = fileStores.clone();
    }

    protected FileStoreCell(final FileStore fileStore) {
        this(new FileStore[]{fileStore});
    }

    protected FileStoreCell() {
        m_fileStores = new FileStore[0];
    }

    protected FileStore getFileStore() {
        return m_fileStores.length == 0 ? null : m_fileStores[0];
    }

    protected FileStore[] getFileStores() {
        return m_fileStores.clone();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName();
    }

    @Override
    protected boolean equalsDataCell(final DataCell dc) {
        return dc == this;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
