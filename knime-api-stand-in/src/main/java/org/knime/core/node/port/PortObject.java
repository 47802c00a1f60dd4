package org.knime.core.node.port;

import javax.swing.JComponent;

/** Stand-in of org.knime.core.node.port.PortObject: what execute passes between nodes. */
public interface PortObject {

    PortType TYPE = PortTypeRegistry.getInstance().getPortType(PortObject.class);

    PortType TYPE_OPTIONAL = PortTypeRegistry.getInstance().getPortType(PortObject.class, true);

    String getSummary();

    PortObjectSpec getSpec();

    JComponent[] getViews();
}
