package org.knime.dl.core;

/** Stand-in of org.knime.dl.core.DLNetwork (bundle org.knime.dl). */
public interface DLNetwork {

    DLNetworkSpec getSpec();
}
