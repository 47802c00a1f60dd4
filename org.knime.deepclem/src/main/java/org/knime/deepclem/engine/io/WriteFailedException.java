package org.knime.deepclem.engine.io;

import java.io.IOException;

/**
 * An output could not be written (disk full, a vanished folder, an I/O error): a failure of the machine, not of the
 * user's input, which the command line reports with its own exit code.
 */
public final class WriteFailedException extends IOException {

    private static final long serialVersionUID = 1L;

    public WriteFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
