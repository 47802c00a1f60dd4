package org.knime.deepclem.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knime.deepclem.engine.io.RepoData;
import org.knime.deepclem.engine.io.WriteFailedException;
import org.knime.deepclem.engine.pipeline.PairOutputs;
import org.knime.deepclem.engine.transform.TransformFiles;

/**
 * The README's exit-code table, code by code (130, interrupted, is {@link BatchInterruptTest}'s), and what goes with
 * it: one line on stderr, a stack trace only for an internal error and only with {@code --debug}, numbers that do not
 * depend on the machine's locale, and {@code --overwrite} that leaves nothing of the earlier result beside a failed one.
 */
class ExitCodeTest {

    @TempDir
    Path tmp;

    static Path example(String name) {
        return RepoData.file("example/" + name);
    }

    static Path training(String section) {
        return RepoData.file("training/em/" + section + ".png");
    }

    @Test
    void zeroForARegisteredPairOneForAFailedOne() {
        CliRun ok = CliRun.of("register", "--em", example("EM.png"), "--lm", example("Chromatin.png"), "--out",
            tmp.resolve("ok"));
        assertEquals(ExitCode.OK, ok.code(), ok.err());
        CliRun failed = CliRun.of("register", "--em", training("s6"), "--lm", example("Chromatin.png"), "--out",
            tmp.resolve("failed"));
        assertEquals(ExitCode.REGISTRATION_FAILED, failed.code(), failed.err());
        assertEquals(1, failed.err().strip().lines().count(), failed.err());
    }

    @Test
    void twoForBadInputWithoutStackTraceEvenWithDebug() {
        CliRun r = CliRun.of("register", "--em", tmp.resolve("missing.png"), "--lm", example("Chromatin.png"), "--out",
            tmp.resolve("out"), "--debug");
        assertEquals(ExitCode.BAD_INPUT, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("missing.png"), r.err());
        CliRun usage = CliRun.of("register", "--em", example("EM.png"), "--no-such-option");
        assertEquals(ExitCode.BAD_INPUT, usage.code(), usage.err());
    }

    /** Out of memory stands for every internal error: one line that points to --debug, which shows the trace. */
    @Test
    void threeForAnInternalErrorWithTheTraceOnlyWithDebug() throws Exception {
        Run plain = child(tmp.resolve("plain"));
        assertEquals(ExitCode.INTERNAL_ERROR, plain.code(), plain.output());
        assertEquals(1, plain.output().strip().lines().count(), plain.output());
        assertTrue(plain.output().startsWith("deepclem register: out of memory") && plain.output().contains(
            "run with --debug for details"), plain.output());
        Run debug = child(tmp.resolve("debug"), "--debug");
        assertEquals(ExitCode.INTERNAL_ERROR, debug.code(), debug.output());
        assertTrue(debug.output().contains("java.lang.OutOfMemoryError") && debug.output().contains("\tat "),
            "stack trace with --debug: " + debug.output());
        assertFalse(Files.exists(tmp.resolve("plain/transform.json")), "no result after an internal error");
    }

    @Test
    void anOutputThatCannotBeWrittenIsAnInternalError() {
        assertEquals(ExitCode.INTERNAL_ERROR, ExitCode.of(new WriteFailedException("cannot write x: No space left "
            + "on device", new IOException("No space left on device"))));
        assertEquals(ExitCode.BAD_INPUT, ExitCode.of(new java.nio.file.NoSuchFileException("x")));
        assertEquals(ExitCode.INTERNAL_ERROR, ExitCode.of(new NullPointerException()));
    }

    /** A German machine writes decimal commas with String.format; the files and messages must not change. */
    @Test
    void outputsDoNotDependOnTheDefaultLocale() throws Exception {
        Locale before = Locale.getDefault();
        CliRun root, german;
        try {
            Locale.setDefault(Locale.ROOT);
            root = CliRun.of("register", "--em", training("s6"), "--lm", example("Chromatin.png"), "--out",
                tmp.resolve("root"));
            Locale.setDefault(Locale.GERMANY);
            german = CliRun.of("register", "--em", training("s6"), "--lm", example("Chromatin.png"), "--out",
                tmp.resolve("german"));
        } finally {
            Locale.setDefault(before);
        }
        assertEquals(ExitCode.REGISTRATION_FAILED, german.code(), german.err());
        assertEquals(root.err().replace("root", "german"), german.err());
        String json = Files.readString(tmp.resolve("german/transform.json"));
        assertTrue(json.matches("(?s).*\"reason\": \"[^\"]*\\d\\.\\d+[^\"]*\".*"), "a figure in the reason: " + json);
        assertArrayEquals(Files.readAllBytes(tmp.resolve("root/transform.json")), json.getBytes(
            java.nio.charset.StandardCharsets.UTF_8));
    }

    /** An earlier ok result must not stay beside a result that now fails, looking like it. */
    @Test
    void overwriteRemovesTheEarlierResultOfTheSameFolder() throws IOException {
        Path out = tmp.resolve("out");
        CliRun ok = CliRun.of("register", "--em", example("EM.png"), "--lm", example("Chromatin.png"), "--out", out);
        assertEquals(ExitCode.OK, ok.code(), ok.err());
        assertTrue(Files.exists(out.resolve("Chromatin_registered.tif")));
        // register writes the transform for other tools too, each holding the transform.json's matrix
        double[] m = TransformFiles.read(out.resolve("transform.json")).result().movingToFixed().toRowMajor();
        for (String export : PairOutputs.EXPORTS) {
            double[] e = TransformFiles.read(out.resolve(export)).result().movingToFixed().toRowMajor();
            for (int i = 0; i < 6; i++) {
                assertEquals(m[i], e[i], 1e-9 * Math.max(1, Math.abs(m[i])), export + " entry " + i);
            }
        }
        Path notes = Files.writeString(out.resolve("my-notes.txt"), "mine");
        CliRun failed = CliRun.of("register", "--em", training("s6"), "--lm", example("Chromatin.png"), "--out", out,
            "--overwrite");
        assertEquals(ExitCode.REGISTRATION_FAILED, failed.code(), failed.err());
        List<String> stales = new ArrayList<>(List.of("Chromatin_registered.tif", "overlay.png"));
        stales.addAll(PairOutputs.EXPORTS);
        for (String stale : stales) {
            assertFalse(Files.exists(out.resolve(stale)), stale + " of the earlier run left beside a failed result");
        }
        assertEquals("mine", Files.readString(notes), "a file the run did not write is left alone");
    }

    record Run(int code, String output) {
    }

    /** {@code register} on the demo in a JVM whose heap is far too small for the EM image. */
    private Run child(Path out, String... more) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx24m", "-cp", System.getProperty("java.class.path"), Main.class.getName(), "register", "--em",
            example("EM.png").toString(), "--lm", example("Chromatin.png").toString(), "--out", out.toString()));
        cmd.addAll(List.of(more));
        Path log = tmp.resolve(out.getFileName() + ".log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("TF_CPP_MIN_LOG_LEVEL", "3");
        Process p = pb.start();
        assertTrue(p.waitFor(3, TimeUnit.MINUTES), "child did not end");
        return new Run(p.exitValue(), Files.readString(log));
    }
}
