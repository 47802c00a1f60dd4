package org.knime.deepclem.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knime.deepclem.engine.io.ImageFiles;
import org.knime.deepclem.engine.io.LoadedImage;
import org.knime.deepclem.reliability.HugeInputs;

/**
 * The CI-sized version of bench/huge.sh: a 4096^2 EM through predict, register and apply in a child JVM whose heap
 * is 1/16 of the 3 GB the 16384^2 check gets (plus a fixed allowance for the JVM and TensorFlow's Java side), so a
 * full-size float copy of the EM (64 MB here, 1 GB there) more than the memory plan allows shows up as an
 * OutOfMemoryError here too.
 */
class HugeImageTest {

    static final int SIZE = 4096;
    static final String HEAP = "-Xmx" + System.getProperty("deepclem.huge.heap", "320m");

    @TempDir
    Path tmp;

    @Test
    void largeEmThroughPredictRegisterAndApplyInASmallHeap() throws Exception {
        Path in = tmp.resolve("in");
        HugeInputs.main(new String[] {in.toString(), Integer.toString(SIZE), "4"});
        Path vc = tmp.resolve("predict/vc.tif");
        String out = child(tmp.resolve("predict.log"), "predict", "--em", in.resolve("em.tif"), "--model",
            in.resolve("model"), "--out", vc);
        LoadedImage v = ImageFiles.read(vc);
        assertEquals(SIZE, v.width(), out);
        Path reg = tmp.resolve("register");
        out = child(tmp.resolve("register.log"), "register", "--em", in.resolve("em.tif"), "--lm", in.resolve("lm.png"),
            "--model", in.resolve("model"), "--out", reg);
        assertTrue(Files.isRegularFile(reg.resolve("lm_registered.tif")), out);
        assertEquals(SIZE, ImageFiles.size(reg.resolve("overlay.png"))[0]);
        Path app = tmp.resolve("apply");
        out = child(tmp.resolve("apply.log"), "apply", "--transform", reg.resolve("transform.json"), "--reference",
            in.resolve("em.tif"), "--out", app, in.resolve("lm.png"));
        assertArrayEquals(Files.readAllBytes(reg.resolve("lm_registered.tif")),
            Files.readAllBytes(app.resolve("lm_registered.tif")), "apply must reproduce register's image: " + out);
    }

    /** Runs deepclem in a child JVM with the small heap; returns its output, failing unless it exits with 0. */
    private static String child(Path log, Object... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            HEAP, "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        for (Object a : args) {
            cmd.add(a.toString());
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("TF_CPP_MIN_LOG_LEVEL", "2");
        Process p = pb.start();
        try {
            assertTrue(p.waitFor(5, TimeUnit.MINUTES), "timed out: " + args[0]);
        } finally {
            p.destroyForcibly();
        }
        String out = Files.readString(log);
        assertEquals(0, p.exitValue(), args[0] + " " + HEAP + ": " + out);
        return out;
    }
}
