package org.knime.deepclem.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CancellationException;

import org.knime.deepclem.engine.io.WriteFailedException;

/** The exit codes of every command (README, "Exit codes"), and which one an exception ends a run with. */
final class ExitCode {

    static final int OK = 0;
    /** The run worked, but a registration (or a pair of a batch) failed its quality check or errored. */
    static final int REGISTRATION_FAILED = 1;
    /** The user's input or options are wrong: the message says what to change. */
    static final int BAD_INPUT = 2;
    /** Out of memory, an output that could not be written, or a bug: {@code --debug} shows the stack trace. */
    static final int INTERNAL_ERROR = 3;
    /** Stopped by an interrupt before the end (the shell's code for Ctrl-C, 128 + SIGINT). */
    static final int INTERRUPTED = 130;

    private ExitCode() {
    }

    static int of(Throwable ex) {
        if (ex instanceof CancellationException || ex instanceof InterruptedException) {
            return INTERRUPTED;
        }
        Throwable cause = ex instanceof UncheckedIOException u ? u.getCause() : ex;
        if (cause instanceof WriteFailedException) {
            return INTERNAL_ERROR;
        }
        // reading a file that is missing, damaged or not an image, and every check of inputs and options
        if (cause instanceof IOException || cause instanceof IllegalArgumentException) {
            return BAD_INPUT;
        }
        return INTERNAL_ERROR;
    }
}
