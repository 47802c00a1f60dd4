package org.knime.deepclem.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knime.deepclem.engine.predict.ModelSettings;
import org.knime.deepclem.engine.predict.VirtualChromatinModel;

/** deepclem train and predict on the real training images, with a tiny net and a handful of steps. */
class TrainPredictCommandTest {

    @TempDir
    Path tmp;

    static Path root() {
        String r = System.getProperty("deepclem.root");
        Path p = r != null ? Path.of(r) : Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("data/deepclem"))) {
            p = p.getParent();
        }
        return p;
    }

    @Test
    void trainThenPredict() throws Exception {
        Path data = root().resolve("data/deepclem/training");
        Path model = tmp.resolve("m.zip");
        int rc = Main.run("train", "--em", data.resolve("em").toString(), "--chromatin",
            data.resolve("chromatin").toString(), "--out", model.toString(), "--steps", "2", "--depth", "2",
            "--filters", "4", "--patch", "32", "--batch", "2", "--scale", "0.125", "--validate-every", "1",
            "--exclude", "s7,s8", "--em-pixel-size", "12nm");
        assertEquals(0, rc);
        try (VirtualChromatinModel m = VirtualChromatinModel.load(model)) {
            ModelSettings s = m.settings();
            assertEquals(0.125, s.workingScale());
            assertEquals(java.util.List.of("s6"), s.training().get("pairs"));
            assertTrue(((String) s.training().get("command")).contains("--exclude s7,s8"));
            assertEquals(0.012, s.emPixelSizeUm(), 1e-12);
        }
        // a size without a unit is refused before any training
        assertEquals(2, Main.run("train", "--em", data.resolve("em").toString(), "--chromatin",
            data.resolve("chromatin").toString(), "--out", tmp.resolve("m2.zip").toString(), "--em-pixel-size", "12"));
        assertFalse(Files.exists(tmp.resolve("m2.zip")));
        // refuses to overwrite
        assertEquals(2, Main.run("train", "--em", data.resolve("em").toString(), "--chromatin",
            data.resolve("chromatin").toString(), "--out", model.toString(), "--steps", "1"));

        Path out = tmp.resolve("vc.tif");
        assertEquals(0, Main.run("predict", "--em", root().resolve("data/deepclem/example/EM.png").toString(),
            "--model", model.toString(), "--out", out.toString()));
        BufferedImage img = ImageIO.read(out.toFile());
        assertEquals(1002, img.getWidth());
        assertEquals(530, img.getHeight());
        assertEquals(java.awt.image.DataBuffer.TYPE_FLOAT, img.getRaster().getDataBuffer().getDataType());
        assertEquals(2, Main.run("predict", "--em", root().resolve("data/deepclem/example/EM.png").toString(),
            "--model", model.toString(), "--out", out.toString()));
    }

    @Test
    void badInputGivesOneLine() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream old = System.err;
        System.setErr(new PrintStream(err, true));
        try {
            int rc = Main.run("predict", "--em", tmp.resolve("missing.png").toString(), "--model",
                tmp.resolve("none.zip").toString(), "--out", tmp.resolve("o.tif").toString());
            assertEquals(2, rc);
        } finally {
            System.setErr(old);
        }
        String msg = err.toString();
        assertTrue(msg.startsWith("deepclem predict: ") && msg.contains("missing.png"), msg);
        assertEquals(1, msg.strip().lines().count(), msg);
    }
}
