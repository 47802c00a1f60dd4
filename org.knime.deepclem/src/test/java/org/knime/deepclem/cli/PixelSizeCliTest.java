package org.knime.deepclem.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knime.deepclem.engine.io.ChannelSelection;
import org.knime.deepclem.engine.io.ImageCalibration;
import org.knime.deepclem.engine.io.ImageFiles;
import org.knime.deepclem.engine.io.LoadedImage;
import org.knime.deepclem.engine.io.RepoData;
import org.knime.deepclem.engine.transform.TransformDocument;
import org.knime.deepclem.engine.transform.TransformJson;

import ij.CompositeImage;
import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.measure.Calibration;
import ij.process.ByteProcessor;
import ij.process.ShortProcessor;

/**
 * Pixel sizes end to end on the demo pair: a calibrated EM TIFF and a calibrated two-channel LM hyperstack, both
 * saved by ImageJ 1.54p, register with no size options; the outputs carry the EM's calibration as ImageJ reads it,
 * and transform.json gives the transform in µm.
 */
class PixelSizeCliTest {

    /** The demo pair's LM px -> EM px scale is 0.986 (its registration); the LM sizes below make that true. */
    private static final double EM_UM = 0.010, LM_UM = 0.00986;

    @TempDir
    static Path tmp;

    private static Path em, lm;

    @BeforeAll
    static void saveCalibratedPairWithImageJ() throws IOException {
        LoadedImage demoEm = ImageFiles.read(RepoData.file("example/EM.png"));
        float[] gray = org.knime.deepclem.engine.image.Planes.data(ChannelSelection.AUTO.apply(demoEm));
        byte[] b = new byte[gray.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Math.round(gray[i]);
        }
        ImagePlus emImp = new ImagePlus("EM", new ByteProcessor(demoEm.width(), demoEm.height(), b));
        calibrate(emImp, EM_UM, "µm");
        em = tmp.resolve("EM.tif");
        assertTrue(new FileSaver(emImp).saveAsTiff(em.toString()));

        LoadedImage chromatin = ImageFiles.read(RepoData.file("example/Chromatin.png"));
        LoadedImage coi = ImageFiles.read(RepoData.file("example/Channel_of_interest.png"));
        int w = chromatin.width(), h = chromatin.height();
        ImageStack st = new ImageStack(w, h);
        st.addSlice(shorts(org.knime.deepclem.engine.image.Planes.data(ChannelSelection.BLUE.apply(chromatin)), w, h));
        st.addSlice(shorts(org.knime.deepclem.engine.image.Planes.data(ChannelSelection.MAX.apply(coi)), w, h));
        ImagePlus lmImp = new ImagePlus("LM", st);
        lmImp.setDimensions(2, 1, 1);
        lmImp = new CompositeImage(lmImp, IJ.COMPOSITE);
        calibrate(lmImp, LM_UM * 1000, "nm");
        lm = tmp.resolve("LM.tif");
        assertTrue(new FileSaver(lmImp).saveAsTiff(lm.toString()));
    }

    @Test
    void calibratedTiffsRegisterWithoutSizeOptionsAndOutputsCarryTheEmCalibration() throws IOException {
        Path out = tmp.resolve("out");
        CliRun r = CliRun.of("register", "--em", em, "--lm", lm, "--out", out);
        assertEquals(0, r.code(), r.out() + r.err());

        TransformDocument doc = TransformJson.read(out.resolve("transform.json"));
        assertEquals(EM_UM, doc.fixedPixelSize().x(), 1e-7);
        assertEquals(LM_UM, doc.movingPixelSize().x(), 1e-7); // ImageJ stores 1 / size as a TIFF rational
        // moving µm -> fixed µm: the same length in both, when sizes and registration agree
        assertEquals(1.0, doc.movingToFixedMicrometres().scale(), 0.02);
        assertTrue(Files.readString(out.resolve("transform.json")).contains("\"micrometres\""));

        Path registered = out.resolve("LM_registered.tif");
        assertEquals(EM_UM, ImageCalibration.read(registered).orElseThrow().x(), 1e-7);
        assertEquals(EM_UM, ImageCalibration.read(out.resolve("virtual_chromatin.tif")).orElseThrow().x(), 1e-7);
        assertEquals(EM_UM, ImageCalibration.read(out.resolve("overlay.png")).orElseThrow().x(), 1e-5);
        // the predicted error's map and overlay are in the EM frame too
        assertEquals(EM_UM, ImageCalibration.read(out.resolve("error_map.tif")).orElseThrow().x(), 1e-7);
        assertEquals(EM_UM, ImageCalibration.read(out.resolve("error_overlay.png")).orElseThrow().x(), 1e-5);
        // what Fiji sees: both channels, in the EM frame, at the EM's pixel size
        ImagePlus imp = IJ.openImage(registered.toString());
        assertEquals(2, imp.getNChannels());
        assertEquals(1002, imp.getWidth());
        Calibration cal = imp.getCalibration();
        assertEquals("µm", cal.getUnit());
        assertEquals(EM_UM, cal.pixelWidth, 1e-7);
        assertEquals(EM_UM, cal.pixelHeight, 1e-7);

        // apply puts channels into the reference's grid: they carry the reference's calibration
        Path applied = tmp.resolve("applied");
        CliRun a = CliRun.of("apply", "--transform", out.resolve("transform.json"), "--reference", em, "--out", applied,
            lm);
        assertEquals(0, a.code(), a.out() + a.err());
        assertEquals(EM_UM, ImageCalibration.read(applied.resolve("LM_registered.tif")).orElseThrow().x(), 1e-7);
    }

