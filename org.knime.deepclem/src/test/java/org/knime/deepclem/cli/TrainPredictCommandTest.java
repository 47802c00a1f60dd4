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
            // the default keeps one step's weights
            assertEquals(0, ((Number) s.training().get("averagedSnapshots")).intValue());
        }
        Path averaged = tmp.resolve("averaged.zip");
        assertEquals(0, Main.run("train", "--em", data.resolve("em").toString(), "--chromatin",
            data.resolve("chromatin").toString(), "--out", averaged.toString(), "--steps", "2", "--depth", "2",
            "--filters", "4", "--patch", "32", "--batch", "2", "--scale", "0.125", "--validate-every", "1",
            "--exclude", "s7,s8", "--average-weights"));
        try (VirtualChromatinModel m = VirtualChromatinModel.load(averaged)) {
            // the mean of the second half's validation steps: here step 2 of 2
            assertEquals(1, ((Number) m.settings().training().get("averagedSnapshots")).intValue());
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

    /** A copy of the training pairs s6 and s7 whose EM files are calibrated with these sizes (null: none). */
    private Path calibratedTrainingData(final String name, final String s6, final String s7) throws Exception {
        Path data = root().resolve("data/deepclem/training"), dir = tmp.resolve(name);
        Files.createDirectories(dir.resolve("em"));
        Files.createDirectories(dir.resolve("chromatin"));
        String[] sizes = {s6, s7};
        for (int i = 0; i < 2; i++) {
            String file = "s" + (6 + i) + ".png";
            Files.copy(data.resolve("chromatin").resolve(file), dir.resolve("chromatin").resolve(file));
            var em = org.knime.deepclem.engine.io.ImageFiles.read(data.resolve("em").resolve(file));
            org.knime.deepclem.engine.io.ImageFiles.write(em, dir.resolve("em").resolve(file), false,
                sizes[i] == null ? null : org.knime.deepclem.engine.io.PixelSize.parse(sizes[i]));
        }
        return dir;
    }

    private CliRun train(final Path data, final Path model) {
        return CliRun.of("train", "--em", data.resolve("em"), "--chromatin", data.resolve("chromatin"), "--out", model,
            "--steps", "1", "--depth", "2", "--filters", "4", "--patch", "32", "--batch", "2", "--scale", "0.125",
            "--validate-every", "1");
    }

    /** Issue 13: without --em-pixel-size, train records the EM files' pixel size, which must agree to 1 %. */
    @Test
    void trainRecordsTheEmFilesPixelSize() throws Exception {
        Path model = tmp.resolve("calibrated.zip");
        CliRun r = train(calibratedTrainingData("same", "5nm", "0.005um"), model);
        assertEquals(0, r.code(), r.err());
        try (VirtualChromatinModel m = VirtualChromatinModel.load(model)) {
            assertEquals(0.005, m.settings().emPixelSizeUm(), 1e-9);
        }

        Path refused = tmp.resolve("refused.zip");
        r = train(calibratedTrainingData("different", "5nm", "10nm"), refused);
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("different pixel sizes (more than 1 % apart): 5 nm: s6.png; 10 nm: s7.png")
            && r.err().contains("--em-pixel-size"), r.err());
        assertFalse(Files.exists(refused));
        r = train(calibratedTrainingData("some", null, "10nm"), refused);
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("only some training EM images have a pixel size: none: s6.png; 10 nm: s7.png"),
            r.err());
        // given: recorded as given, whatever the files say
        r = CliRun.of("train", "--em", tmp.resolve("different/em"), "--chromatin", tmp.resolve("different/chromatin"),
            "--out", refused, "--steps", "1", "--depth", "2", "--filters", "4", "--patch", "32", "--batch", "2",
            "--scale", "0.125", "--validate-every", "1", "--em-pixel-size", "8nm");
        assertEquals(0, r.code(), r.err());
        try (VirtualChromatinModel m = VirtualChromatinModel.load(refused)) {
            assertEquals(0.008, m.settings().emPixelSizeUm(), 1e-12);
        }
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
