package org.knime.dl.core;

/** Stand-in of org.knime.dl.core.DLInvalidSourceException: the network's files are gone or unreadable. */
public class DLInvalidSourceException extends Exception {

    private static final long serialVersionUID = 1L;

    public DLInvalidSourceException(final String message) {
        super(message);
    }
}
