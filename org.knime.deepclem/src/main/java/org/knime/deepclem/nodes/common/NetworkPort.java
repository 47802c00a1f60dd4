package org.knime.deepclem.nodes.common;

import java.io.IOException;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortType;
import org.knime.core.node.port.PortTypeRegistry;
import org.knime.deepclem.engine.predict.VirtualChromatinModel;

/**
 * The optional "TensorFlow network" input: the port of KNIME's deep-learning integration (KNIME Deep Learning -
 * TensorFlow Integration; its TensorFlow Network Reader and Keras converter make it), whose SavedModel then replaces
 * the model chosen in the dialog. The integration is an optional dependency: this class names its port object only
 * by class name, and {@link KnimeTensorFlowNetwork}, which uses its classes, is loaded only when such an object is
 * connected. The SavedModel runs on this plugin's TensorFlow; the integration's own runtime (libtensorflow 1.13.1) is
 * never asked to load it (docs/install.md, "KNIME's deep-learning networks").
 */
public final class NetworkPort {

    static final String PORT_OBJECT = "org.knime.dl.tensorflow.base.portobjects.TFNetworkPortObject";

    /** The port's name in node descriptions and messages. */
    public static final String NAME = "TensorFlow network";

    private NetworkPort() {
    }

    /**
     * The optional port type: the integration's network port where it is installed, else an optional port of any
     * type, so the node (and workflows saved with it) works without the integration.
     */
    public static PortType optionalType() {
        PortTypeRegistry registry = PortTypeRegistry.getInstance();
        return registry.getObjectClass(PORT_OBJECT).map(c -> registry.getPortType(c, true))
            .orElse(PortObject.TYPE_OPTIONAL);
    }

    /** Whether a network is connected; refuses anything that is not a TensorFlow network. */
    public static boolean isConnected(final PortObjectSpec spec) throws InvalidSettingsException {
        if (spec == null) {
            return false;
        }
        if (!spec.getClass().getName().equals(PORT_OBJECT + "Spec")) {
            throw new InvalidSettingsException("The \"" + NAME + "\" input takes a TensorFlow network (from KNIME's "
                + "TensorFlow Network Reader), not a " + spec.getClass().getSimpleName() + "; connect one or none.");
        }
        return true;
    }

    /** The connected network's SavedModel, not yet opened in TensorFlow (close it after use). */
    static VirtualChromatinModel.UnpackedModel prepare(final PortObject network) throws IOException {
        return KnimeTensorFlowNetwork.prepare(network);
    }
}
