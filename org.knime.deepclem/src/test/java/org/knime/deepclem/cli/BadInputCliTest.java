package org.knime.deepclem.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knime.deepclem.engine.geometry.Affine2D;
import org.knime.deepclem.engine.image.Planes;
import org.knime.deepclem.engine.io.ImageFiles;
import org.knime.deepclem.engine.io.LoadedImage;
import org.knime.deepclem.engine.io.RepoData;
import org.knime.deepclem.engine.io.SampleType;
import org.knime.deepclem.engine.transform.TransformFiles;
import org.knime.deepclem.reliability.Inputs;
import org.knime.deepclem.reliability.TestModels;
import org.knime.deepclem.engine.pipeline.PairOutputs;
import org.tensorflow.ndarray.Shape;

import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.real.FloatType;

/**
 * Hostile inputs through the command line: every case ends with one clear line and exit 2 (bad input) or a failed
 * verdict and exit 1, leaves nothing that claims success, and leaves every input file byte-identical.
 */
class BadInputCliTest {

    @TempDir
    static Path shared;
    static List<Object> model;
    static ArrayImg<FloatType, FloatArray> em;
    static Path goodEm, goodLm;

    @TempDir
    Path tmp;
    Path in;
    Map<String, String> inputsBefore, repoBefore;

    @BeforeAll
    static void setUp() throws Exception {
        model = TestModels.modelArgs(shared);
        em = Inputs.em(0.6); // 601 x 318: with the default model's 0.25 working scale still 150 px wide
        Path pair = Files.createDirectories(shared.resolve("pair"));
        goodEm = pair.resolve("em.png");
        goodLm = pair.resolve("lm.png");
        try (var m = TestModels.load(shared)) {
            Inputs.writePair(em, Affine2D.similarity(1.05, Math.toRadians(4), 12, -8), goodEm, goodLm, m);
        }
    }

    @BeforeEach
    void copyInputs() throws IOException {
        in = Files.createDirectories(tmp.resolve("in"));
        Files.copy(goodEm, in.resolve("em.png"));
        Files.copy(goodLm, in.resolve("lm.png"));
        repoBefore = Inputs.fingerprints(RepoData.file("example"));
    }

    /** Fingerprints the inputs once a case has written them (call last in the setup of each case). */
    private void inputsReady() throws IOException {
        inputsBefore = Inputs.fingerprints(in);
    }

    @AfterEach
    void inputsUntouched() throws IOException {
        if (inputsBefore != null) {
            assertEquals(inputsBefore, Inputs.fingerprints(in), "input files changed");
        }
        assertEquals(repoBefore, Inputs.fingerprints(RepoData.file("example")), "repository data changed");
    }

    private CliRun register(Path emFile, Path lmFile, Path out, Object... more) {
        List<Object> a = new ArrayList<>(List.of("register", "--em", emFile, "--lm", lmFile, "--out", out));
        a.addAll(model);
        a.addAll(Arrays.asList(more));
        return CliRun.of(a.toArray());
    }

    /** Exit 2, one line naming {@code fragment}, no stack trace, and no output claiming success. */
    private static void assertBadInput(CliRun r, Path out, String... fragments) throws IOException {
        assertEquals(2, r.code(), "exit code; stderr: " + r.err() + " stdout: " + r.out());
        String err = r.err().strip();
        assertEquals(1, err.lines().count(), "one line: " + err);
        for (String f : fragments) {
            assertTrue(err.contains(f), "'" + f + "' in: " + err);
        }
        assertFalse(err.contains("Exception") || err.contains("\tat "), "no stack trace or exception name: " + err);
        assertNoSuccess(out);
    }

