package org.knime.core.node.port;

import javax.swing.JComponent;

/** Stand-in of org.knime.core.node.port.PortObjectSpec: what configure passes between nodes. */
public interface PortObjectSpec {

    JComponent[] getViews();
}
