package org.knime.core.node;

/** Stand-in of org.knime.core.node.CanceledExecutionException. */
public class CanceledExecutionException extends Exception {

    private static final long serialVersionUID = 1L;

    public CanceledExecutionException() {
        super();
    }

    public CanceledExecutionException(final String message) {
        super(message);
    }
}
