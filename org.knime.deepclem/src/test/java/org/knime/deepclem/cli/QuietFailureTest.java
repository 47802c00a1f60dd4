package org.knime.deepclem.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bad input ends {@code register} with its one line on stderr, exit 2, and nothing of TensorFlow's before it: the
 * images are read and checked before TensorFlow loads or runs ({@link ModelLoad}); likewise {@code predict}, and a
 * {@code batch} of bad pairs gives their failed rows and no stderr at all. TensorFlow logs from native code, which an
 * in-process run cannot capture, so each case runs in a child JVM as the launcher runs it (without the launcher's
 * stderr filter, and with {@code TF_CPP_MIN_LOG_LEVEL} unset: TensorFlow then logs already as its library loads), and
 * the child's whole stderr is compared.
 */
class QuietFailureTest {

    @TempDir
    Path tmp;

    @Test
    void truncatedEm() throws Exception {
        Path em = cutEm();
        Path lm = ExitCodeTest.example("Chromatin.png");
        String expected = "deepclem register: cannot read image " + em + ": the file is truncated";
        assertOneLine(expected, register(em, lm, null));
        // as under the launcher: TensorFlow's library may load beside the reading then, being silent; it must not run
        assertOneLine(expected, register(em, lm, "2"));
    }

    @Test
    void unreadableLm() throws Exception {
        Path lm = Files.writeString(tmp.resolve("notes.png"), "not an image\n");
        assertOneLine("deepclem register: cannot read image " + lm + ": not a PNG or TIFF image",
            register(ExitCodeTest.example("EM.png"), lm, null));
    }

    @Test
    void missingEm() throws Exception {
        Path em = tmp.resolve("missing.png");
        assertOneLine("deepclem register: cannot read image " + em + ": no such file",
            register(em, ExitCodeTest.example("Chromatin.png"), null));
    }

    /** A batch whose every pair is bad: their failed rows, exit 1, and TensorFlow never started. */
    @Test
    void batchOfBadPairs() throws Exception {
        Path em = cutEm();
        Path text = Files.writeString(tmp.resolve("notes.png"), "not an image\n");
        Path csv = Files.writeString(tmp.resolve("pairs.csv"), "id,em,lm\nbad," + em + "," + ExitCodeTest.example(
            "Chromatin.png") + "\ntext," + ExitCodeTest.example("EM.png") + "," + text + "\n");
        Run r = run(null, "batch", "--pairs", csv.toString(), "--out", tmp.resolve("out").toString());
        assertEquals("", r.err(), "the whole of stderr");
        assertEquals(ExitCode.REGISTRATION_FAILED, r.code(), r.out());
        assertTrue(r.out().contains("bad: failed (error: cannot read image " + em + ": the file is truncated)"),
            r.out());
        assertTrue(r.out().contains("text: failed (error: cannot read image " + text + ": not a PNG or TIFF image)"),
            r.out());
    }

    @Test
    void predictOfATruncatedEm() throws Exception {
        Path em = cutEm();
        Run r = run(null, "predict", "--em", em.toString(), "--out", tmp.resolve("out.tif").toString());
        assertEquals("deepclem predict: cannot read image " + em + ": the file is truncated" + System.lineSeparator(),
            r.err(), "the whole of stderr");
        assertEquals(ExitCode.BAD_INPUT, r.code(), r.err());
    }

    record Run(int code, String out, String err) {
    }

    /** The demo EM cut off after 20000 bytes, as {@code head -c 20000} makes it. */
    private Path cutEm() throws IOException {
        return Files.write(tmp.resolve("trunc.png"), Arrays.copyOf(Files.readAllBytes(ExitCodeTest.example("EM.png")),
            20_000));
    }

    private void assertOneLine(String line, Run r) {
        assertEquals(line + System.lineSeparator(), r.err(), "the whole of stderr");
        assertEquals(ExitCode.BAD_INPUT, r.code(), r.err());
        assertEquals("", r.out(), "stdout");
        assertFalse(Files.exists(tmp.resolve("out/transform.json")), "no result");
    }

    /** {@code register} in a child JVM; {@code logLevel} null: TF_CPP_MIN_LOG_LEVEL unset. */
    private Run register(Path em, Path lm, String logLevel) throws Exception {
        return run(logLevel, "register", "--em", em.toString(), "--lm", lm.toString(), "--out",
            tmp.resolve("out").toString());
    }

    /** The command line in a child JVM, as the launcher runs it but without its stderr filter. */
    private Run run(String logLevel, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        Path out = tmp.resolve("child.out"), err = tmp.resolve("child.err");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().remove("TF_CPP_MIN_LOG_LEVEL");
        pb.environment().remove(StderrRouting.FD_VARIABLE);
        if (logLevel != null) {
            pb.environment().put("TF_CPP_MIN_LOG_LEVEL", logLevel);
        }
        Process p = pb.start();
        assertTrue(p.waitFor(3, TimeUnit.MINUTES), "child did not end");
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8));
    }
}
