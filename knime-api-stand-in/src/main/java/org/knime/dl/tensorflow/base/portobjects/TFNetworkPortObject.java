package org.knime.dl.tensorflow.base.portobjects;

import java.io.IOException;
import java.net.URI;

import org.knime.core.data.filestore.FileStore;
import org.knime.core.node.port.PortType;
import org.knime.core.node.port.PortTypeRegistry;
import org.knime.dl.base.portobjects.DLAbstractNetworkPortObject;
import org.knime.dl.core.DLNetworkFileStoreLocation;
import org.knime.dl.core.DLNetworkReferenceLocation;
import org.knime.dl.tensorflow.core.TFNetwork;
import org.knime.dl.tensorflow.savedmodel.core.TFSavedModelNetworkSpec;

/**
 * Stand-in of org.knime.dl.tensorflow.base.portobjects.TFNetworkPortObject (knime/knime-tensorflow, bundle
 * org.knime.dl.tensorflow), the "TensorFlow Deep Learning Network" port of the TensorFlow Network Reader: with a file
 * store ("copy network") the SavedModel is copied into it, else the port refers to the reader's URI.
 */
public class TFNetworkPortObject extends DLAbstractNetworkPortObject<TFNetwork, TFNetworkPortObjectSpec> {

    @SuppressWarnings("hiding")
    public static final PortType TYPE = PortTypeRegistry.getInstance().getPortType(TFNetworkPortObject.class);

    private final URI m_networkReference;

    public TFNetworkPortObject(final TFNetwork network, final FileStore fileStore) throws IOException {
        super(network, new TFNetworkPortObjectSpec(network.getSpec(), network.getClass()), fileStore);
        m_networkReference = null;
    }

    public TFNetworkPortObject(final TFNetwork network) throws IOException {
        super(network, new TFNetworkPortObjectSpec(network.getSpec(), network.getClass()), null);
        m_networkReference = network.getSource().getURI();
    }

    @Override
    public String getModelName() {
        return "TensorFlow Deep Learning Network";
    }

    @Override
    protected void flushToFileStoreInternal(final TFNetwork network, final FileStore fileStore) throws IOException {
        network.copyFilesToFileStore(fileStore);
    }

    @Override
    protected TFNetwork getNetworkInternal(final TFNetworkPortObjectSpec spec) {
        return ((TFSavedModelNetworkSpec)spec.getNetworkSpec()).create(m_networkReference == null
            ? new DLNetworkFileStoreLocation(getFileStore(0)) : new DLNetworkReferenceLocation(m_networkReference));
    }
}
