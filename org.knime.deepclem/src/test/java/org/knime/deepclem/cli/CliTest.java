package org.knime.deepclem.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knime.deepclem.engine.geometry.Affine2D;
import org.knime.deepclem.engine.image.Planes;
import org.knime.deepclem.engine.io.ChannelSelection;
import org.knime.deepclem.engine.io.ImageFiles;
import org.knime.deepclem.engine.io.LoadedImage;
import org.knime.deepclem.engine.io.RepoData;
import org.knime.deepclem.engine.io.SampleType;
import org.knime.deepclem.engine.preprocess.Equalization;
import org.knime.deepclem.engine.registration.Quality;
import org.knime.deepclem.engine.registration.RegistrationResult;
import org.knime.deepclem.engine.registration.TransformModel;
import org.knime.deepclem.engine.registration.Verdict;
import org.knime.deepclem.engine.transform.TransformDocument.ImageSize;
import org.knime.deepclem.engine.transform.TransformDocument;
import org.knime.deepclem.engine.transform.TransformFiles;

class CliTest {

    @TempDir
    Path tmp;

    static final Path EM = RepoData.file("example/EM.png");
    static final Path CHROMATIN = RepoData.file("example/Chromatin.png");

    private static CliRun run(Object... args) {
        return CliRun.of(args);
    }

    private static void assertBadInput(CliRun r, String fragment) {
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
        assertTrue(r.err().contains(fragment), r.err());
        assertFalse(r.err().contains("at org."), "no stack trace: " + r.err());
    }

    @Test
    void preprocessWritesImageJEqualisedEm() throws IOException {
        Path out = tmp.resolve("em_eq.tif");
        CliRun r = run("preprocess", EM, "--out", out);
        assertEquals(0, r.code(), r.err());
        LoadedImage img = ImageFiles.read(out);
        assertEquals(SampleType.UINT8, img.sampleType());
        assertEquals(1, img.channels());
        assertEquals(1002, img.width());
        float[] expected = Planes.copy(Equalization.imageJ(ImageFiles.read(EM).select(ChannelSelection.AUTO), 8));
        assertArrayEquals(expected, img.channelArray(0), 0f);
    }

    @Test
    void preprocessNormalisesScalesAndInverts() throws IOException {
        Path out = tmp.resolve("em_norm.tif");
        CliRun r = run("preprocess", EM, "--out", out, "--equalize", "none", "--normalize", "1,99", "--clip", "--invert",
            "--scale", "0.5");
        assertEquals(0, r.code(), r.err());
        LoadedImage img = ImageFiles.read(out);
        assertEquals(SampleType.FLOAT32, img.sampleType());
        assertEquals(501, img.width());
        assertEquals(265, img.height());
        float lo = Float.MAX_VALUE, hi = -Float.MAX_VALUE;
        for (float f : img.channelArray(0)) {
            lo = Math.min(lo, f);
            hi = Math.max(hi, f);
        }
        assertTrue(lo >= 0 && hi <= 1 && hi - lo > 0.9, lo + ".." + hi);
        Path px = tmp.resolve("em_px.png");
        assertEquals(0, run("preprocess", EM, "--out", px, "--equalize", "clahe", "--pixel-size", "5",
            "--target-pixel-size", "20").code());
        assertEquals(251, ImageFiles.read(px).width()); // round(1002 / 4)
    }

