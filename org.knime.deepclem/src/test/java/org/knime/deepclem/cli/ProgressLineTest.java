package org.knime.deepclem.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.junit.jupiter.api.Test;

/** The batch's progress line: what it says, that it rewrites itself, and that it is quiet without a terminal. */
class ProgressLineTest {

    @Test
    void saysDoneFailedRateAndTimeLeft() {
        assertEquals("3 of 10 pairs done, 1 failed, 0.50 pairs/s, about 14 s left",
            ProgressLine.text(3, 1, 10, 6.0));
        assertEquals("10 of 10 pairs done, 0 failed, 2.00 pairs/s", ProgressLine.text(10, 0, 10, 5.0),
            "nothing is left at the end");
        assertEquals("0 of 4 pairs done, 0 failed, 0.00 pairs/s", ProgressLine.text(0, 0, 4, 0),
            "no rate, so no guess of the time left, before the first pair");
    }

    @Test
    void timeLeftReadsAsSecondsMinutesOrHours() {
        assertEquals("59 s", ProgressLine.duration(59.4));
        assertEquals("1 min 0 s", ProgressLine.duration(59.6));
        assertEquals("1 h 1 min", ProgressLine.duration(3661));
        assertEquals("27 h 46 min", ProgressLine.duration(100_000));
    }

    @Test
    void numbersDoNotDependOnTheLocale() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            assertEquals("1 of 3 pairs done, 0 failed, 0.25 pairs/s, about 8 s left", ProgressLine.text(1, 0, 3, 4.0));
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void rewritesOneLineAndEndsIt() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressLine line = new ProgressLine(new PrintStream(bytes, true, StandardCharsets.UTF_8), 2);
        line.pairDone(true);
        line.pairDone(false);
        line.finish();
        String written = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(written.startsWith("\r1 of 2 pairs done, 0 failed, "), written);
        assertTrue(written.contains("\r2 of 2 pairs done, 1 failed, "), written);
        assertEquals(1, written.chars().filter(c -> c == '\n').count(), "one line, ended once: " + written);
        assertTrue(written.endsWith("\n"), written);
    }

    @Test
    void quietWhenStderrIsNotATerminal() {
        // the test JVM's stderr is a pipe to Maven, as in a cluster job's log
        PrintStream before = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
            ProgressLine line = ProgressLine.forTerminal(1);
            line.pairDone(true);
            line.finish();
        } finally {
            System.setErr(before);
        }
        assertEquals("", bytes.toString(StandardCharsets.UTF_8));
    }
}
