package org.knime.deepclem.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knime.deepclem.engine.geometry.Affine2D;
import org.knime.deepclem.engine.image.Planes;
import org.knime.deepclem.engine.io.ImageFiles;
import org.knime.deepclem.engine.io.LoadedImage;
import org.knime.deepclem.engine.io.RepoData;
import org.knime.deepclem.engine.io.SampleType;
import org.knime.deepclem.engine.registration.SyntheticPairs;
import org.knime.deepclem.engine.transform.TransformDocument;
import org.knime.deepclem.engine.transform.TransformFiles;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** {@code --landmarks} and {@code --landmarks-only} of align and register. */
class LandmarksCliTest {

    @TempDir
    Path tmp;

    /** Six landmarks spread over a w x h moving frame, mapped by {@code t} plus Gaussian noise (px per coordinate). */
    private static double[][] landmarks(Affine2D t, int w, int h, double noise, long seed) {
        double[][] at = {{0.1, 0.1}, {0.9, 0.15}, {0.5, 0.5}, {0.15, 0.85}, {0.85, 0.9}, {0.6, 0.3}};
        Random rnd = new Random(seed);
        double[][] out = new double[at.length][];
        for (int i = 0; i < at.length; i++) {
            double x = at[i][0] * w, y = at[i][1] * h;
            out[i] = new double[] {x, y, t.applyX(x, y) + noise * rnd.nextGaussian(),
                t.applyY(x, y) + noise * rnd.nextGaussian()};
        }
        return out;
    }

