package org.knime.deepclem.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knime.deepclem.engine.image.Planes;
import org.knime.deepclem.engine.io.ChannelSelection;
import org.knime.deepclem.engine.io.ImageCalibration;
import org.knime.deepclem.engine.io.ImageFiles;
import org.knime.deepclem.engine.io.LoadedImage;
import org.knime.deepclem.engine.io.RepoData;
import org.knime.deepclem.engine.io.SampleType;
import org.knime.deepclem.engine.io.TestTiffs;
import org.knime.deepclem.engine.transform.TransformDocument;
import org.knime.deepclem.engine.transform.TransformJson;

import ij.IJ;
import ij.ImagePlus;
import ij.measure.Calibration;

/**
 * The files a microscope brings, end to end: the demo pair as a calibrated 16-bit three-channel OME-TIFF LM (chromatin
 * in the middle channel, named "Hoechst") and a calibrated BigTIFF EM, registered from the command line with the
 * chromatin chosen by name and no size options; every LM channel comes out in the EM frame, in one file, with the
 * EM's calibration and the channel names as ImageJ 1.54p reads them.
 */
class RealFilesCliTest {

    /** The demo pair's LM px -> EM px scale is 0.986 (its registration); these sizes make that true. */
    private static final double EM_UM = 0.010, LM_UM = 0.00986;

    private static final List<String> NAMES = List.of("GFP", "Hoechst", "Brightfield");

    @TempDir
    static Path tmp;

    private static Path em, lm;

    @BeforeAll
    static void writeOmeTiffLmAndBigTiffEm() throws IOException {
        LoadedImage demoEm = ImageFiles.read(RepoData.file("example/EM.png"));
        float[] gray = Planes.data(ChannelSelection.AUTO.apply(demoEm));
        em = tmp.resolve("EM.ome.btf");
        TestTiffs.writeBigTiff(em, LoadedImage.ofChannels(null, SampleType.UINT8, false, demoEm.width(),
            demoEm.height(), gray), TestTiffs.omeXml(demoEm.width(), demoEm.height(), SampleType.UINT8,
                List.of("EM"), 1, 1, (EM_UM * 1000) + " nm"));

        LoadedImage chromatin = ImageFiles.read(RepoData.file("example/Chromatin.png"));
        LoadedImage coi = ImageFiles.read(RepoData.file("example/Channel_of_interest.png"));
        int w = chromatin.width(), h = chromatin.height();
        float[] gfp = spread(Planes.data(ChannelSelection.MAX.apply(coi)));
        float[] hoechst = spread(Planes.data(ChannelSelection.BLUE.apply(chromatin)));
        float[] brightfield = new float[w * h]; // a flat field: registering it cannot succeed
        java.util.Arrays.fill(brightfield, 30000);
        lm = tmp.resolve("LM.ome.tif");
        TestTiffs.writeTiff(lm, LoadedImage.ofChannels(null, SampleType.UINT16, false, w, h, gfp, hoechst, brightfield),
            TestTiffs.omeXml(w, h, SampleType.UINT16, NAMES, 1, 1, LM_UM + " um"));
    }

