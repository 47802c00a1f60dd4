package org.knime.deepclem.engine.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.knime.deepclem.engine.geometry.Affine2D;
import org.knime.deepclem.engine.image.Planes;

import net.imglib2.RandomAccess;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.real.FloatType;

/** {@link MirrorSearch}: LM images seen from the other side of the section, on synthetic cases of the training data. */
class MirrorSearchTest {

    private static List<SyntheticPairs.Source> sources;

    @BeforeAll
    static void readImages() throws IOException {
        sources = AccuracyRun.sources(AccuracyRun.repoRoot());
    }

    /** Blurred fixed image (sigma 3 px, like virtual chromatin), one case per hand-registered section. */
    private static SyntheticPairs.Case plainCase(int i) {
        return SyntheticPairs.make(sources.get(i), 4000 + i, 3);
    }

    private static RegistrationResult register(Registration reg, SyntheticPairs.Case c) {
        return reg.register(Planes.wrap(c.fixed(), c.fixedWidth(), c.fixedHeight()),
            Planes.wrap(c.moving()[c.chromatin()], c.movingWidth(), c.movingHeight()), TransformModel.SIMILARITY);
    }

    @Test
    void mirroredPairRegistersWithNegativeDeterminant() {
        for (int i = 0; i < sources.size(); i++) {
            SyntheticPairs.Case c = plainCase(i).mirrored();
            RegistrationResult r = register(new MirrorSearch(new CorrelationRegistration()), c);
            double err = c.error(r.movingToFixed());
            assertTrue(r.ok(), c.describe() + ": " + r.reason());
            assertTrue(r.movingToFixed().mirrored(), "determinant " + r.movingToFixed().determinant());
            assertTrue(err < 2, c.describe() + ": " + err + " px off");
            assertTrue(r.quality().margin() >= QualityGate.MIN_MARGIN, "margin " + r.quality().margin());
        }
    }

    @Test
    void mirroredPairFailsWithoutTheOption() {
        for (int i = 0; i < sources.size(); i++) {
            SyntheticPairs.Case c = plainCase(i).mirrored();
            RegistrationResult r = register(new CorrelationRegistration(), c);
            assertFalse(r.ok(), c.describe() + " passed unmirrored, " + c.error(r.movingToFixed()) + " px off");
        }
    }

    @Test
    void plainPairStaysUnmirrored() {
        for (int i = 0; i < sources.size(); i++) {
            SyntheticPairs.Case c = plainCase(i);
            RegistrationResult alone = register(new CorrelationRegistration(), c);
            RegistrationResult r = register(new MirrorSearch(new CorrelationRegistration()), c);
            assertTrue(r.ok(), c.describe() + ": " + r.reason());
            assertFalse(r.movingToFixed().mirrored());
            // the same answer as without the option: the mirrored attempt only adds a rival
            assertEquals(alone.movingToFixed(), r.movingToFixed());
            assertTrue(c.error(r.movingToFixed()) < 2, c.describe());
        }
    }

    @Test
    void mirroredViewIsTheFlipOfItsOwnInterval() {
        float[] px = new float[5 * 3];
        for (int i = 0; i < px.length; i++) {
            px[i] = i;
        }
        RandomAccessibleInterval<FloatType> img = Planes.wrap(px, 5, 3);
        RandomAccessibleInterval<FloatType> view = MirrorSearch.mirroredView(img);
        assertEquals(0, view.min(0));
        assertEquals(4, view.max(0));
        Affine2D flip = MirrorSearch.flipX(img);
        RandomAccess<FloatType> v = view.randomAccess();
        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 5; x++) {
                v.setPosition(new long[] {x, y});
                int sx = (int) flip.applyX(x, y), sy = (int) flip.applyY(x, y);
                assertEquals(px[sy * 5 + sx], v.get().get(), "at " + x + "," + y);
            }
        }
        assertTrue(flip.mirrored());
    }

    private static RegistrationResult ok(Affine2D t, double ncc, double margin) {
        return new RegistrationResult(t, TransformModel.SIMILARITY, "correlation",
            new Quality(-1, Double.NaN, Double.NaN, ncc, 1, margin), Verdict.OK, "");
    }

    @Test
    void bothHandednessesAlikeFailAsAmbiguous() {
        Affine2D t = Affine2D.similarity(1.5, 0.3, 10, 20);
        Affine2D m = t.after(new Affine2D(-1, 0, 99, 0, 1, 0));
        RegistrationResult r = MirrorSearch.decide(ok(t, 0.60, 0.3), ok(m, 0.57, 0.3));
        assertFalse(r.ok());
        assertTrue(r.reason().contains("ambiguous: the LM mirrored scores almost as well as the LM as it is"),
            r.reason());
        assertEquals(0.03, r.quality().margin(), 1e-9);
        RegistrationResult flipped = MirrorSearch.decide(ok(t, 0.40, 0.3), ok(m, 0.62, 0.3));
        assertTrue(flipped.ok(), flipped.reason());
        assertEquals(m, flipped.movingToFixed());
        assertEquals(0.22, flipped.quality().margin(), 1e-9);
        // the handedness gap never raises the winner's own margin
        assertEquals(0.15, MirrorSearch.decide(ok(t, 0.7, 0.15), ok(m, 0.2, 0.3)).quality().margin(), 1e-9);
    }

    @Test
    void failedOnBothSidesNamesBothReasons() {
        RegistrationResult a = RegistrationResult.failed(TransformModel.SIMILARITY, "correlation", null, Quality.NONE,
            "no pose");
        RegistrationResult b = RegistrationResult.failed(TransformModel.SIMILARITY, "correlation",
            Affine2D.IDENTITY, new Quality(-1, Double.NaN, Double.NaN, 0.2, 1, 0.01), "low NCC");
        RegistrationResult r = MirrorSearch.decide(a, b);
        assertFalse(r.ok());
        assertEquals("as it is: no pose; mirrored: low NCC", r.reason());
        assertEquals(Affine2D.IDENTITY, r.movingToFixed());
    }

    @Test
    void mirroredMatrixReportsScaleAndTheRotationAfterTheFlip() {
        Affine2D m = Affine2D.similarity(2, Math.toRadians(30), 5, 6).after(new Affine2D(-1, 0, 0, 0, 1, 0));
        assertTrue(m.mirrored());
        assertEquals(2, m.scale(), 1e-12);
        assertEquals(30, m.rotationDegrees(), 1e-9);
        assertEquals(-75, Affine2D.similarity(1, Math.toRadians(-75), 0, 0).rotationDegrees(), 1e-9);
    }
}
