package org.knime.deepclem.nodes.common;

import java.io.File;
import java.io.IOException;
import java.util.List;

import org.knime.core.node.port.PortObject;
import org.knime.deepclem.engine.predict.VirtualChromatinModel;
import org.knime.dl.core.DLInvalidSourceException;
import org.knime.dl.tensorflow.base.portobjects.TFNetworkPortObject;
import org.knime.dl.tensorflow.core.TFNetwork;
import org.knime.dl.tensorflow.savedmodel.core.TFSavedModelNetwork;

/**
 * Reads the SavedModel behind a network port object of KNIME's deep-learning integration (knime/knime-tensorflow:
 * TFNetworkPortObject, TFSavedModelNetwork). Only file access: {@code getNetwork()} builds the network object from
 * its spec and location, {@code getSavedModelInDir()} returns the folder (unpacking a zip); neither loads
 * TensorFlow. Loaded only when such an object is connected (see {@link NetworkPort}).
 */
final class KnimeTensorFlowNetwork {

    private KnimeTensorFlowNetwork() {
    }

    static VirtualChromatinModel.UnpackedModel prepare(final PortObject port) throws IOException {
        TFNetwork network;
        try {
            network = ((TFNetworkPortObject)port).getNetwork();
        } catch (DLInvalidSourceException e) {
            throw new IOException("The connected " + NetworkPort.NAME + " cannot be read (" + e.getMessage()
                + "); execute its reader again.", e);
        }
        if (!(network instanceof TFSavedModelNetwork savedModel)) {
            throw new IOException("The connected " + NetworkPort.NAME + " is a " + network.getClass().getSimpleName()
                + "; only SavedModel networks (TensorFlow Network Reader) can predict virtual chromatin.");
        }
        File dir = savedModel.getSavedModelInDir();
        return VirtualChromatinModel.prepareSavedModel(dir.toPath(), List.of(savedModel.getSpec().getTags()),
            "the connected " + NetworkPort.NAME + " (" + dir + ")");
    }
}