    /** Exit 1 with a "registration failed" line, or exit 2 with one clear line; nothing claiming success. */
    private static void assertFailedOrBadInput(CliRun r, Path out) throws IOException {
        assertTrue(r.code() == 1 || r.code() == 2, "exit 1 or 2, got " + r.code() + "; " + r.err());
        if (r.code() == 2) {
            assertBadInput(r, out);
            return;
        }
        assertTrue(r.err().contains("registration failed"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
        assertNoSuccess(out);
        Path json = out.resolve("transform.json");
        if (Files.exists(json)) {
            assertFalse(TransformFiles.read(json).result().ok(), "transform.json must say failed");
        }
    }

    /** No registered images, no overlay, no Fiji transform, no leftover temporary files. */
    static void assertNoSuccess(Path out) throws IOException {
        for (String f : Inputs.listFiles(out)) {
            assertFalse(f.endsWith("_registered.tif") || f.endsWith("overlay.png") || f.endsWith(".tmp")
                || f.endsWith(".part") || PairOutputs.EXPORTS.contains(Path.of(f).getFileName().toString()),
                "unexpected output " + f + " in " + out);
        }
    }

    // ---- corrupt and truncated files

    @Test
    void corruptPng() throws IOException {
        byte[] b = Files.readAllBytes(goodEm);
        Random rnd = new Random(1);
        for (int i = 64; i < b.length; i += 97) {
            b[i] = (byte) rnd.nextInt();
        }
        Path bad = Files.write(in.resolve("corrupt.png"), b);
        inputsReady();
        Path out = tmp.resolve("out");
        assertBadInput(register(bad, in.resolve("lm.png"), out), out, "corrupt.png");
    }

    @Test
    void truncatedPng() throws IOException {
        byte[] b = Files.readAllBytes(goodEm);
        Path bad = Files.write(in.resolve("cut.png"), Arrays.copyOf(b, b.length * 2 / 3));
        inputsReady();
        Path out = tmp.resolve("out");
        assertBadInput(register(in.resolve("em.png"), bad, out), out, "cut.png");
    }

    @Test
    void corruptTiff() throws IOException {
        byte[] b = tiff(16, 16, 1);
        Arrays.fill(b, 8, b.length, (byte) 0x5a);
        Path bad = Files.write(in.resolve("corrupt.tif"), b);
        inputsReady();
        Path out = tmp.resolve("out");
        assertBadInput(register(bad, in.resolve("lm.png"), out), out, "corrupt.tif");
    }

    @Test
    void truncatedTiff() throws IOException {
        Path good = in.resolve("full.tif");
        ImageFiles.write(LoadedImage.ofPlane(good, em, SampleType.UINT16), good, false);
        byte[] b = Files.readAllBytes(good);
        Path bad = Files.write(in.resolve("cut.tif"), Arrays.copyOf(b, b.length / 2));
        inputsReady();
        Path out = tmp.resolve("out");
        assertBadInput(register(bad, in.resolve("lm.png"), out), out, "cut.tif");
    }

    @Test
    void emptyFile() throws IOException {
        Path bad = Files.write(in.resolve("empty.png"), new byte[0]);
        inputsReady();
        Path out = tmp.resolve("out");
        assertBadInput(register(bad, in.resolve("lm.png"), out), out, "empty.png", "empty");
    }

    @Test
    void zeroWidthHeader() throws IOException {
        Path bad = Files.write(in.resolve("zero.png"), png(0, 10, new byte[64]));
        inputsReady();
        Path out = tmp.resolve("out");
        assertBadInput(register(bad, in.resolve("lm.png"), out), out, "zero.png");
    }

    @Test
    void oneByOneImagesAreRefusedAtOnce() throws IOException {
        Path one = in.resolve("one.png");
        ImageFiles.write(LoadedImage.ofPlane(one, Inputs.constant(1, 1, 100), SampleType.UINT8), one, false);
        inputsReady();
        Path out = tmp.resolve("out");
        long t0 = System.nanoTime();
        assertBadInput(register(one, in.resolve("lm.png"), out), out, "one.png", "1x1");
        Path out2 = tmp.resolve("out2");
        assertBadInput(register(in.resolve("em.png"), one, out2), out2, "one.png", "1x1");
        assertTrue(System.nanoTime() - t0 < 20e9, "refused before any slow work");
    }

    @Test
    void hugeDimensionsInPngHeaderAreRefusedWithoutAllocating() throws IOException {
        Path bad = Files.write(in.resolve("huge.png"), png(200_000, 200_000, new byte[200]));
        inputsReady();
        Path out = tmp.resolve("out");
        long t0 = System.nanoTime();
        assertBadInput(register(bad, in.resolve("lm.png"), out), out, "huge.png", "200000x200000");
        assertTrue(System.nanoTime() - t0 < 5e9, "refused at once");
    }

    @Test
    void hugeDimensionsInTiffHeaderAreRefusedWithoutAllocating() throws IOException {
        Path bad = Files.write(in.resolve("huge.tif"), tiff(60_000, 60_000, 1));
        inputsReady();
        Path out = tmp.resolve("out");
        assertBadInput(register(in.resolve("em.png"), bad, out), out, "huge.tif");
    }

    // ---- odd pixel values

    @Test
    void nanAndInfinityInFloatEm() throws IOException {
        float[] v = Planes.copy(em);
        int w = (int) em.dimension(0);
        for (int y = 10; y < 60; y++) {
            for (int x = 10; x < 80; x++) {
                v[y * w + x] = (x % 2 == 0) ? Float.NaN : Float.POSITIVE_INFINITY;
            }
        }
        v[0] = Float.NEGATIVE_INFINITY;
        Path f = in.resolve("nan.tif");
        ImageFiles.write(LoadedImage.ofChannels(f, SampleType.FLOAT32, false, w, em.dimension(1), v), f, false);
        inputsReady();
        Path out = tmp.resolve("out");
        CliRun r = register(f, in.resolve("lm.png"), out);
        assertBadInput(r, out, "nan.tif", "3501 NaN or infinite");
    }

    @Test
    void constantEm() throws IOException {
        Path f = in.resolve("flat.png");
        ImageFiles.write(LoadedImage.ofPlane(f, Inputs.constant((int) em.dimension(0), (int) em.dimension(1), 128),
            SampleType.UINT8), f, false);
        inputsReady();
        Path out = tmp.resolve("out");
        assertFailedOrBadInput(register(f, in.resolve("lm.png"), out), out);
    }

    @Test
    void blackLm() throws IOException {
        Path f = in.resolve("black.png");
        ImageFiles.write(LoadedImage.ofPlane(f, Inputs.constant((int) em.dimension(0), (int) em.dimension(1), 0),
            SampleType.UINT8), f, false);
        inputsReady();
        Path out = tmp.resolve("out");
        assertFailedOrBadInput(register(in.resolve("em.png"), f, out), out);
    }

    @Test
    void emWithoutNucleiFails() throws IOException {
        // fine-grained noise: no nucleus-sized structure for the prediction to show
        int w = (int) em.dimension(0), h = (int) em.dimension(1);
        float[] v = new float[w * h];
        Random rnd = new Random(7);
        for (int i = 0; i < v.length; i++) {
            v[i] = 100 + rnd.nextInt(50);
        }
        Path f = in.resolve("no_nuclei.png");
        ImageFiles.write(LoadedImage.ofChannels(f, SampleType.UINT8, false, w, h, v), f, false);
        inputsReady();
        Path out = tmp.resolve("out");
        CliRun r = register(f, in.resolve("lm.png"), out);
        assertEquals(1, r.code(), r.err());
        assertFailedOrBadInput(r, out);
    }

    @Test
    void channelOfAnotherSizeIsRefusedBeforeAnyWork() throws IOException {
        Path small = in.resolve("small channel.png");
        ImageFiles.write(LoadedImage.ofPlane(small, Inputs.constant(50, 40, 9), SampleType.UINT8), small, false);
        inputsReady();
        Path out = tmp.resolve("out");
        assertBadInput(register(in.resolve("em.png"), in.resolve("lm.png"), out, "--channel", small), out,
            "small channel.png", "50x40");
        assertFalse(Files.exists(out.resolve("virtual_chromatin.tif")), "refused before predicting");
    }

    // ---- models

    @Test
    void missingModel() throws IOException {
        inputsReady();
        Path out = tmp.resolve("out");
        CliRun r = CliRun.of("register", "--em", in.resolve("em.png"), "--lm", in.resolve("lm.png"), "--out", out,
            "--model", in.resolve("nope.zip"));
        assertBadInput(r, out, "nope.zip");
    }

    @Test
    void corruptModelZip() throws IOException {
        byte[] junk = new byte[4096];
        new Random(3).nextBytes(junk);
        junk[0] = 'P';
        junk[1] = 'K';
        Path m = Files.write(in.resolve("model.zip"), junk);
        inputsReady();
        Path out = tmp.resolve("out");
        CliRun r = CliRun.of("register", "--em", in.resolve("em.png"), "--lm", in.resolve("lm.png"), "--out", out,
            "--model", m);
        assertBadInput(r, out, "model.zip");
    }

    @Test
    void wrongShapeModel() throws Exception {
        Path m = in.resolve("rgb-model");
        TestModels.exportConv(m, Shape.of(-1, -1, -1, 3), 4, 1); // three input channels: not a CARE model
        inputsReady();
        Path out = tmp.resolve("out");
        CliRun r = CliRun.of("register", "--em", in.resolve("em.png"), "--lm", in.resolve("lm.png"), "--out", out,
            "--model", m);
        assertBadInput(r, out, "rgb-model", "input shape");
    }

    /**
     * batch opens the model when its first pair has been read: a model that does not load is still the batch's error
     * (exit 2, one line), not a failed row for every pair.
     */
    @Test
    void batchWithAModelThatDoesNotLoad() throws Exception {
        Path m = in.resolve("rgb-model");
        TestModels.exportConv(m, Shape.of(-1, -1, -1, 3), 4, 1);
        Path csv = Files.writeString(in.resolve("pairs.csv"), "id,em,lm\na,em.png,lm.png\nb,em.png,lm.png\n");
        inputsReady();
        Path out = tmp.resolve("out");
        CliRun r = CliRun.of("batch", "--pairs", csv, "--out", out, "--threads", 2, "--model", m);
        assertBadInput(r, out, "rgb-model", "input shape");
        assertEquals("", r.out(), "no pair reported");
    }

    // ---- outputs that cannot be written (we run as root, so permissions would not stop us: a path through a file)

    @Test
    void outputFolderUnderARegularFile() throws IOException {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        inputsReady();
        Path out = file.resolve("results");
        CliRun r = register(in.resolve("em.png"), in.resolve("lm.png"), out);
        assertBadInput(r, out, "a-file");
        assertEquals("x", Files.readString(file));
    }

    @Test
    void outputFolderIsAFile() throws IOException {
        Path file = Files.writeString(tmp.resolve("out"), "x");
        inputsReady();
        CliRun r = register(in.resolve("em.png"), in.resolve("lm.png"), file);
        assertBadInput(r, tmp.resolve("none"), "out");
        assertEquals("x", Files.readString(file));
    }

    @Test
    void predictIntoUnwritablePlace() throws IOException {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        inputsReady();
        List<Object> a = new ArrayList<>(List.of("predict", "--em", in.resolve("em.png"), "--out",
            file.resolve("vc.tif")));
        a.addAll(model);
        CliRun r = CliRun.of(a.toArray());
        assertBadInput(r, tmp.resolve("none"), "a-file");
    }

    @Test
    void applyWithCorruptTransform() throws IOException {
        Path t = Files.writeString(in.resolve("t.json"), "{\"moving_to_fixed\": [[1, 0, \"x\"], [0, 1, 0]], ");
        inputsReady();
        Path out = tmp.resolve("out");
        CliRun r = CliRun.of("apply", "--transform", t, "--reference", in.resolve("em.png"), "--out", out,
            in.resolve("lm.png"));
        assertBadInput(r, out, "t.json");
        assertFalse(Files.exists(out));
    }

    // ---- awkward but valid paths

    @Test
    void pathsWithSpacesAndNonAscii() throws IOException {
        Path dir = Files.createDirectories(in.resolve("Ordner mit Leerzeichen ü é 日本"));
        Path e = Files.copy(goodEm, dir.resolve("EM bild ä.png"));
        Path l = Files.copy(goodLm, dir.resolve("Chromatin ß.png"));
        inputsReady();
        Path out = tmp.resolve("Ergebnis ø");
        CliRun r = register(e, l, out);
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.isRegularFile(out.resolve("Chromatin ß_registered.tif")), Inputs.listFiles(out).toString());
        assertTrue(TransformFiles.read(out.resolve("transform.json")).result().ok());
    }

    // ---- crafted files

    /** A PNG whose header claims {@code w x h} 8-bit gray, followed by {@code data} as its only IDAT chunk. */
    static byte[] png(int w, int h, byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(w).putInt(h).put((byte) 8).put((byte) 0).put((byte) 0)
            .put((byte) 0).put((byte) 0);
        chunk(out, "IHDR", ihdr.array());
        chunk(out, "IDAT", data);
        chunk(out, "IEND", new byte[0]);
        return bytes.toByteArray();
    }

    private static void chunk(DataOutputStream out, String type, byte[] data) throws IOException {
        out.writeInt(data.length);
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        out.write(t);
        out.write(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.writeInt((int) crc.getValue());
    }

    /** A little-endian uncompressed 8-bit gray TIFF header claiming {@code w x h}, with only 64 bytes of pixels. */
    static byte[] tiff(int w, int h, int unused) {
        int entries = 8;
        ByteBuffer b = ByteBuffer.allocate(8 + 2 + entries * 12 + 4 + 64).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
        b.putShort((short) entries);
        int dataOffset = 8 + 2 + entries * 12 + 4;
        entry(b, 256, 4, w); // ImageWidth
        entry(b, 257, 4, h); // ImageLength
        entry(b, 258, 3, 8); // BitsPerSample
        entry(b, 259, 3, 1); // Compression: none
        entry(b, 262, 3, 1); // BlackIsZero
        entry(b, 273, 4, dataOffset); // StripOffsets
        entry(b, 278, 4, h); // RowsPerStrip
        entry(b, 279, 4, (int) Math.min(Integer.MAX_VALUE, (long) w * h)); // StripByteCounts
        b.putInt(0);
        return b.array();
    }

    private static void entry(ByteBuffer b, int tag, int type, int value) {
        b.putShort((short) tag).putShort((short) type).putInt(1);
        if (type == 3) {
            b.putShort((short) value).putShort((short) 0);
        } else {
            b.putInt(value);
        }
    }
}
