package org.knime.deepclem.engine.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.knime.deepclem.engine.geometry.Affine2D;

/** The refiner's analytic Jacobian against central differences of its own residuals. */
class IntensityRefinerTest {

    /** Smooth blobs, so that differences over a small step see the same bilinear cells as the gradient. */
    private static ScaledPlane blobs(int w, int h, long seed) {
        java.util.Random rnd = new java.util.Random(seed);
        double[][] c = new double[12][];
        for (int k = 0; k < c.length; k++) {
            c[k] = new double[] {rnd.nextDouble() * w, rnd.nextDouble() * h, 4 + 8 * rnd.nextDouble()};
        }
        float[] px = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double v = 0;
                for (double[] b : c) {
                    v += Math.exp(-(Math.pow(x - b[0], 2) + Math.pow(y - b[1], 2)) / (2 * b[2] * b[2]));
                }
                px[y * w + x] = (float) v;
            }
        }
        return new ScaledPlane(px, w, h, Affine2D.IDENTITY);
    }

    @ParameterizedTest
    @EnumSource(TransformModel.class)
    void analyticJacobianMatchesDifferences(TransformModel model) {
        ScaledPlane fixed = blobs(90, 70, 1), moving = blobs(120, 100, 2);
        Affine2D start = Affine2D.similarity(1.1, 0.3, -8, 5);
        var residuals = new IntensityRefiner(fixed, moving, 40000, 20).residuals(start, model);
        int n = residuals.getNumOfInputsN(), m = residuals.getNumOfOutputsM();
        double[] p = new double[n];
        for (int j = 0; j < n; j++) {
            p[j] = 0.7 - 0.4 * j; // away from the start, where the motion is not the identity
        }
        DMatrixRMaj analytic = residuals.jacobian().declareMatrixMxN();
        residuals.jacobian().process(p, analytic);
        double h = 1e-3, err = 0, norm = 0;
        double[] hi = new double[m], lo = new double[m];
        for (int j = 0; j < n; j++) {
            double[] q = p.clone();
            q[j] = p[j] + h;
            residuals.process(q, hi);
            q[j] = p[j] - h;
            residuals.process(q, lo);
            for (int i = 0; i < m; i++) {
                double numeric = (hi[i] - lo[i]) / (2 * h);
                err += Math.pow(analytic.get(i, j) - numeric, 2);
                norm += numeric * numeric;
            }
        }
        assertTrue(norm > 0, "the residuals depend on the parameters");
        assertEquals(0, Math.sqrt(err / norm), 0.02, "relative difference, " + model);
    }
}
