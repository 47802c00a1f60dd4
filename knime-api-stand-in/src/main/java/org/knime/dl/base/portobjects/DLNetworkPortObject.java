package org.knime.dl.base.portobjects;

import org.knime.core.node.port.PortObject;

/** Stand-in of org.knime.dl.base.portobjects.DLNetworkPortObject (bundle org.knime.dl). */
public interface DLNetworkPortObject extends PortObject {

    String SUMMARY = "Deep Learning Network";

    @Override
    DLNetworkPortObjectSpec getSpec();

    String getModelName();

    @Override
    default String getSummary() {
        return getModelName();
    }
}
