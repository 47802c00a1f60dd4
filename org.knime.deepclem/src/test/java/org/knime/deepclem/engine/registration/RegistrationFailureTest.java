package org.knime.deepclem.engine.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.knime.deepclem.engine.image.Planes;

import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.real.FloatType;

/** Pairs without a true answer must come back FAILED with a reason, never as a transform to apply. */
class RegistrationFailureTest {

    private static SyntheticPairs.Source s6;

    @BeforeAll
    static void readImages() throws IOException {
        s6 = AccuracyRun.sources(AccuracyRun.repoRoot()).get(0);
    }

    private static List<Registration> all() {
        return List.of(new FeatureRegistration(), new CorrelationRegistration(), new AutoRegistration());
    }

    private static ArrayImg<FloatType, FloatArray> crop(SyntheticPairs.Source s, int x0, int y0, int w, int h) {
        float[] out = new float[w * h];
        for (int y = 0; y < h; y++) {
            System.arraycopy(s.px(), (y + y0) * s.width() + x0, out, y * w, w);
        }
        return Planes.wrap(out, w, h);
    }

    private static void assertFailed(RegistrationResult r, String what) {
        assertEquals(Verdict.FAILED, r.verdict(), what + ": " + r.method() + " returned " + r.movingToFixed() + " "
            + r.quality());
        assertFalse(r.ok());
        assertFalse(r.reason().isBlank(), what + ": a failure must say why");
    }

    @Test
    void blankFixedImageFails() {
        var fixed = Planes.create(600, 450);
        var moving = crop(s6, 100, 100, 800, 700);
        for (Registration reg : all()) {
            assertFailed(reg.register(fixed, moving, TransformModel.SIMILARITY), "blank fixed");
        }
    }

    @Test
    void blankMovingImageFails() {
        var fixed = crop(s6, 100, 100, 800, 700);
        var moving = Planes.create(640, 480);
        for (Registration reg : all()) {
            assertFailed(reg.register(fixed, moving, TransformModel.SIMILARITY), "blank moving");
        }
    }

    @Test
    void noiseOnlyImagesFail() {
        Random rnd = new Random(7);
        float[] a = new float[500 * 400], b = new float[600 * 500];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) (20 + 5 * rnd.nextGaussian());
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = (float) (20 + 5 * rnd.nextGaussian());
        }
        for (Registration reg : all()) {
            assertFailed(reg.register(Planes.wrap(a, 500, 400), Planes.wrap(b, 600, 500), TransformModel.SIMILARITY),
                "noise");
        }
    }

    /** Fixed = upper-left part of s6, moving = its lower-right part: no pixel in common. */
    @Test
    void nonOverlappingPairFails() {
        var fixed = crop(s6, 0, 0, 560, 440);
        var moving = crop(s6, 600, 480, 680, 474);
        for (Registration reg : all()) {
            assertFailed(reg.register(fixed, moving, TransformModel.SIMILARITY), "non-overlapping");
        }
    }

    @Test
    void failedResultStillCarriesDiagnostics() {
        RegistrationResult r = new CorrelationRegistration().register(Planes.create(300, 200), crop(s6, 0, 0, 400, 300),
            TransformModel.SIMILARITY);
        assertFailed(r, "blank");
        assertEquals(CorrelationRegistration.METHOD, r.method());
        assertTrue(r.quality() != null);
    }
}
