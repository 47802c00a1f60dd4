package org.knime.deepclem.engine.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.knime.deepclem.engine.geometry.Affine2D;

import boofcv.struct.geo.AssociatedPair;

class ModelFitTest {

    private static List<AssociatedPair> pairs(Affine2D t, int n, double noise, long seed) {
        Random rnd = new Random(seed);
        List<AssociatedPair> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double x = rnd.nextDouble() * 1000, y = rnd.nextDouble() * 800;
            out.add(new AssociatedPair(x, y, t.applyX(x, y) + noise * rnd.nextGaussian(),
                t.applyY(x, y) + noise * rnd.nextGaussian()));
        }
        return out;
    }

    private static void assertSame(Affine2D expected, Affine2D actual, double tol) {
        double[] e = expected.toRowMajor(), a = actual.toRowMajor();
        for (int i = 0; i < 6; i++) {
            assertEquals(e[i], a[i], tol * (i % 3 == 2 ? 1000 : 1), "element " + i + " of " + actual);
        }
    }

    @Test
    void exactPointsGiveTheExactTransform() {
        Affine2D sim = Affine2D.similarity(1.7, Math.toRadians(-140), 33, -71);
        assertSame(sim, ModelFit.fit(TransformModel.SIMILARITY, pairs(sim, 10, 0, 1)), 1e-9);
        Affine2D rigid = Affine2D.similarity(1, Math.toRadians(75), -400, 12);
        assertSame(rigid, ModelFit.fit(TransformModel.RIGID, pairs(rigid, 10, 0, 2)), 1e-9);
        Affine2D shift = Affine2D.translation(4.5, -9.25);
        assertSame(shift, ModelFit.fit(TransformModel.TRANSLATION, pairs(shift, 3, 0, 3)), 1e-9);
        Affine2D aff = new Affine2D(0.9, 0.2, 10, -0.1, 1.3, -5);
        assertSame(aff, ModelFit.fit(TransformModel.AFFINE, pairs(aff, 10, 0, 4)), 1e-9);
    }

    @Test
    void noisyPointsGiveASmallResidual() {
        Affine2D sim = Affine2D.similarity(0.6, Math.toRadians(170), 500, 300);
        List<AssociatedPair> p = pairs(sim, 200, 0.5, 5);
        Affine2D fit = ModelFit.fit(TransformModel.SIMILARITY, p);
        assertEquals(0.5 * Math.sqrt(2), ModelFit.rmsResidual(fit, p), 0.1);
        assertEquals(0, fit.rmsDistance(sim, 1000, 800, 10), 0.2);
    }

    @Test
    void tooFewPointsGiveNothing() {
        assertNull(ModelFit.fit(TransformModel.AFFINE, pairs(Affine2D.IDENTITY, 2, 0, 6)));
        assertNull(ModelFit.fit(TransformModel.SIMILARITY, pairs(Affine2D.IDENTITY, 1, 0, 7)));
    }
}
