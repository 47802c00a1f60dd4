package org.knime.dl.core;

import java.net.URI;

/** Stand-in of org.knime.dl.core.DLNetworkLocation (bundle org.knime.dl). */
public interface DLNetworkLocation {

    URI getURI();
}
