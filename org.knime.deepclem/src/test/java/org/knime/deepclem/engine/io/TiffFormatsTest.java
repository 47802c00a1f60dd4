package org.knime.deepclem.engine.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knime.deepclem.engine.image.Planes;

import ij.CompositeImage;
import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.process.ShortProcessor;

/**
 * The TIFF files microscopists bring, read with TwelveMonkeys' reader: multi-channel OME-TIFF (8, 16, 32 bit) with
 * channel names and physical pixel sizes, BigTIFF EM tiles, ImageJ hyperstacks with slice labels; z-stacks, time
 * series and several series refused with a message saying what to do; hostile headers (looping page chains, huge
 * samples per pixel) refused or read without hanging or allocating for data the file does not have.
 */
class TiffFormatsTest {

    @TempDir
    Path tmp;

    private static final List<String> NAMES = List.of("GFP", "Hoechst 33342", "mCherry");

    private static LoadedImage channels(int w, int h, SampleType type, int n) {
        float[][] ch = new float[n][];
        for (int c = 0; c < n; c++) {
            ch[c] = TestTiffs.pattern(w * h, c, type);
        }
        return LoadedImage.ofChannels(null, type, false, w, h, ch);
    }

    private static void assertPixels(LoadedImage expected, LoadedImage actual) {
        assertEquals(expected.width(), actual.width());
        assertEquals(expected.height(), actual.height());
        assertEquals(expected.channels(), actual.channels());
        assertEquals(expected.sampleType(), actual.sampleType());
        assertFalse(actual.rgb());
        for (int c = 0; c < expected.channels(); c++) {
            assertArrayEquals(expected.channelArray(c), actual.channelArray(c), 0f, "channel " + c);
        }
    }

    @Test
    void calibratedMultiChannelOmeTiffIsReadWithNamesAndPixelSizeInEveryBitDepth() throws IOException {
        for (SampleType type : SampleType.values()) {
            LoadedImage img = channels(37, 23, type, 3);
            Path f = tmp.resolve("lm-" + type + ".ome.tif");
            TestTiffs.writeTiff(f, img, TestTiffs.omeXml(37, 23, type, NAMES, 1, 1, "65 nm"));
            LoadedImage back = ImageFiles.read(f);
            assertPixels(img, back);
            assertEquals(NAMES, back.channelNames(), type.toString());
            PixelSize p = ImageCalibration.read(f).orElseThrow();
            assertEquals(0.065, p.x(), 1e-9);
            assertEquals(0.065, p.y(), 1e-9);
            // the chromatin channel by its name, in any case
            assertArrayEquals(img.channelArray(1),
                Planes.copy(back.select(ChannelSelection.parseWithNames("hoechst 33342"))), 0f);
            assertArrayEquals(img.channelArray(2), Planes.copy(back.select(ChannelSelection.parseWithNames("MCHERRY"))),
                0f);
        }
    }

    @Test
    void omeUnitsAreHonoured() throws IOException {
        LoadedImage img = channels(8, 8, SampleType.UINT16, 2);
        for (String[] c : new String[][] {{"0.25 mm", "250"}, {"1200 nm", "1.2"}, {"0.2 um", "0.2"}}) {
            Path f = tmp.resolve("unit" + c[1] + ".tif");
            TestTiffs.writeTiff(f, img, TestTiffs.omeXml(8, 8, SampleType.UINT16, List.of("a", "b"), 1, 1, c[0]));
            assertEquals(Double.parseDouble(c[1]), ImageCalibration.read(f).orElseThrow().x(), 1e-9, c[0]);
        }
    }

