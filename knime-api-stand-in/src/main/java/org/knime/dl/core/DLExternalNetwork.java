package org.knime.dl.core;

/** Stand-in of org.knime.dl.core.DLExternalNetwork (bundle org.knime.dl): a network stored outside the port. */
public interface DLExternalNetwork extends DLNetwork {

    DLNetworkLocation getSource();
}