    @Test
    void preprocessRefusesBadInputWithOneLine() throws IOException {
        Path out = tmp.resolve("x.tif");
        Files.writeString(out, "keep me");
        assertBadInput(run("preprocess", EM, "--out", out), "exists");
        assertEquals("keep me", Files.readString(out));
        assertEquals(0, run("preprocess", EM, "--out", out, "--overwrite").code());
        assertEquals(1002, ImageFiles.read(out).width());

        assertBadInput(run("preprocess", tmp.resolve("missing.png"), "--out", tmp.resolve("y.tif")), "missing.png");
        assertBadInput(run("preprocess", EM, "--out", tmp.resolve("n.png"), "--normalize", "1,99"), "32-bit");
        assertBadInput(run("preprocess", EM, "--out", tmp.resolve("e.tif"), "--equalize", "magic"), "magic");
        assertBadInput(run("preprocess", EM, "--out", tmp.resolve("s.tif"), "--scale", "2", "--pixel-size", "1",
            "--target-pixel-size", "2"), "mutually exclusive");
        assertBadInput(run("preprocess", EM, "--out", tmp.resolve("s.tif"), "--scale", "-1"), "scale");
        Path junk = tmp.resolve("junk.png");
        Files.writeString(junk, "this is not a png");
        assertBadInput(run("preprocess", junk, "--out", tmp.resolve("j.tif")), "junk.png");
        assertFalse(Files.exists(tmp.resolve("y.tif")) || Files.exists(tmp.resolve("n.png"))
            || Files.exists(tmp.resolve("j.tif")));
    }

    @Test
    void helpWorksForBothCommands() {
        CliRun p = run("preprocess", "--help");
        assertEquals(0, p.code());
        assertTrue(p.out().contains("--equalize") && p.out().contains("--target-pixel-size"), p.out());
        CliRun a = run("apply", "--help");
        assertEquals(0, a.code());
        assertTrue(a.out().contains("--transform") && a.out().contains("--interpolation"), a.out());
    }

    @Test
    void everyCommandsHelpIsFormattedWithoutWarnings() {
        // a bare '%' in a description is a format conversion to picocli: it warns on stderr and prints the raw text
        for (String command : new picocli.CommandLine(new Main()).getSubcommands().keySet()) {
            CliRun r = run(command, "--help");
            assertEquals(0, r.code(), command + ": " + r.err());
            assertFalse((r.out() + r.err()).contains("picocli WARN"), command + ": " + r.err());
            assertFalse(r.out().contains("%n"), command + ": " + r.out());
        }
    }

    private Path transform(Affine2D m, String name, Verdict verdict, ImageSize moving) throws IOException {
        RegistrationResult r = new RegistrationResult(m, TransformModel.SIMILARITY, "features", Quality.NONE, verdict,
            verdict == Verdict.OK ? "" : "too few inliers");
        Path t = tmp.resolve(name);
        TransformFiles.write(new TransformDocument(r, null, moving), t, false);
        return t;
    }