    /** 8-bit demo values spread over 16 bits. */
    private static float[] spread(float[] v) {
        float[] s = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            s[i] = Math.round(v[i] * 200);
        }
        return s;
    }

    @Test
    void omeTiffLmAndBigTiffEmRegisterByChannelNameAndAllChannelsComeOutCalibrated() throws IOException {
        assertTrue(TestTiffs.isBigTiff(em));
        Path out = tmp.resolve("out");
        CliRun r = CliRun.of("register", "--em", em, "--lm", lm, "--lm-channel", "hoechst", "--out", out);
        assertEquals(0, r.code(), r.out() + r.err());

        TransformDocument doc = TransformJson.read(out.resolve("transform.json"));
        assertEquals(EM_UM, doc.fixedPixelSize().x(), 1e-9, "from the BigTIFF's OME-XML");
        assertEquals(LM_UM, doc.movingPixelSize().x(), 1e-9, "from the OME-TIFF's OME-XML");
        assertEquals(0.986, doc.result().movingToFixed().scale(), 0.02);
        assertEquals(1.0, doc.movingToFixedMicrometres().scale(), 0.02);

        // all three LM channels in the EM frame, in one file, named after the LM (.ome.tif stripped)
        Path registered = out.resolve("LM_registered.tif");
        assertTrue(Files.exists(registered), () -> String.join(", ", list(out)));
        LoadedImage back = ImageFiles.read(registered);
        assertEquals(3, back.channels());
        assertEquals(SampleType.UINT16, back.sampleType());
        assertEquals(NAMES, back.channelNames());
        assertEquals(EM_UM, ImageCalibration.read(registered).orElseThrow().x(), 1e-9);
        // what Fiji sees
        ImagePlus imp = IJ.openImage(registered.toString());
        assertEquals(3, imp.getNChannels());
        assertEquals(1002, imp.getWidth());
        assertEquals(530, imp.getHeight());
        assertEquals("Hoechst", imp.getStack().getSliceLabel(2));
        Calibration cal = imp.getCalibration();
        assertEquals("µm", cal.getUnit());
        assertEquals(EM_UM, cal.pixelWidth, 1e-7);
        assertEquals(EM_UM, cal.pixelHeight, 1e-7);
        // the registered Hoechst channel lies on the EM's nuclei: it correlates with the virtual chromatin
        float[] vc = Planes.data(ImageFiles.read(out.resolve("virtual_chromatin.tif")).channel(0));
        assertTrue(correlation(vc, back.channelArray(1)) > 0.4, "Hoechst vs virtual chromatin "
            + correlation(vc, back.channelArray(1)));
        assertTrue(correlation(vc, back.channelArray(1)) > correlation(vc, back.channelArray(0)));
        assertEquals(EM_UM, ImageCalibration.read(out.resolve("virtual_chromatin.tif")).orElseThrow().x(), 1e-9);
        assertEquals(EM_UM, ImageCalibration.read(out.resolve("overlay.png")).orElseThrow().x(), 1e-5);
    }

    @Test
    void batchTakesTheChannelNameForPairsWithoutAnLmChannelColumn() throws IOException {
        Path csv = tmp.resolve("pairs.csv");
        Files.writeString(csv, "em,lm,id\n" + em + "," + lm + ",ome\n");
        Path out = tmp.resolve("batch");
        CliRun r = CliRun.of("batch", "--pairs", csv, "--out", out, "--lm-channel", "HOECHST");
        assertEquals(0, r.code(), r.out() + r.err());
        assertEquals(3, ImageFiles.read(out.resolve("ome/LM_registered.tif")).channels());
        // the column wins over the option: a name the file lacks fails that pair
        Files.writeString(csv, "em,lm,id,lm_channel\n" + em + "," + lm + ",ome,DAPI\n");
        CliRun bad = CliRun.of("batch", "--pairs", csv, "--out", tmp.resolve("batch2"), "--lm-channel", "Hoechst");
        assertEquals(1, bad.code(), bad.out() + bad.err());
        assertTrue(Files.readString(tmp.resolve("batch2").resolve(BatchSummary.FILE)).contains("DAPI"));
    }

    @Test
    void anUnknownChannelNameIsBadInputListingTheFilesChannels() {
        Path out = tmp.resolve("unknown");
        CliRun r = CliRun.of("register", "--em", em, "--lm", lm, "--lm-channel", "DAPI", "--out", out);
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("no channel named 'DAPI'") && r.err().contains("GFP, Hoechst, Brightfield"),
            r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        // a colour keyword would silently mean "the third page" on named channels: refused too
        CliRun blue = CliRun.of("register", "--em", em, "--lm", lm, "--lm-channel", "blue", "--out", out);
        assertEquals(2, blue.code(), blue.out() + blue.err());
        assertTrue(blue.err().contains("GFP, Hoechst, Brightfield"), blue.err());
    }

    @Test
    void aZStackIsBadInputSayingHowToSaveOnePlane() throws IOException {
        Path z = tmp.resolve("zstack.ome.tif");
        float[][] planes = new float[6][64 * 48];
        TestTiffs.writeTiff(z, LoadedImage.ofChannels(null, SampleType.UINT16, false, 64, 48, planes),
            TestTiffs.omeXml(64, 48, SampleType.UINT16, List.of("Hoechst", "GFP"), 3, 1, null));
        Path out = tmp.resolve("z");
        CliRun r = CliRun.of("register", "--em", em, "--lm", z, "--lm-channel", "Hoechst", "--out", out);
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains(z.toString()) && r.err().contains("has 3 z-slices")
            && r.err().contains("Z Project"), r.err());
        assertFalse(Files.exists(out.resolve("transform.json")));
    }

    private static List<String> list(Path dir) {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            return List.of(e.toString());
        }
    }

    private static double correlation(float[] a, float[] b) {
        double ma = 0, mb = 0;
        for (int i = 0; i < a.length; i++) {
            ma += a[i];
            mb += b[i];
        }
        ma /= a.length;
        mb /= b.length;
        double sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < a.length; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return sab / Math.sqrt(saa * sbb);
    }
}
