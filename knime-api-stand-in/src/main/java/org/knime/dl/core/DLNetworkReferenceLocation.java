package org.knime.dl.core;

import java.net.URI;

/** Stand-in of org.knime.dl.core.DLNetworkReferenceLocation: the network stays where the reader found it. */
public final class DLNetworkReferenceLocation implements DLNetworkLocation {

    private final URI m_uri;

    public DLNetworkReferenceLocation(final URI uri) {
        m_uri = uri;
    }

    @Override
    public URI getURI() {
        return m_uri;
    }
}