    @Test
    void applyWarpsEachChannelImageIntoTheReferenceFrame() throws IOException {
        Path t = transform(Affine2D.translation(-100, -50), "t.json", Verdict.OK, null);
        Path sixteen = tmp.resolve("coi16.tif");
        LoadedImage chrom = ImageFiles.read(CHROMATIN);
        float[] b = chrom.channelArray(2);
        for (int i = 0; i < b.length; i++) {
            b[i] = b[i] * 257; // full 16-bit range
        }
        ImageFiles.write(LoadedImage.ofChannels(null, SampleType.UINT16, false, 1280, 1024, b), sixteen, false);
        Path dir = tmp.resolve("out");
        CliRun r = run("apply", "--transform", t, "--reference", EM, "--out", dir, CHROMATIN, sixteen);
        assertEquals(0, r.code(), r.err());
        LoadedImage rgb = ImageFiles.read(dir.resolve("Chromatin_registered.tif"));
        assertEquals(1002, rgb.width());
        assertEquals(530, rgb.height());
        assertEquals(3, rgb.channels());
        assertEquals(SampleType.UINT8, rgb.sampleType());
        LoadedImage g16 = ImageFiles.read(dir.resolve("coi16_registered.tif"));
        assertEquals(SampleType.UINT16, g16.sampleType());
        float[] g = g16.channelArray(0), green = rgb.channelArray(1), srcGreen = chrom.channelArray(1);
        for (int y = 0; y < 530; y += 37) {
            for (int x = 0; x < 1002; x += 41) {
                int sx = x + 100, sy = y + 50; // output (x, y) comes from moving (x + 100, y + 50)
                assertEquals(b[sy * 1280 + sx], g[y * 1002 + x], 0f);
                assertEquals(srcGreen[sy * 1280 + sx], green[y * 1002 + x], 0f);
            }
        }
        // a Fiji XML with the same matrix gives the same output
        Path xml = transform(Affine2D.translation(-100, -50), "t.xml", Verdict.OK, null);
        Path dir2 = tmp.resolve("out2");
        assertEquals(0, run("apply", "--transform", xml, "--reference", EM, "--out", dir2, sixteen).code());
        assertArrayEquals(g, ImageFiles.read(dir2.resolve("coi16_registered.tif")).channelArray(0), 0f);
        // and so do elastix parameters (fixed -> moving, inverted on reading), BigWarp landmarks and OME-NGFF
        RegistrationResult ok = new RegistrationResult(Affine2D.translation(-100, -50), TransformModel.TRANSLATION,
            "features", Quality.NONE, Verdict.OK, "");
        TransformDocument sized = new TransformDocument(ok, new ImageSize(1002, 530), new ImageSize(1280, 1024));
        for (String name : List.of("TransformParameters.txt", "landmarks.csv", "transform.ome-ngff.json")) {
            Path f = tmp.resolve(name);
            TransformFiles.write(sized, f, false);
            Path d = tmp.resolve("out-" + name);
            CliRun other = run("apply", "--transform", f, "--reference", EM, "--out", d, sixteen);
            assertEquals(0, other.code(), name + ": " + other.err());
            assertArrayEquals(g, ImageFiles.read(d.resolve("coi16_registered.tif")).channelArray(0), 0f, name);
        }
        // the elastix file knows the fixed size: another reference is refused
        Path small = tmp.resolve("small.png");
        ImageFiles.write(LoadedImage.ofPlane(small, Planes.create(64, 48), SampleType.UINT8), small, false);
        assertBadInput(run("apply", "--transform", tmp.resolve("TransformParameters.txt"), "--reference", small,
            "--out", tmp.resolve("out-small"), sixteen), "1002x530");
    }

    @Test
    void applyRefusesBeforeWritingAnything() throws IOException {
        Path t = transform(Affine2D.similarity(1.1, 0.2, 5, 5), "t.json", Verdict.OK, null);
        Path dir = Files.createDirectories(tmp.resolve("out"));
        Path coi = RepoData.file("example/Channel_of_interest.png");
        Files.writeString(dir.resolve("Chromatin_registered.tif"), "old");
        assertBadInput(run("apply", "--transform", t, "--reference", EM, "--out", dir, coi, CHROMATIN), "exists");
        assertFalse(Files.exists(dir.resolve("Channel_of_interest_registered.tif")), "nothing written");
        assertEquals("old", Files.readString(dir.resolve("Chromatin_registered.tif")));

        Path failed = transform(Affine2D.IDENTITY, "f.json", Verdict.FAILED, null);
        assertBadInput(run("apply", "--transform", failed, "--reference", EM, "--out", tmp.resolve("o2"), coi),
            "failed");
        Path sized = transform(Affine2D.IDENTITY, "s.json", Verdict.OK, new ImageSize(640, 480));
        assertBadInput(run("apply", "--transform", sized, "--reference", EM, "--out", tmp.resolve("o3"), coi),
            "640x480");
        assertBadInput(run("apply", "--transform", tmp.resolve("none.json"), "--reference", EM, "--out",
            tmp.resolve("o4"), coi), "none.json");
        assertBadInput(run("apply", "--transform", t, "--reference", EM, "--out", tmp.resolve("o5")), "C");
        assertBadInput(run("apply", "--transform", t, "--reference", EM, "--out", tmp.resolve("o6"),
            "--interpolation", "sinc", coi), "sinc");
        assertFalse(Files.exists(tmp.resolve("o2")) || Files.exists(tmp.resolve("o3")) || Files.exists(tmp.resolve("o6")));
        assertEquals(0, run("apply", "--transform", t, "--reference", EM, "--out", dir, "--overwrite", coi, CHROMATIN)
            .code());
        assertEquals(1002, ImageFiles.read(dir.resolve("Chromatin_registered.tif")).width());
    }
}
