package org.knime.core.node;

import org.knime.core.node.port.PortType;

/**
 * The port types of a node model (NodeModel's accessors are protected, so this lives in its package), for the
 * workflow check: connections must join compatible ports.
 */
public final class NodePorts {

    private NodePorts() {
    }

    public static PortType[] in(final NodeModel model) {
        PortType[] t = new PortType[model.getNrInPorts()];
        for (int i = 0; i < t.length; i++) {
            t[i] = model.getInPortType(i);
        }
        return t;
    }

    public static PortType[] out(final NodeModel model) {
        PortType[] t = new PortType[model.getNrOutPorts()];
        for (int i = 0; i < t.length; i++) {
            t[i] = model.getOutPortType(i);
        }
        return t;
    }
}
