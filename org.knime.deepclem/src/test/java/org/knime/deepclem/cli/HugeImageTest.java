package org.knime.deepclem.cli;

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
 * is 1/16 of the 3 GB the 16384^2 check gets plus a fixed allowance (JVM, TensorFlow's Java side, BoofCV's feature
 * images, which do not grow with the EM), so a
 * full-size float copy of the EM (64 MB here, 1 GB there) more than the memory plan allows shows up as an
 * OutOfMemoryError here too.
 */
class HugeImageTest {

    static final int SIZE = 4096;
    static final String HEAP = "-Xmx" + System.getProperty("deepclem.huge.heap", "768m");

    @TempDir
    Path tmp;

    @Test
    void largeEmThroughPredictRegisterAndApplyInASmallHeap() throws Exception {
        Path in = tmp.resolve("in");
        HugeInputs.main(new String[] {in.toString(), Integer.toString(SIZE), "4"});
        Path vc = tmp.resolve("predict/vc.tif");
        String out = child(tmp.resolve("predict.log"), List.of(0), "predict", "--em", in.resolve("em.tif"), "--model",
            in.resolve("model"), "--out", vc);
        LoadedImage v = ImageFiles.read(vc);
        assertEquals(SIZE, v.width(), out);
        Path reg = tmp.resolve("register");
        // the tiled EM repeats itself, so the registration may rightly call the pose ambiguous: 0 or 1, never OOM
        child(tmp.resolve("register.log"), List.of(0, 1), "register", "--em", in.resolve("em.tif"), "--lm",
            in.resolve("lm.png"), "--model", in.resolve("model"), "--out", reg);
        assertTrue(Files.isRegularFile(reg.resolve("transform.json")));
        assertEquals(SIZE, ImageFiles.size(reg.resolve("virtual_chromatin.tif"))[0]);
        // apply with the transform the inputs were made with: warps the 1024^2 LM into the 4096^2 EM frame
        Path t = Files.writeString(tmp.resolve("known.json"), HugeInputs.knownTransformJson(SIZE, 4));
        Path app = tmp.resolve("apply");
        out = child(tmp.resolve("apply.log"), List.of(0), "apply", "--transform", t, "--reference",
            in.resolve("em.tif"), "--out", app, in.resolve("lm.png"));
        LoadedImage warped = ImageFiles.read(app.resolve("lm_registered.tif"));
        assertEquals(SIZE, warped.width(), out);
        float[] centre = warped.channelArray(0);
        assertTrue(centre[SIZE / 2 * SIZE + SIZE / 2] > 0 || centre[SIZE / 2 * SIZE + SIZE / 3] > 0, "LM data inside");
    }

    /** Runs deepclem in a child JVM with the small heap; returns its output, failing unless it exits with 0. */
    private static String child(Path log, List<Integer> okCodes, Object... args) throws Exception {
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
        assertTrue(okCodes.contains(p.exitValue()) && !out.contains("OutOfMemoryError"), args[0] + " " + HEAP
            + " exit " + p.exitValue() + ": " + out);
        return out;
    }
}
