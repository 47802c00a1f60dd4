package org.knime.dl.base.portobjects;

import org.knime.core.node.port.PortObjectSpec;
import org.knime.dl.core.DLNetwork;
import org.knime.dl.core.DLNetworkSpec;

/** Stand-in of org.knime.dl.base.portobjects.DLNetworkPortObjectSpec (bundle org.knime.dl). */
public interface DLNetworkPortObjectSpec extends PortObjectSpec {

    DLNetworkSpec getNetworkSpec();

    Class<? extends DLNetwork> getNetworkType();
}
