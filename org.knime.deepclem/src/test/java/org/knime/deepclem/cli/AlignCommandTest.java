package org.knime.deepclem.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knime.deepclem.engine.image.Planes;
import org.knime.deepclem.engine.io.ImageFiles;
import org.knime.deepclem.engine.io.LoadedImage;
import org.knime.deepclem.engine.io.RepoData;
import org.knime.deepclem.engine.io.SampleType;
import org.knime.deepclem.engine.pipeline.PairOutputs;
import org.knime.deepclem.engine.registration.SyntheticPairs;
import org.knime.deepclem.engine.registration.Verdict;
import org.knime.deepclem.engine.transform.TransformDocument;
import org.knime.deepclem.engine.transform.TransformDocument.ImageSize;
import org.knime.deepclem.engine.transform.TransformFiles;

class AlignCommandTest {

    @TempDir
    Path tmp;

    /** Writes a synthetic case's fixed and moving images as 8-bit TIFFs. */
    private Path[] write(SyntheticPairs.Case c) throws Exception {
        Path fixed = tmp.resolve("fixed.tif"), moving = tmp.resolve("moving.tif");
        ImageFiles.write(LoadedImage.ofPlane(fixed, Planes.wrap(c.fixed(), c.fixedWidth(), c.fixedHeight()),
            SampleType.UINT8), fixed, false);
        ImageFiles.write(LoadedImage.ofChannels(moving, SampleType.UINT8, c.moving().length == 3, c.movingWidth(),
            c.movingHeight(), c.moving()), moving, false);
        return new Path[] {fixed, moving};
    }

    @Test
    void recoversAKnownTransformAndWritesEveryOutput() throws Exception {
        var src = SyntheticPairs.Source.read(RepoData.file("training/chromatin/s7.png"));
        SyntheticPairs.Case c = SyntheticPairs.make(src, 7, 0);
        Path[] files = write(c);
        Path out = tmp.resolve("out");
        CliRun r = CliRun.of("align", "--fixed", files[0], "--moving", files[1], "--out", out,
            "--moving-channel", c.moving().length == 3 ? Integer.toString(c.chromatin()) : "auto");
        assertEquals(0, r.code(), r.err());
        TransformDocument doc = TransformFiles.read(out.resolve("transform.json"));
        assertEquals(Verdict.OK, doc.result().verdict());
        assertTrue(c.error(doc.result().movingToFixed()) < 1.0, "error " + c.error(doc.result().movingToFixed()));
        // the XML, the BigWarp landmarks, the elastix parameters and the OME-NGFF file hold the same transform
        for (String other : List.of("transform.xml", "landmarks.csv", "TransformParameters.txt",
            "transform.ome-ngff.json")) {
            TransformDocument o = TransformFiles.read(out.resolve(other));
            double[] e = doc.result().movingToFixed().toRowMajor(), a = o.result().movingToFixed().toRowMajor();
            for (int i = 0; i < 6; i++) {
                assertEquals(e[i], a[i], 1e-9 * Math.max(1, Math.abs(e[i])), other + " entry " + i);
            }
        }
        assertEquals(new ImageSize(c.fixedWidth(), c.fixedHeight()),
            TransformFiles.read(out.resolve("TransformParameters.txt")).fixedSize());
        LoadedImage registered = ImageFiles.read(out.resolve("moving_registered.tif"));
        assertEquals(c.fixedWidth(), registered.width());
        assertEquals(c.fixedHeight(), registered.height());
        LoadedImage overlay = ImageFiles.read(out.resolve("overlay.png"));
        assertEquals(3, overlay.channels());
        // align predicts its error too (no prediction needed): small for this near-exact answer
        var predicted = doc.predictedError();
        assertTrue(predicted.known() && predicted.rmsPx() < 1.5, predicted.toString());
        assertEquals(c.fixedWidth(), ImageFiles.read(out.resolve(PairOutputs.ERROR_MAP)).width());
        assertTrue(Files.exists(out.resolve(PairOutputs.ERROR_OVERLAY)));
    }

    @Test
    void aBlankMovingImageFailsAndWritesNoResultImages() throws Exception {
        var src = SyntheticPairs.Source.read(RepoData.file("training/chromatin/s6.png"));
        SyntheticPairs.Case c = SyntheticPairs.make(src, 3, 0);
        Path fixed = write(c)[0];
        Path blank = tmp.resolve("blank.tif");
        ImageFiles.write(LoadedImage.ofPlane(blank, Planes.create(400, 300), SampleType.UINT8), blank, false);
        Path out = tmp.resolve("out");
        CliRun r = CliRun.of("align", "--fixed", fixed, "--moving", blank, "--out", out);
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.err().startsWith("registration failed: "), r.err());
        assertEquals(Verdict.FAILED, TransformFiles.read(out.resolve("transform.json")).result().verdict());
        for (String other : List.of("transform.xml", "landmarks.csv", "TransformParameters.txt",
            "transform.ome-ngff.json")) {
            assertFalse(Files.exists(out.resolve(other)), "no " + other + " for a failed registration");
        }
        assertFalse(Files.exists(out.resolve("blank_registered.tif")));
        assertFalse(Files.exists(out.resolve("overlay.png")));
    }

    @Test
    void existingOutputsAreKeptUnlessOverwriteIsGiven() throws Exception {
        var src = SyntheticPairs.Source.read(RepoData.file("training/chromatin/s8.png"));
        Path[] files = write(SyntheticPairs.make(src, 11, 0));
        Path out = Files.createDirectories(tmp.resolve("out"));
        Path mine = Files.writeString(out.resolve("transform.json"), "my notes");
        CliRun r = CliRun.of("align", "--fixed", files[0], "--moving", files[1], "--out", out);
        assertEquals(2, r.code());
        assertTrue(r.err().contains("transform.json"), r.err());
        assertEquals("my notes", Files.readString(mine));
        assertEquals(1, Files.list(out).count(), "nothing else written");
        CliRun again = CliRun.of("align", "--fixed", files[0], "--moving", files[1], "--out", out, "--overwrite");
        assertEquals(0, again.code(), again.err());
    }
}