    /** BigWarp's exact layout: no header, every field quoted, name, active, moving x, y, target x, y. */
    private Path bigWarpCsv(String name, double[][] pairs) throws Exception {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < pairs.length; i++) {
            s.append("\"Pt-").append(i).append("\",\"true\"");
            for (double v : pairs[i]) {
                s.append(",\"").append(Double.toString(v)).append('"');
            }
            s.append('\n');
        }
        Path p = tmp.resolve(name);
        Files.writeString(p, s);
        return p;
    }

    private SyntheticPairs.Case synthetic() throws Exception {
        var src = SyntheticPairs.Source.read(RepoData.file("training/chromatin/s7.png"));
        return SyntheticPairs.make(src, 7, 0);
    }

    private Path[] write(SyntheticPairs.Case c) throws Exception {
        Path fixed = tmp.resolve("fixed.tif"), moving = tmp.resolve("moving.tif");
        if (!Files.exists(fixed)) {
            ImageFiles.write(LoadedImage.ofPlane(fixed, Planes.wrap(c.fixed(), c.fixedWidth(), c.fixedHeight()),
                SampleType.UINT8), fixed, false);
            ImageFiles.write(LoadedImage.ofChannels(moving, SampleType.UINT8, c.moving().length == 3,
                c.movingWidth(), c.movingHeight(), c.moving()), moving, false);
        }
        return new Path[] {fixed, moving};
    }

    private CliRun align(SyntheticPairs.Case c, Path out, Object... more) throws Exception {
        Path[] files = write(c);
        Object[] base = {"align", "--fixed", files[0], "--moving", files[1], "--out", out, "--moving-channel",
            c.moving().length == 3 ? Integer.toString(c.chromatin()) : "auto"};
        Object[] all = new Object[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return CliRun.of(all);
    }

    private static JsonObject json(Path dir) throws Exception {
        return JsonParser.parseString(Files.readString(dir.resolve("transform.json"))).getAsJsonObject();
    }

    private static Affine2D matrix(Path dir) throws Exception {
        return TransformFiles.read(dir.resolve("transform.json")).result().movingToFixed();
    }

    @Test
    void landmarksAloneRegisterTheDemoPairWithoutTheModel() throws Exception {
        Path em = RepoData.file("example/EM.png"), lm = RepoData.file("example/Chromatin.png");
        Affine2D known = Affine2D.similarity(0.42, Math.toRadians(3), 240, -15); // LM 1280x1024 -> EM 1002x530
        Path csv = bigWarpCsv("lm.csv", landmarks(known, 1280, 1024, 0.5, 11));
        Path out = tmp.resolve("demo");
        CliRun r = CliRun.of("register", "--em", em, "--lm", lm, "--out", out, "--landmarks", csv,
            "--landmarks-only");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("landmarks: 6 pairs, FRE "), r.out());
        Affine2D found = matrix(out);
        // the noise is 0.5 px per coordinate: the fit is off by about FLE / sqrt(N) ~ 0.3 px
        assertTrue(found.rmsDistance(known, 1280, 1024, 16) < 0.8, "off by " + found.rmsDistance(known, 1280, 1024,
            16));
        JsonObject j = json(out);
        assertEquals("landmarks", j.get("source").getAsString());
        JsonObject lmf = j.getAsJsonObject("landmarks");
        assertEquals(6, lmf.get("n_landmarks").getAsInt());
        double fre = lmf.get("fre_px").getAsDouble(), fle = lmf.get("fle_px").getAsDouble();
        assertTrue(fre > 0 && fre < 1.5 && fle > fre, fre + " " + fle);
        assertTrue(lmf.get("tre_max_px").getAsDouble() > lmf.get("tre_px").getAsDouble());
        assertTrue(Files.isRegularFile(out.resolve("Chromatin_registered.tif")));
        assertFalse(Files.exists(out.resolve("virtual_chromatin.tif")), "no prediction with --landmarks-only");
    }

    /**
     * batch: a pair's landmarks column, alone with --landmarks-only (no model needed for that pair), a pair without
     * landmarks registered as usual, a pair whose landmark file is bad failed on its own; resume redoes a pair whose
     * landmark file changed.
     */
    @Test
    void batchTakesLandmarksPerPair() throws Exception {
        Path em = RepoData.file("example/EM.png"), lm = RepoData.file("example/Chromatin.png");
        Affine2D known = Affine2D.similarity(0.42, Math.toRadians(3), 240, -15);
        Path good = bigWarpCsv("good.csv", landmarks(known, 1280, 1024, 0.5, 11));
        Path one = bigWarpCsv("one.csv", new double[][] {{1, 2, 3, 4}});
        Path pairs = tmp.resolve("pairs.csv");
        Files.writeString(pairs, "id,em,lm,landmarks\n"
            + "byHand," + em + "," + lm + "," + good + "\n"
            + "auto," + em + "," + lm + ",\n"
            + "bad," + em + "," + lm + "," + one + "\n");
        Path out = tmp.resolve("batch");
        CliRun r = CliRun.of("batch", "--pairs", pairs, "--out", out, "--landmarks-only", "--threads", "1");
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(matrix(out.resolve("byHand")).rmsDistance(known, 1280, 1024, 16) < 0.8);
        assertEquals("landmarks", json(out.resolve("byHand")).get("source").getAsString());
        assertFalse(Files.exists(out.resolve("byHand/virtual_chromatin.tif")), "no prediction for a landmark pair");
        assertEquals("image", json(out.resolve("auto")).get("source").getAsString());
        assertTrue(Files.exists(out.resolve("auto/virtual_chromatin.tif")));
        var rows = BatchSummary.read(out.resolve(BatchSummary.FILE));
        assertEquals("landmarks", rows.get("byHand").values().get(List.of(BatchSummary.COLUMNS).indexOf("source")));
        assertEquals(good.toString(), rows.get("byHand").landmarks());
        assertEquals("ok", rows.get("auto").verdict());
        assertEquals("failed", rows.get("bad").verdict());
        assertTrue(rows.get("bad").reason().contains("1 active landmark pair; a similarity transform needs at least 2"),
            rows.get("bad").reason());

        // landmarks given to the automatic pair since: resume does it again, keeps the others
        Files.writeString(pairs, Files.readString(pairs).replace("auto," + em + "," + lm + ",\n",
            "auto," + em + "," + lm + "," + good + "\n"));
        r = CliRun.of("batch", "--pairs", pairs, "--out", out, "--landmarks-only", "--resume", "--threads", "1");
        assertTrue(r.out().contains("1 of 3 pairs already finished, 2 to run"), r.out() + r.err());
        assertEquals("landmarks", json(out.resolve("auto")).get("source").getAsString());
        assertFalse(Files.exists(out.resolve("auto/virtual_chromatin.tif")), "the earlier run's prediction is gone");
    }

    /** register on the demo pair, corrected by landmarks that agree with its automatic result and by ones that do not. */
    @Test
    void combinedOnTheDemoPair() throws Exception {
        Path em = RepoData.file("example/EM.png"), lm = RepoData.file("example/Chromatin.png");
        Path autoOut = tmp.resolve("auto");
        CliRun r = CliRun.of("register", "--em", em, "--lm", lm, "--out", autoOut);
        assertEquals(0, r.code(), r.out() + r.err());
        Affine2D auto = matrix(autoOut);
        assertEquals("image", json(autoOut).get("source").getAsString());

        Path agree = bigWarpCsv("agree.csv", landmarks(auto, 1280, 1024, 1.0, 21));
        Path out = tmp.resolve("agree");
        r = CliRun.of("register", "--em", em, "--lm", lm, "--out", out, "--landmarks", agree);
        assertEquals(0, r.code(), r.out() + r.err());
        assertEquals("image+landmarks", json(out).get("source").getAsString());
        assertEquals("correlation+landmarks", json(out).get("method").getAsString());
        assertTrue(r.out().contains("ok by correlation+landmarks: "), r.out());
        double moved = matrix(out).rmsDistance(auto, 1280, 1024, 16);
        assertTrue(moved < 2, "moved " + moved);

        Affine2D off = Affine2D.translation(30, 20).after(auto);
        Path disagree = bigWarpCsv("disagree.csv", landmarks(off, 1280, 1024, 1.0, 22));
        Path out2 = tmp.resolve("disagree");
        r = CliRun.of("register", "--em", em, "--lm", lm, "--out", out2, "--landmarks", disagree);
        assertEquals(0, r.code(), r.out() + r.err());
        Affine2D pulled = matrix(out2);
        double toAuto = pulled.rmsDistance(auto, 1280, 1024, 16), toLandmarks = pulled.rmsDistance(off, 1280, 1024, 16);
        // six landmarks of FLE ~1.4 px against the correlation's assumed 3 px: mostly the landmarks
        assertTrue(toLandmarks < toAuto && toAuto > 20, toAuto + " / " + toLandmarks);
    }

    @Test
    void landmarksAloneRecoverASyntheticPairsTransform() throws Exception {
        SyntheticPairs.Case c = synthetic();
        Path csv = bigWarpCsv("lm.csv", landmarks(c.truth(), c.movingWidth(), c.movingHeight(), 0.3, 5));
        Path out = tmp.resolve("only");
        CliRun r = align(c, out, "--landmarks", csv, "--landmarks-only");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(c.error(matrix(out)) < 1.0, "error " + c.error(matrix(out)));
        assertEquals("landmarks", json(out).get("source").getAsString());
        assertEquals("landmarks", TransformFiles.read(out.resolve("transform.json")).result().method());
    }

    @Test
    void combinedStaysNearAnAgreeingAutomaticResultAndMovesTowardsDisagreeingLandmarks() throws Exception {
        SyntheticPairs.Case c = synthetic();
        Path autoOut = tmp.resolve("auto");
        assertEquals(0, align(c, autoOut).code());
        Affine2D auto = matrix(autoOut);
        assertEquals("image", json(autoOut).get("source").getAsString());
        assertFalse(json(autoOut).has("landmarks"));
        int w = c.fixedWidth(), h = c.fixedHeight();

        Path agree = bigWarpCsv("agree.csv", landmarks(c.truth(), c.movingWidth(), c.movingHeight(), 1.0, 6));
        Path out = tmp.resolve("agree");
        CliRun r = align(c, out, "--landmarks", agree);
        assertEquals(0, r.code(), r.out() + r.err());
        assertEquals("image+landmarks", json(out).get("source").getAsString());
        Affine2D combined = matrix(out);
        double moved = combined.inverse().after(auto).rmsDistance(Affine2D.IDENTITY, c.movingWidth(),
            c.movingHeight(), 16);
        assertTrue(moved < 2, "moved " + moved);
        assertTrue(c.error(combined) < 1.5, "error " + c.error(combined));

        Affine2D off = Affine2D.translation(25, -15).after(c.truth()); // landmarks 29 px away from the image evidence
        Path disagree = bigWarpCsv("disagree.csv", landmarks(off, c.movingWidth(), c.movingHeight(), 1.0, 7));
        Path out2 = tmp.resolve("disagree");
        assertEquals(0, align(c, out2, "--landmarks", disagree).code());
        Affine2D pulled = matrix(out2);
        double toAuto = pulled.rmsDistance(auto, w, h, 16), toLandmarks = pulled.rmsDistance(off, w, h, 16);
        double apart = auto.rmsDistance(off, w, h, 16);
        assertTrue(toAuto > 5 && toLandmarks < apart, toAuto + " / " + toLandmarks + " / " + apart);
    }

    @Test
    void aFailedAutomaticResultFallsBackToTheLandmarks() throws Exception {
        SyntheticPairs.Case c = synthetic();
        Path fixed = write(c)[0];
        Path blank = tmp.resolve("blank.tif");
        ImageFiles.write(LoadedImage.ofPlane(blank, Planes.create(400, 300), SampleType.UINT8), blank, false);
        Affine2D t = Affine2D.similarity(1.1, 0.1, 20, 10);
        Path csv = bigWarpCsv("lm.csv", landmarks(t, 400, 300, 0.3, 8));
        Path out = tmp.resolve("fallback");
        CliRun r = CliRun.of("align", "--fixed", fixed, "--moving", blank, "--out", out, "--landmarks", csv);
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("the automatic registration failed"), r.out());
        assertEquals("landmarks", json(out).get("source").getAsString());
        assertTrue(matrix(out).rmsDistance(t, 400, 300, 8) < 1);
    }

    @Test
    void tooFewOrCollinearLandmarksExitWithTwoAndOneLine() throws Exception {
        SyntheticPairs.Case c = synthetic();
        Path one = bigWarpCsv("one.csv", new double[][] {{1, 2, 3, 4}});
        CliRun r = align(c, tmp.resolve("a"), "--landmarks", one, "--landmarks-only");
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("1 active landmark pair; a similarity transform needs at least 2"), r.err());

        Path line = bigWarpCsv("line.csv", new double[][] {{0, 0, 5, 5}, {10, 10, 15, 15}, {20, 20, 25, 25}});
        r = align(c, tmp.resolve("b"), "--landmarks", line, "--transform-model", "affine");
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("on one line"), r.err());
        assertFalse(Files.exists(tmp.resolve("b").resolve("transform.json")), "refused before any work");

        r = align(c, tmp.resolve("c"), "--landmarks-only");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("--landmarks-only needs --landmarks"), r.err());
    }

    @Test
    void aPlainCsvWithAHeaderWorksForAlignAndApply() throws Exception {
        SyntheticPairs.Case c = synthetic();
        double[][] p = landmarks(c.truth(), c.movingWidth(), c.movingHeight(), 0, 0);
        StringBuilder s = new StringBuilder("moving_x,moving_y,fixed_x,fixed_y\n");
        for (double[] q : p) {
            s.append(q[0]).append(',').append(q[1]).append(',').append(q[2]).append(',').append(q[3]).append('\n');
        }
        Path csv = tmp.resolve("plain.csv");
        Files.writeString(csv, s);
        Path out = tmp.resolve("plain");
        assertEquals(0, align(c, out, "--landmarks", csv, "--landmarks-only").code());
        assertTrue(c.error(matrix(out)) < 0.5, "error " + c.error(matrix(out)));
        // apply takes the same file as its transform (an affine fit of the pairs)
        TransformDocument doc = TransformFiles.read(csv);
        assertNotNull(doc.result().movingToFixed());
        Path[] files = write(c);
        CliRun r = CliRun.of("apply", "--transform", csv, "--reference", files[0], "--out", tmp.resolve("applied"),
            files[1]);
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(Files.isRegularFile(tmp.resolve("applied/moving_registered.tif")));
    }
}