    @Test
    void calibratedBigTiffEmIsRead() throws IOException {
        for (SampleType type : new SampleType[] {SampleType.UINT8, SampleType.UINT16}) {
            LoadedImage em = channels(300, 170, type, 1);
            Path f = tmp.resolve("em-" + type + ".btf");
            TestTiffs.writeBigTiff(f, em, TestTiffs.omeXml(300, 170, type, List.of("EM"), 1, 1, "5 nm"));
            assertTrue(TestTiffs.isBigTiff(f), "the test file must be a BigTIFF");
            // the JDK cannot read it at all: the reason for TwelveMonkeys
            assertThrows(Exception.class, () -> {
                var jdk = javax.imageio.ImageIO.getImageReadersByFormatName("tiff");
                while (jdk.hasNext()) {
                    var r = jdk.next();
                    if (r.getOriginatingProvider().getClass().getName().startsWith("com.sun.imageio.")) {
                        try (var in = javax.imageio.ImageIO.createImageInputStream(f.toFile())) {
                            r.setInput(in);
                            r.read(0);
                        }
                        return;
                    }
                }
                throw new IllegalStateException("no JDK TIFF reader");
            });
            LoadedImage back = ImageFiles.read(f);
            assertPixels(em, back);
            assertArrayEquals(new int[] {300, 170}, ImageFiles.size(f));
            assertEquals(0.005, ImageCalibration.read(f).orElseThrow().x(), 1e-9);
        }
        // several pages in a BigTIFF: channels as in a classic TIFF
        LoadedImage lm = channels(40, 30, SampleType.UINT16, 3);
        Path f = tmp.resolve("lm.ome.btf");
        TestTiffs.writeBigTiff(f, lm, TestTiffs.omeXml(40, 30, SampleType.UINT16, NAMES, 1, 1, "0.1 um"));
        LoadedImage back = ImageFiles.read(f);
        assertPixels(lm, back);
        assertEquals(NAMES, back.channelNames());
        assertEquals(0.1, ImageCalibration.read(f).orElseThrow().x(), 1e-9);
    }

    private void assertRefused(Path f, String... fragments) {
        IOException e = assertThrows(IOException.class, () -> ImageFiles.read(f));
        String m = e.getMessage();
        assertTrue(m.startsWith("cannot read image " + f + ": "), m);
        assertFalse(m.contains("\n"), m);
        for (String fr : fragments) {
            assertTrue(m.contains(fr), "'" + fr + "' missing in: " + m);
        }
    }

    @Test
    void omeZStacksTimeSeriesSeriesAndMissingPlanesAreRefusedNotReadAsChannels() throws IOException {
        LoadedImage ten = channels(8, 6, SampleType.UINT16, 10);
        Path z = tmp.resolve("z.ome.tif");
        TestTiffs.writeTiff(z, ten, TestTiffs.omeXml(8, 6, SampleType.UINT16, List.of("DAPI", "GFP"), 5, 1, null));
        assertRefused(z, "has 5 z-slices", "save one z-plane", "Z Project");
        Path t = tmp.resolve("t.ome.tif");
        TestTiffs.writeTiff(t, ten, TestTiffs.omeXml(8, 6, SampleType.UINT16, List.of("DAPI", "GFP"), 1, 5, null));
        assertRefused(t, "has 5 time points", "save one time point");
        Path series = tmp.resolve("series.ome.tif");
        String two = TestTiffs.omeXml(8, 6, SampleType.UINT16, List.of("DAPI"), 1, 1, null)
            .replace("</Image></OME>", "</Image><Image ID=\"Image:1\"><Pixels ID=\"Pixels:1\" DimensionOrder=\"XYCZT\" "
                + "Type=\"uint16\" SizeX=\"8\" SizeY=\"6\" SizeC=\"1\" SizeZ=\"1\" SizeT=\"1\"/></Image></OME>");
        TestTiffs.writeTiff(series, channels(8, 6, SampleType.UINT16, 2), two);
        assertRefused(series, "2 images", "series");
        Path partial = tmp.resolve("partial.ome.tif"); // one file of a multi-file set: 3 channels described, 1 here
        TestTiffs.writeTiff(partial, channels(8, 6, SampleType.UINT16, 1),
            TestTiffs.omeXml(8, 6, SampleType.UINT16, NAMES, 1, 1, null));
        assertRefused(partial, "describes 3 planes but the file holds 1", "multi-file");
        // extra IFDs after the planes the OME-XML describes are not channels
        Path extra = tmp.resolve("extra.ome.tif");
        TestTiffs.writeTiff(extra, channels(8, 6, SampleType.UINT16, 3),
            TestTiffs.omeXml(8, 6, SampleType.UINT16, List.of("DAPI", "GFP"), 1, 1, null));
        assertEquals(2, ImageFiles.read(extra).channels());
    }

    private static ImagePlus hyperstack(int c, int z, int t, String... labels) {
        ImageStack st = new ImageStack(12, 9);
        for (int i = 0; i < c * z * t; i++) {
            ShortProcessor sp = new ShortProcessor(12, 9);
            sp.set(100 * (i + 1));
            st.addSlice(i < labels.length ? labels[i] : null, sp);
        }
        ImagePlus imp = new ImagePlus("hs", st);
        imp.setDimensions(c, z, t);
        imp.setOpenAsHyperStack(true);
        return c > 1 ? new CompositeImage(imp, IJ.COMPOSITE) : imp;
    }