    @Test
    void givenSizesOverrideTheFilesAndUncalibratedFilesStayUnknown() throws IOException {
        Path out = tmp.resolve("given");
        // the demo PNGs carry no calibration: sizes given on the command line
        CliRun r = CliRun.of("register", "--em", RepoData.file("example/EM.png"), "--lm",
            RepoData.file("example/Chromatin.png"), "--em-pixel-size", "10nm", "--lm-pixel-size", "0.00986 um",
            "--out", out);
        assertEquals(0, r.code(), r.out() + r.err());
        assertEquals(0.01, ImageCalibration.read(out.resolve("Chromatin_registered.tif")).orElseThrow().x(), 1e-7);
        TransformDocument doc = TransformJson.read(out.resolve("transform.json"));
        assertEquals(1.0, doc.movingToFixedMicrometres().scale(), 0.02);

        Path plain = tmp.resolve("plain"); // no sizes anywhere: unknown, written uncalibrated, no µm figures
        CliRun p = CliRun.of("register", "--em", RepoData.file("example/EM.png"), "--lm",
            RepoData.file("example/Chromatin.png"), "--out", plain);
        assertEquals(0, p.code(), p.out() + p.err());
        assertFalse(ImageCalibration.read(plain.resolve("Chromatin_registered.tif")).isPresent());
        assertFalse(Files.readString(plain.resolve("transform.json")).contains("pixel_size_um"));
    }

    @Test
    void batchSummaryGivesTheSizesAndTheTransformInMicrometres() throws IOException {
        Path csv = tmp.resolve("pairs.csv");
        Files.writeString(csv, "em,lm,id\n" + em + "," + lm + ",calibrated\n");
        Path out = tmp.resolve("batch");
        CliRun r = CliRun.of("batch", "--pairs", csv, "--out", out);
        assertEquals(0, r.code(), r.out() + r.err());
        BatchSummary.Row row = BatchSummary.read(out.resolve(BatchSummary.FILE)).get("calibrated");
        java.util.List<String> columns = java.util.List.of(BatchSummary.COLUMNS);
        assertEquals(EM_UM, Double.parseDouble(row.values().get(columns.indexOf("em_pixel_um"))), 1e-7);
        assertEquals(LM_UM, Double.parseDouble(row.values().get(columns.indexOf("lm_pixel_um"))), 1e-7);
        assertEquals(1.0, Double.parseDouble(row.values().get(columns.indexOf("scale_um"))), 0.02);
        double tx = Double.parseDouble(row.values().get(columns.indexOf("tx")));
        assertEquals(tx * EM_UM, Double.parseDouble(row.values().get(columns.indexOf("tx_um"))), 1e-4);
        assertEquals("seconds", columns.get(columns.size() - 1), "seconds stays last (bench/speed.sh reads it)");
        int tiles = org.knime.deepclem.engine.transform.TransformJson.read(out.resolve("calibrated/transform.json"))
            .predictedError().tiles();
        assertTrue(tiles >= 3, "the demo pair's informative tiles: " + tiles);
        assertEquals(Integer.toString(tiles), row.values().get(columns.indexOf("predicted_tiles")));
        assertEquals(EM_UM, ImageCalibration.read(out.resolve("calibrated/LM_registered.tif")).orElseThrow().x(), 1e-7);
    }

    @Test
    void predictSeesTheEmAtTheModelsPixelSizeAndWritesTheEmCalibration() throws IOException {
        // the EM file says 10 nm; the bundled model records no size, so only a given --model-pixel-size rescales
        float[] plain = predict("plain.tif");
        float[] sameSize = predict("same.tif", "--model-pixel-size", "10nm");
        float[] half = predict("half.tif", "--model-pixel-size", "5nm");
        float[] halfByOverride = predict("override.tif", "--em-pixel-size", "20nm", "--model-pixel-size", "10nm");
        org.junit.jupiter.api.Assertions.assertArrayEquals(plain, sameSize, "EM at the model's size: unchanged");
        assertFalse(java.util.Arrays.equals(plain, half), "a 5 nm model sees the 10 nm EM enlarged twice");
        org.junit.jupiter.api.Assertions.assertArrayEquals(half, halfByOverride, "the same ratio, the same result");
        assertEquals(EM_UM, ImageCalibration.read(tmp.resolve("plain.tif")).orElseThrow().x(), 1e-7);
        assertEquals(0.020, ImageCalibration.read(tmp.resolve("override.tif")).orElseThrow().x(), 1e-7);
    }

    private static float[] predict(String out, Object... options) throws IOException {
        java.util.List<Object> args = new java.util.ArrayList<>(java.util.List.of("predict", "--em", em, "--out",
            tmp.resolve(out)));
        args.addAll(java.util.List.of(options));
        CliRun r = CliRun.of(args.toArray());
        assertEquals(0, r.code(), r.out() + r.err());
        return org.knime.deepclem.engine.image.Planes.data(ChannelSelection.AUTO.apply(
            ImageFiles.read(tmp.resolve(out))));
    }

    @Test
    void aSizeWithoutUnitIsBadInput() {
        CliRun r = CliRun.of("register", "--em", em, "--lm", lm, "--em-pixel-size", "5", "--out", tmp.resolve("bad"));
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("--em-pixel-size") && r.err().contains("5nm"), r.err());
        assertFalse(Files.exists(tmp.resolve("bad")), "nothing written");
    }

    private static void calibrate(ImagePlus imp, double size, String unit) {
        Calibration c = imp.getCalibration();
        c.pixelWidth = size;
        c.pixelHeight = size;
        c.setUnit(unit);
    }

    private static ShortProcessor shorts(float[] v, int w, int h) {
        short[] s = new short[v.length];
        for (int i = 0; i < v.length; i++) {
            s[i] = (short) Math.round(v[i] * 200); // 8-bit demo values spread over 16 bits
        }
        return new ShortProcessor(w, h, s, null);
    }
}
