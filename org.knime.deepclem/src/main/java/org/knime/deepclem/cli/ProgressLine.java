package org.knime.deepclem.cli;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The batch's progress on one self-rewriting stderr line (pairs done, failed, rate, time left), shown only when stderr
 * is a terminal: in a job's log file it would be noise.
 */
final class ProgressLine {

    private final PrintStream err;
    private final int total;
    private final long start = System.nanoTime();
    private int done;
    private int failed;

    /** A progress line written to {@code err}, or nowhere when it is null. */
    ProgressLine(PrintStream err, int total) {
        this.err = err;
        this.total = total;
    }

    /** A progress line on stderr when it is a terminal, else one that prints nothing. */
    static ProgressLine forTerminal(int total) {
        return new ProgressLine(isTerminal() ? System.err : null, total);
    }

    synchronized void pairDone(boolean ok) {
        done++;
        if (!ok) {
            failed++;
        }
        if (err != null) {
            double seconds = (System.nanoTime() - start) / 1e9;
            err.print("\r" + text(done, failed, total, seconds) + "   ");
            err.flush();
        }
    }

    /** Ends the line, so that what is printed next starts on its own line. */
    synchronized void finish() {
        if (err != null && done > 0) {
            err.println();
        }
    }

    static String text(int done, int failed, int total, double seconds) {
        double rate = seconds > 0 ? done / seconds : 0;
        String left = rate > 0 && done < total ? ", about " + duration((total - done) / rate) + " left" : "";
        return String.format(Locale.ROOT, "%d of %d pairs done, %d failed, %.2f pairs/s%s", done, total, failed, rate,
            left);
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return (s / 60) + " min " + (s % 60) + " s";
        }
        return (s / 3600) + " h " + (s % 3600 / 60) + " min";
    }

    /**
     * Whether stderr goes to a terminal. Java 17 has a console only when both stdin and stdout are terminals; Java 22
     * and later have one always and say through {@code Console.isTerminal()} whether it is one.
     */
    private static boolean isTerminal() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // Java 17 to 21: a console exists only for a terminal
        }
    }
}
