package org.knime.deepclem.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knime.deepclem.engine.io.ImageFiles;
import org.knime.deepclem.engine.io.LoadedImage;
import org.knime.deepclem.engine.io.RepoData;
import org.knime.deepclem.engine.io.SampleType;
import org.knime.deepclem.engine.pipeline.PairOutputs;
import org.knime.deepclem.engine.registration.PredictedError;
import org.knime.deepclem.engine.transform.TransformJson;

/**
 * {@code register} on the demo pair writes the predicted error: the two numbers in transform.json and on stdout, the
 * map (32-bit float, EM-sized, whose RMS is the predicted RMS) and its overlay; a failed pair writes neither file.
 */
class PredictedErrorCliTest {

    @TempDir
    Path tmp;

    @Test
    void registerOnTheDemoWritesTheErrorMapItsOverlayAndTheNumbers() throws IOException {
        Path em = RepoData.file("example/EM.png"), out = tmp.resolve("demo");
        CliRun r = CliRun.of("register", "--em", em, "--lm", RepoData.file("example/Chromatin.png"), "--out", out);
        assertEquals(ExitCode.OK, r.code(), r.err());
        assertTrue(r.out().contains("predicted error: RMS "), r.out());

        PredictedError e = TransformJson.read(out.resolve(PairOutputs.TRANSFORM_JSON)).predictedError();
        assertTrue(e.known(), e.reason());
        assertTrue(e.rmsPx() > 0 && e.rmsPx() < 15, e.toString());
        assertEquals(PredictedError.bound90(e.rmsPx()), e.bound90Px(), 1e-9);
        assertTrue(e.tiles() >= 3 && e.tiles() <= 16, e.toString());
        String json = Files.readString(out.resolve(PairOutputs.TRANSFORM_JSON));
        assertTrue(json.contains("\"predicted_error\"") && json.contains("\"bound90_px\""), json);

        LoadedImage emImg = ImageFiles.read(em);
        LoadedImage map = ImageFiles.read(out.resolve(PairOutputs.ERROR_MAP));
        assertEquals(SampleType.FLOAT32, map.sampleType());
        assertEquals(emImg.width(), map.width());
        assertEquals(emImg.height(), map.height());
        float[] v = map.channelArray(0);
        double sum = 0, min = Double.POSITIVE_INFINITY, max = 0;
        for (float x : v) {
            assertTrue(Float.isFinite(x));
            sum += x * x;
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
        assertEquals(e.rmsPx(), Math.sqrt(sum / v.length), 0.02 * e.rmsPx(), "the map's RMS is the predicted RMS");
        assertTrue(min > 0 && max > min, min + " .. " + max);

        LoadedImage overlay = ImageFiles.read(out.resolve(PairOutputs.ERROR_OVERLAY));
        assertTrue(overlay.rgb());
        assertEquals(emImg.width(), overlay.width());
        assertEquals(emImg.height(), overlay.height());
    }

    @Test
    void aFailedPairWritesNoErrorMap() {
        Path out = tmp.resolve("failed");
        CliRun r = CliRun.of("register", "--em", RepoData.file("training/em/s6.png"), "--lm",
            RepoData.file("example/Chromatin.png"), "--out", out);
        assertEquals(ExitCode.REGISTRATION_FAILED, r.code(), r.err());
        assertFalse(Files.exists(out.resolve(PairOutputs.ERROR_MAP)));
        assertFalse(Files.exists(out.resolve(PairOutputs.ERROR_OVERLAY)));
    }
}