    @Test
    void imageJHyperstacksWithSlicesOrFramesAreRefused() throws IOException {
        Path zs = tmp.resolve("ij-z.tif");
        assertTrue(new FileSaver(hyperstack(2, 3, 1)).saveAsTiff(zs.toString()));
        assertRefused(zs, "has 3 z-slices", "Z Project");
        Path ts = tmp.resolve("ij-t.tif");
        assertTrue(new FileSaver(hyperstack(2, 1, 4)).saveAsTiff(ts.toString()));
        assertRefused(ts, "has 4 time points");
        // one channel and 3 slices is no hyperstack for ImageJ: it writes a plain stack (slices=3 only), which
        // cannot be told from channels saved as a stack; read as channels, as multi-page TIFFs always were
        Path plain = tmp.resolve("ij-plain.tif");
        assertTrue(new FileSaver(hyperstack(1, 3, 1)).saveAsTiff(plain.toString()));
        assertTrue(Files.readString(plain, java.nio.charset.StandardCharsets.ISO_8859_1).contains("slices=3"));
        assertEquals(3, ImageFiles.read(plain).channels());
        Path ok = tmp.resolve("ij-c.tif");
        assertTrue(new FileSaver(hyperstack(3, 1, 1)).saveAsTiff(ok.toString()));
        assertEquals(3, ImageFiles.read(ok).channels());
    }

    @Test
    void imageJSliceLabelsNameTheChannels() throws IOException {
        Path f = tmp.resolve("labels.tif");
        assertTrue(new FileSaver(hyperstack(3, 1, 1, "DAPI", "GFP", "Brightfield")).saveAsTiff(f.toString()));
        LoadedImage img = ImageFiles.read(f);
        assertEquals(List.of("DAPI", "GFP", "Brightfield"), img.channelNames());
        assertEquals(200f, Planes.copy(img.select(ChannelSelection.parseWithNames("gfp")))[0]);
        // big-endian too (ImageJ's default is little-endian since 1.53, older files are big-endian)
        boolean was = ij.Prefs.intelByteOrder;
        try {
            ij.Prefs.intelByteOrder = !was;
            Path other = tmp.resolve("labels-other-order.tif");
            assertTrue(new FileSaver(hyperstack(2, 1, 1, "Hoechst", "mCherry")).saveAsTiff(other.toString()));
            assertEquals(List.of("Hoechst", "mCherry"), ImageFiles.read(other).channelNames());
        } finally {
            ij.Prefs.intelByteOrder = was;
        }
        // no labels: no names
        Path none = tmp.resolve("nolabels.tif");
        assertTrue(new FileSaver(hyperstack(2, 1, 1)).saveAsTiff(none.toString()));
        assertEquals(List.of(), ImageFiles.read(none).channelNames());
    }

    @Test
    void channelNamesAreWrittenAsImageJSliceLabels() throws IOException {
        LoadedImage img = channels(10, 7, SampleType.UINT16, 2).withChannelNames(List.of("Hoechst", "mCherry"));
        for (PixelSize size : new PixelSize[] {null, PixelSize.parse("5nm")}) {
            Path f = tmp.resolve("named-" + (size == null) + ".tif");
            ImageFiles.write(img, f, false, size);
            ImagePlus imp = IJ.openImage(f.toString());
            assertEquals(2, imp.getNChannels());
            assertEquals("mCherry", imp.getStack().getSliceLabel(2));
            LoadedImage back = ImageFiles.read(f);
            assertPixels(img, back);
            assertEquals(List.of("Hoechst", "mCherry"), back.channelNames());
        }
        Path plain = tmp.resolve("unnamed.tif"); // no names: no labels, and no ImageJ description without a size
        ImageFiles.write(channels(10, 7, SampleType.UINT16, 2), plain, false);
        assertEquals(List.of(), ImageFiles.read(plain).channelNames());
        assertFalse(Files.readString(plain, java.nio.charset.StandardCharsets.ISO_8859_1).contains("IJIJ"));
    }

