package org.knime.dl.base.portobjects;

import java.io.IOException;
import java.util.List;

import javax.swing.JComponent;

import org.knime.core.data.filestore.FileStore;
import org.knime.core.data.filestore.FileStorePortObject;
import org.knime.dl.core.DLInvalidSourceException;
import org.knime.dl.core.DLNetwork;

/**
 * Stand-in of org.knime.dl.base.portobjects.DLAbstractNetworkPortObject (bundle org.knime.dl): the network is
 * created lazily from the spec and its location; with a file store, the network's files are copied into it.
 */
public abstract class DLAbstractNetworkPortObject<N extends DLNetwork, S extends DLNetworkPortObjectSpec>
    extends FileStorePortObject implements DLNetworkPortObject {

    protected N m_network;

    protected S m_spec;

    protected DLAbstractNetworkPortObject(final N network, final S spec, final FileStore fileStore)
        throws IOException {
        super(fileStore == null ? List.of() : List.of(fileStore));
        m_network = network;
        m_spec = spec;
        if (fileStore != null) {
            flushToFileStoreInternal(network, fileStore);
        }
    }

    protected abstract void flushToFileStoreInternal(N network, FileStore fileStore) throws IOException;

    protected abstract N getNetworkInternal(S spec) throws DLInvalidSourceException, IOException;

    public final N getNetwork() throws DLInvalidSourceException, IOException {
        if (m_network == null) {
            m_network = getNetworkInternal(m_spec);
        }
        return m_network;
    }

    @Override
    public S getSpec() {
        return m_spec;
    }

    @Override
    public JComponent[] getViews() {
        return new JComponent[0];
    }
}
