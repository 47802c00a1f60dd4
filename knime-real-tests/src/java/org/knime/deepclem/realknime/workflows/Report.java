package org.knime.deepclem.realknime.workflows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Lines for the stage's summary (file in system property knime.real.report; run.sh prints it). */
final class Report {

    private Report() {
    }

    static synchronized void line(final String text) {
        String file = System.getProperty("knime.real.report");
        if (file == null) {
            return;
        }
        try {
            Files.writeString(Path.of(file), text + System.lineSeparator(), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