    @Test
    void unknownChannelNamesAreRefusedWithTheNamesTheFileHas() throws IOException {
        Path f = tmp.resolve("named.ome.tif");
        TestTiffs.writeTiff(f, channels(8, 6, SampleType.UINT16, 3),
            TestTiffs.omeXml(8, 6, SampleType.UINT16, NAMES, 1, 1, null));
        LoadedImage img = ImageFiles.read(f);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> img.select(ChannelSelection.parseWithNames("DAPI")));
        assertTrue(e.getMessage().contains("no channel named 'DAPI'") && e.getMessage().contains(
            "GFP, Hoechst 33342, mCherry"), e.getMessage());
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
        // plane() (no copy for one channel) resolves names too
        assertThrows(IllegalArgumentException.class, () -> img.plane(ChannelSelection.parseWithNames("DAPI")));
    }

    // ---- hostile headers

    @Test
    void damagedOmeXmlCountsAsNoneAndPrintsNothing() throws IOException {
        Path f = tmp.resolve("bad-ome.tif");
        String xml = TestTiffs.omeXml(8, 6, SampleType.UINT16, NAMES, 1, 1, "65 nm");
        TestTiffs.writeTiff(f, channels(8, 6, SampleType.UINT16, 3), xml.substring(0, xml.length() / 2));
        java.io.PrintStream old = System.err;
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        try {
            System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
            assertEquals(3, ImageFiles.read(f).channels()); // a plain multi-page TIFF then
            assertFalse(ImageCalibration.read(f).isPresent());
        } finally {
            System.setErr(old);
        }
        assertEquals("", err.toString(java.nio.charset.StandardCharsets.UTF_8), "the XML parser's own messages");
    }

    /** A classic little-endian TIFF of {@code pages} 4x4 8-bit IFDs; the last one's next offset is {@code lastNext}. */
    private static byte[] chain(int pages, int lastNextPage, int samplesPerPixel) {
        int ifdSize = 2 + 9 * 12 + 4, pixels = 16 * samplesPerPixel;
        int pageSize = ifdSize + pixels;
        ByteBuffer b = ByteBuffer.allocate(8 + pages * pageSize).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
        for (int p = 0; p < pages; p++) {
            int at = 8 + p * pageSize;
            b.position(at);
            int[][] tags = {{256, 3, 4}, {257, 3, 4}, {258, 3, 8}, {259, 3, 1}, {262, 3, 1}, {273, 4, at + ifdSize},
                {277, 3, samplesPerPixel}, {278, 3, 4}, {279, 4, pixels}};
            TestTiffs.putEntries(b, tags);
            int next = p < pages - 1 ? at + pageSize : lastNextPage < 0 ? 0 : 8 + lastNextPage * pageSize;
            b.putInt(next);
            for (int i = 0; i < pixels; i++) {
                b.put((byte) (p * 10 + i));
            }
        }
        return b.array();
    }

    @Test
    void loopingPageChainsEndAtTheLoopInsteadOfHanging() throws IOException {
        for (int[] c : new int[][] {{1, 0}, {3, 0}, {3, 1}, {3, 2}}) { // pages, the page the last one points back to
            Path f = tmp.resolve("loop" + c[0] + "-" + c[1] + ".tif");
            Files.write(f, chain(c[0], c[1], 1));
            LoadedImage img = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> ImageFiles.read(f),
                "a page chain looping back must not hang the reader: " + Arrays.toString(c));
            assertEquals(c[0], img.channels(), "each page read once");
            for (int p = 0; p < c[0]; p++) {
                assertEquals(p * 10f, img.channelArray(p)[0], "page " + p);
            }
        }
    }

    @Test
    void hugeSamplesPerPixelIsRefusedBeforeAllocating() throws IOException {
        // 4x4 pixels of 65535 samples each, in a 200-byte file: the reader would allocate a 1 M-sample raster
        byte[] b = chain(1, -1, 1);
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int spp = 8 + 2 + 6 * 12 + 8; // value of tag 277, the 7th entry
        assertEquals(277, bb.getShort(8 + 2 + 6 * 12) & 0xffff);
        bb.putShort(spp, (short) 0xffff);
        Path f = tmp.resolve("spp.tif");
        Files.write(f, b);
        assertRefused(f, "4x4 pixels of 65535 samples", "impossible for a file of");
        // and a large image whose samples per pixel multiply past the sample limit
        bb.putShort(8 + 2 + 8, (short) 0xffff); // width 65535
        bb.putShort(8 + 2 + 12 + 8, (short) 0xffff); // height 65535
        Files.write(f, b);
        assertRefused(f, "is too large");
    }
}
