package org.knime.deepclem.engine.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.knime.deepclem.engine.image.Planes;
import org.knime.deepclem.engine.io.PixelSize;
import org.knime.deepclem.engine.pipeline.PixelSizes;

/** The scale prior narrows the correlation search to the band the pixel sizes imply, and only that band passes. */
class ScalePriorTest {

    private static SyntheticPairs.Case pair;

    @BeforeAll
    static void makePair() throws IOException {
        var s6 = AccuracyRun.sources(AccuracyRun.repoRoot()).get(0);
        // true LM px -> EM px scale between 1.5 and 1.7
        pair = SyntheticPairs.make(s6, 11, 2.0, new SyntheticPairs.Options(1.5, 1.7, SyntheticPairs.Colour.MIXED, false));
    }

    @Test
    void bandFollowsPixelSizes() {
        PixelSizes sizes = new PixelSizes(PixelSize.parse("10nm"), PixelSize.parse("16nm"));
        ScalePrior p = sizes.scalePrior(0.15);
        assertEquals(1.6, p.expected(), 1e-9);
        assertEquals(1.6 / 1.15, p.min(), 1e-9);
        assertEquals(1.6 * 1.15, p.max(), 1e-9);
        assertEquals(null, new PixelSizes(PixelSize.parse("10nm"), null).scalePrior(0.15), "unknown LM: no prior");
        assertEquals(null, PixelSizes.UNKNOWN.scalePrior(0.15));
        assertThrows(IllegalArgumentException.class, () -> new ScalePrior(1, 0));
        var narrowed = new CorrelationRegistration().withScalePrior(p).settings();
        assertEquals(p.min(), narrowed.minScale(), 1e-12);
        assertEquals(p.max(), narrowed.maxScale(), 1e-12);
    }

    @Test
    void theRightPriorFindsThePose() {
        double truth = pair.truth().scale();
        var reg = new CorrelationRegistration().withScalePrior(new ScalePrior(truth * 1.04, 0.15));
        RegistrationResult r = reg.register(fixed(), moving(), TransformModel.SIMILARITY);
        assertTrue(r.ok(), pair.describe() + ": " + r.reason());
        assertTrue(pair.error(r.movingToFixed()) < 3, pair.describe() + ": error " + pair.error(r.movingToFixed()));
    }

    @Test
    void aPriorThatExcludesTheTrueScaleCannotPass() {
        // pixel sizes off by a factor 2: nothing in the band fits, and a pose outside it is never returned as ok
        var reg = new CorrelationRegistration().withScalePrior(new ScalePrior(pair.truth().scale() / 2, 0.15));
        RegistrationResult r = reg.register(fixed(), moving(), TransformModel.SIMILARITY);
        assertFalse(r.ok() && pair.error(r.movingToFixed()) > 3, "a wrong pose passed: " + r.movingToFixed());
        if (r.movingToFixed() != null) {
            assertTrue(r.movingToFixed().scale() < pair.truth().scale() / 2 * 1.15 * 1.1, r.movingToFixed().toString());
        }
    }

    private static net.imglib2.img.array.ArrayImg<net.imglib2.type.numeric.real.FloatType, net.imglib2.img.basictypeaccess.array.FloatArray> fixed() {
        return Planes.wrap(pair.fixed(), pair.fixedWidth(), pair.fixedHeight());
    }

    private static net.imglib2.img.array.ArrayImg<net.imglib2.type.numeric.real.FloatType, net.imglib2.img.basictypeaccess.array.FloatArray> moving() {
        return Planes.wrap(pair.moving()[pair.chromatin()], pair.movingWidth(), pair.movingHeight());
    }
}
