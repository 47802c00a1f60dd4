package org.knime.deepclem.engine.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knime.deepclem.engine.io.ImageFiles.TiffCompression;

import ij.IJ;
import ij.ImagePlus;

class ImageFilesTest {

    @TempDir
    Path tmp;

    private static float[] ramp(int n, float start, float step, float max) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = Math.min(max, start + i * step);
        }
        return v;
    }

    private static void assertSame(LoadedImage expected, LoadedImage actual) {
        assertEquals(expected.width(), actual.width());
        assertEquals(expected.height(), actual.height());
        assertEquals(expected.channels(), actual.channels());
        assertEquals(expected.sampleType(), actual.sampleType());
        assertEquals(expected.rgb(), actual.rgb());
        for (int c = 0; c < expected.channels(); c++) {
            assertArrayEquals(expected.channelArray(c), actual.channelArray(c), 0f, "channel " + c);
        }
    }

    private LoadedImage roundTrip(LoadedImage img, String name, TiffCompression comp) throws IOException {
        Path f = tmp.resolve(name);
        ImageFiles.write(img, f, false, comp);
        return ImageFiles.read(f);
    }

    @Test
    void gray8RoundTripsInTiffAndPng() throws IOException {
        LoadedImage img = LoadedImage.ofChannels(null, SampleType.UINT8, false, 37, 11, ramp(37 * 11, 0, 1, 255));
        assertSame(img, roundTrip(img, "g8.tif", TiffCompression.NONE));
        assertSame(img, roundTrip(img, "g8z.tif", TiffCompression.DEFLATE));
        assertSame(img, roundTrip(img, "g8.png", TiffCompression.NONE));
    }

    @Test
    void gray16ValuesSurviveExactly() throws IOException {
        float[] v = ramp(300 * 7, 0, 31.3f, 65535);
        v[5] = 65535;
        v[6] = 40000;
        v[7] = 1;
        LoadedImage img = LoadedImage.ofChannels(null, SampleType.UINT16, false, 300, 7, v);
        assertEquals(40000f, img.channelArray(0)[6]);
        for (String n : new String[] {"g16.tif", "g16.png"}) {
            LoadedImage back = roundTrip(img, n, TiffCompression.NONE);
            assertSame(img, back);
            assertEquals(65535f, back.channelArray(0)[5]);
            assertEquals(40000f, back.channelArray(0)[6]);
        }
        assertSame(img, roundTrip(img, "g16z.tif", TiffCompression.DEFLATE));
    }

    @Test
    void float32ValuesSurviveExactly() throws IOException {
        Random r = new Random(1);
        float[] v = new float[64 * 33];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (r.nextGaussian() * 1e3);
        }
        v[0] = -3.4e38f;
        v[1] = 1e-30f;
        v[2] = Float.NaN;
        v[3] = Float.POSITIVE_INFINITY;
        LoadedImage img = LoadedImage.ofChannels(null, SampleType.FLOAT32, false, 64, 33, v);
        for (TiffCompression c : TiffCompression.values()) {
            LoadedImage back = roundTrip(img, "f32" + c + ".tif", c);
            assertSame(img, back);
            assertTrue(Float.isNaN(back.channelArray(0)[2]));
        }
    }

    @Test
    void rgbAndRgbaRoundTrip() throws IOException {
        int w = 20, h = 9, n = w * h;
        LoadedImage rgb8 = LoadedImage.ofChannels(null, SampleType.UINT8, true, w, h, ramp(n, 0, 1, 255),
            ramp(n, 50, 1, 255), ramp(n, 255, 0, 255));
        assertSame(rgb8, roundTrip(rgb8, "rgb8.png", TiffCompression.NONE));
        assertSame(rgb8, roundTrip(rgb8, "rgb8.tif", TiffCompression.NONE));
        LoadedImage rgb16 = LoadedImage.ofChannels(null, SampleType.UINT16, true, w, h, ramp(n, 0, 300, 65535),
            ramp(n, 65535, 0, 65535), ramp(n, 1000, 7, 65535));
        assertSame(rgb16, roundTrip(rgb16, "rgb16.png", TiffCompression.NONE));
        assertSame(rgb16, roundTrip(rgb16, "rgb16.tif", TiffCompression.DEFLATE));
        LoadedImage rgba = LoadedImage.ofChannels(null, SampleType.UINT8, true, w, h, ramp(n, 0, 1, 255),
            ramp(n, 9, 1, 255), ramp(n, 3, 0, 255), ramp(n, 128, 0.5f, 255));
        assertSame(rgba, roundTrip(rgba, "rgba.png", TiffCompression.NONE));
        assertSame(rgba, roundTrip(rgba, "rgba.tif", TiffCompression.NONE));
    }

    @Test
    void multiChannelTiffIsWrittenAndReadAsPages() throws IOException {
        int w = 8, h = 5, n = w * h;
        LoadedImage img = LoadedImage.ofChannels(null, SampleType.UINT16, false, w, h, ramp(n, 0, 1, 65535),
            ramp(n, 1000, 3, 65535), ramp(n, 60000, 100, 65535), ramp(n, 7, 0, 65535), ramp(n, 2, 2, 65535));
        LoadedImage back = roundTrip(img, "pages.tif", TiffCompression.NONE);
        assertSame(img, back);
        assertEquals(5, back.channels());
        LoadedImage rgbFloat = LoadedImage.ofChannels(null, SampleType.FLOAT32, true, w, h, ramp(n, 0, 0.5f, 99),
            ramp(n, -1, 0.25f, 99), ramp(n, 3, 0, 99));
        LoadedImage backF = roundTrip(rgbFloat, "rgbf.tif", TiffCompression.NONE);
        assertEquals(3, backF.channels());
        assertArrayEquals(rgbFloat.channelArray(1), backF.channelArray(1), 0f);
    }

    @Test
    void integerTypesRoundAndClampWhenMade() {
        LoadedImage img = LoadedImage.ofChannels(null, SampleType.UINT8, false, 5, 1,
            new float[] {-3f, 2.5f, 254.6f, 300f, Float.NaN});
        assertArrayEquals(new float[] {0, 3, 255, 255, 0}, img.channelArray(0), 0f);
    }

    @Test
    void imageJReadsWhatWeWrite() throws IOException {
        float[] v16 = ramp(40 * 3, 0, 555, 65535);
        ImageFiles.write(LoadedImage.ofChannels(null, SampleType.UINT16, false, 40, 3, v16), tmp.resolve("a.tif"), false);
        ImagePlus imp = IJ.openImage(tmp.resolve("a.tif").toString());
        assertEquals(16, imp.getBitDepth());
        assertArrayEquals(v16, (float[]) imp.getProcessor().convertToFloatProcessor().getPixels(), 0f);
        LoadedImage rgb = LoadedImage.ofChannels(null, SampleType.UINT8, true, 40, 3, ramp(120, 0, 2, 255),
            ramp(120, 7, 0, 255), ramp(120, 255, -1, 255));
        ImageFiles.write(rgb, tmp.resolve("rgb.tif"), false, TiffCompression.DEFLATE);
        ImagePlus impRgb = IJ.openImage(tmp.resolve("rgb.tif").toString());
        assertEquals(24, impRgb.getBitDepth());
        int[] px = impRgb.getPixel(5, 1); // index 45
        assertArrayEquals(new int[] {90, 7, 210}, new int[] {px[0], px[1], px[2]});
        float[] vf = ramp(40 * 3, -7.25f, 0.125f, 1e9f);
        ImageFiles.write(LoadedImage.ofChannels(null, SampleType.FLOAT32, false, 40, 3, vf), tmp.resolve("f.tif"), false,
            TiffCompression.DEFLATE);
        ImagePlus impF = IJ.openImage(tmp.resolve("f.tif").toString());
        assertEquals(32, impF.getBitDepth());
        assertArrayEquals(vf, (float[]) impF.getProcessor().getPixels(), 0f);
    }

    @Test
    void readsTiffsWrittenByImageJ() throws IOException {
        int w = 30, h = 4;
        short[] s16 = new short[w * h];
        float[] f32 = new float[w * h];
        ij.ImageStack stack = new ij.ImageStack(w, h);
        for (int i = 0; i < s16.length; i++) {
            s16[i] = (short) (i * 500);
            f32[i] = i * -0.3f + 1e-3f;
        }
        ij.io.FileSaver s = new ij.io.FileSaver(new ImagePlus("s", new ij.process.ShortProcessor(w, h, s16, null)));
        assertTrue(s.saveAsTiff(tmp.resolve("ij16.tif").toString()));
        LoadedImage a = ImageFiles.read(tmp.resolve("ij16.tif"));
        assertEquals(SampleType.UINT16, a.sampleType());
        assertEquals(59500f, a.channelArray(0)[119], 0f);
        assertTrue(new ij.io.FileSaver(new ImagePlus("f", new ij.process.FloatProcessor(w, h, f32)))
            .saveAsTiff(tmp.resolve("ijf.tif").toString()));
        assertArrayEquals(f32, ImageFiles.read(tmp.resolve("ijf.tif")).channelArray(0), 0f);
        for (int p = 0; p < 3; p++) {
            byte[] b = new byte[w * h];
            Arrays.fill(b, (byte) (p * 100 + 5));
            stack.addSlice(new ij.process.ByteProcessor(w, h, b));
        }
        assertTrue(new ij.io.FileSaver(new ImagePlus("st", stack)).saveAsTiffStack(tmp.resolve("ijst.tif").toString()));
        LoadedImage st = ImageFiles.read(tmp.resolve("ijst.tif"));
        assertEquals(3, st.channels());
        assertFalse(st.rgb());
        assertEquals(205f, st.channelArray(2)[0], 0f);
    }

    @Test
    void readsTheDemoImages() throws IOException {
        LoadedImage em = ImageFiles.read(RepoData.file("example/EM.png"));
        assertEquals(1002, em.width());
        assertEquals(530, em.height());
        assertEquals(3, em.channels());
        assertTrue(em.rgb());
        assertTrue(em.isGrayAsRgb());
        assertEquals(SampleType.UINT8, em.sampleType());
        assertArrayEquals(em.channelArray(0), Planes_data(em.select(ChannelSelection.AUTO)), 0f);

        LoadedImage chrom = ImageFiles.read(RepoData.file("example/Chromatin.png"));
        assertEquals(1280, chrom.width());
        assertFalse(chrom.isGrayAsRgb());
        LoadedImage s6 = ImageFiles.read(RepoData.file("training/em/s6.png"));
        assertEquals(1, s6.channels());
        assertFalse(s6.rgb());
        assertEquals(954, s6.height());
    }

    private static float[] Planes_data(net.imglib2.img.array.ArrayImg<net.imglib2.type.numeric.real.FloatType, ?> p) {
        return org.knime.deepclem.engine.image.Planes.copy(p);
    }

    private static void assertOneLineNaming(Path f, Exception e, String fragment) {
        String m = e.getMessage();
        assertTrue(m.contains(f.toString()), m);
        assertFalse(m.contains("\n"), m);
        assertTrue(m.contains(fragment), m);
    }

    @Test
    void truncatedPngGivesOneLine() throws IOException {
        byte[] all = Files.readAllBytes(RepoData.file("example/EM.png"));
        Path f = tmp.resolve("half.png");
        Files.write(f, Arrays.copyOf(all, all.length / 2));
        IOException e = assertThrows(IOException.class, () -> ImageFiles.read(f));
        assertOneLineNaming(f, e, "cannot read image");
    }

    @Test
    void truncatedTiffGivesOneLine() throws IOException {
        Path good = tmp.resolve("good.tif");
        ImageFiles.write(LoadedImage.ofChannels(null, SampleType.UINT16, false, 200, 100, ramp(20000, 0, 1, 65535)),
            good, false);
        byte[] all = Files.readAllBytes(good);
        for (int keep : new int[] {all.length / 2, 20, 6}) {
            Path f = tmp.resolve("cut" + keep + ".tif");
            Files.write(f, Arrays.copyOf(all, keep));
            IOException e = assertThrows(IOException.class, () -> ImageFiles.read(f), "kept " + keep);
            assertOneLineNaming(f, e, "cannot read image");
        }
    }

    @Test
    void emptyGarbageAndMissingFilesGiveOneLine() throws IOException {
        Path empty = Files.createFile(tmp.resolve("empty.png"));
        assertOneLineNaming(empty, assertThrows(IOException.class, () -> ImageFiles.read(empty)), "empty");
        Path junk = tmp.resolve("junk.tif");
        byte[] b = new byte[4096];
        new Random(3).nextBytes(b);
        b[0] = 'x';
        Files.write(junk, b);
        assertOneLineNaming(junk, assertThrows(IOException.class, () -> ImageFiles.read(junk)), "not a PNG or TIFF");
        Path missing = tmp.resolve("nope.png");
        assertOneLineNaming(missing, assertThrows(IOException.class, () -> ImageFiles.read(missing)), "no such file");
        Path jpeg = tmp.resolve("x.jpg");
        javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(4, 4, java.awt.image.BufferedImage.TYPE_BYTE_GRAY),
            "jpeg", jpeg.toFile());
        assertOneLineNaming(jpeg, assertThrows(IOException.class, () -> ImageFiles.read(jpeg)), "not supported");
    }

    @Test
    void hugePngHeaderIsRefusedBeforeAllocating() throws IOException {
        ByteBuffer ihdr = ByteBuffer.allocate(17).order(ByteOrder.BIG_ENDIAN);
        ihdr.put("IHDR".getBytes()).putInt(200_000).putInt(200_000).put((byte) 8).put((byte) 0).put((byte) 0)
            .put((byte) 0).put((byte) 0);
        CRC32 crc = new CRC32();
        crc.update(ihdr.array());
        ByteBuffer png = ByteBuffer.allocate(8 + 4 + 17 + 4 + 12).order(ByteOrder.BIG_ENDIAN);
        png.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10}).putInt(13).put(ihdr.array())
            .putInt((int) crc.getValue()).putInt(0).put("IEND".getBytes()).putInt(0xAE426082);
        Path f = tmp.resolve("huge.png");
        Files.write(f, png.array());
        assertOneLineNaming(f, assertThrows(IOException.class, () -> ImageFiles.read(f)), "200000x200000");
    }

    @Test
    void hugeTiffHeaderIsRefusedBeforeAllocating() throws IOException {
        // minimal little-endian TIFF whose IFD claims 40000 x 40000 8-bit pixels in a 150-byte file
        ByteBuffer b = ByteBuffer.allocate(150).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
        int[][] tags = {{256, 4, 40000}, {257, 4, 40000}, {258, 3, 8}, {259, 3, 1}, {262, 3, 1}, {273, 4, 140},
            {277, 3, 1}, {278, 4, 40000}, {279, 4, 10}};
        TestTiffs.putEntries(b, tags);
        b.putInt(0);
        Path f = tmp.resolve("huge.tif");
        Files.write(f, b.array());
        assertOneLineNaming(f, assertThrows(IOException.class, () -> ImageFiles.read(f)), "40000x40000");
    }

    @Test
    void existingFilesAreNotOverwrittenWithoutPermission() throws IOException {
        Path f = tmp.resolve("keep.tif");
        LoadedImage a = LoadedImage.ofChannels(null, SampleType.UINT8, false, 4, 4, ramp(16, 0, 1, 255));
        LoadedImage b = LoadedImage.ofChannels(null, SampleType.UINT8, false, 4, 4, ramp(16, 100, 1, 255));
        ImageFiles.write(a, f, false);
        byte[] before = Files.readAllBytes(f);
        FileAlreadyExistsException e = assertThrows(FileAlreadyExistsException.class, () -> ImageFiles.write(b, f, false));
        assertTrue(e.getMessage().contains("exists"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(f));
        ImageFiles.write(b, f, true);
        assertArrayEquals(b.channelArray(0), ImageFiles.read(f).channelArray(0), 0f);
        try (var s = Files.list(tmp)) {
            assertEquals(1, s.count(), "no temporary files left behind");
        }
        // the output gets the permissions any new file gets (umask), not a temp file's owner-only mode
        Path plain = Files.createFile(tmp.resolve("plain"));
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(f));
    }

    @Test
    void pngRefusesFloatAndUnknownExtensionsAreRefused() {
        LoadedImage f = LoadedImage.ofChannels(null, SampleType.FLOAT32, false, 2, 2, new float[4]);
        assertThrows(IllegalArgumentException.class, () -> ImageFiles.write(f, tmp.resolve("p.png"), false));
        assertThrows(IllegalArgumentException.class, () -> ImageFiles.write(f, tmp.resolve("p.jpg"), false));
    }
}
