package org.knime.deepclem.cli;

/** Turns an exception into the one line a user sees. */
final class CliErrors {

    private CliErrors() {
    }

    static String message(Throwable ex) {
        Throwable t = ex;
        while (t.getMessage() == null && t.getCause() != null) {
            t = t.getCause();
        }
        String msg = t.getMessage();
        if (msg == null) {
            return t.getClass().getSimpleName();
        }
        // libraries embed "java.io.EOFException: ..." in their messages; the user needs the text, not the class
        return msg.replace('\n', ' ').replaceAll("\\b(?:[a-z_$][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error): ", "");
    }
}
