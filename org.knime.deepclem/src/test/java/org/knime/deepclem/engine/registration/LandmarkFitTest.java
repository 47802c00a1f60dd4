package org.knime.deepclem.engine.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.knime.deepclem.engine.geometry.Affine2D;

import boofcv.struct.geo.AssociatedPair;

class LandmarkFitTest {

    private static List<double[]> pairs(Affine2D t, double[][] moving, double noise, long seed) {
        Random rnd = new Random(seed);
        List<double[]> out = new ArrayList<>();
        for (double[] p : moving) {
            out.add(new double[] {p[0], p[1], t.applyX(p[0], p[1]) + noise * rnd.nextGaussian(),
                t.applyY(p[0], p[1]) + noise * rnd.nextGaussian()});
        }
        return out;
    }

    private static final double[][] SIX = {{10, 20}, {300, 40}, {150, 200}, {40, 380}, {420, 350}, {260, 300}};

    private static double[] ones(int n) {
        double[] w = new double[n];
        java.util.Arrays.fill(w, 1);
        return w;
    }

    @Test
    void unweightedFitsAgreeWithModelFit() {
        Affine2D t = new Affine2D(0.8, -0.3, 12, 0.25, 0.9, -7);
        List<double[]> p = pairs(t, SIX, 2, 1);
        List<AssociatedPair> ap = new ArrayList<>();
        p.forEach(q -> ap.add(new AssociatedPair(q[0], q[1], q[2], q[3])));
        for (TransformModel m : TransformModel.values()) {
            double[] a = LandmarkFit.fit(m, p, ones(p.size())).toRowMajor(), e = ModelFit.fit(m, ap).toRowMajor();
            for (int i = 0; i < 6; i++) {
                assertEquals(e[i], a[i], 1e-6 * Math.max(1, Math.abs(e[i])), m + " entry " + i);
            }
        }
    }

    @Test
    void noiseFreeLandmarksGiveTheTransformExactly() {
        Affine2D t = Affine2D.similarity(1.7, 0.4, 30, -12);
        LandmarkFit.Outcome o = LandmarkFit.landmarksOnly(pairs(t, SIX, 0, 0), TransformModel.SIMILARITY, 800, 600);
        assertEquals(0, o.result().movingToFixed().rmsDistance(t, 500, 500, 8), 1e-9);
        assertEquals(LandmarkFit.SOURCE_LANDMARKS, o.source());
        assertEquals(6, o.figures().n());
        assertEquals(0, o.figures().frePx(), 1e-9);
    }

    /** Fitzpatrick's TRE at the centroid of 4 landmarks on a square is FLE / sqrt(N); off it, eq. 46 by hand. */
    @Test
    void treOnASquare() {
        List<double[]> square = List.of(new double[] {90, 40}, new double[] {110, 40}, new double[] {90, 60},
            new double[] {110, 60});
        assertEquals(3 / 2.0, LandmarkFit.tre(square, 3, 100, 50), 1e-12);
        // 20 px from the centroid: principal axes variances 100 and 100, sum d_k^2 / f_k^2 = 400 / 100 = 4
        assertEquals(3 / 2.0 * Math.sqrt(1 + 4 / 2.0), LandmarkFit.tre(square, 3, 120, 50), 1e-12);
        assertEquals(3 / 2.0 * Math.sqrt(1 + 4 / 2.0), LandmarkFit.tre(square, 3, 100 + 20 / Math.sqrt(2),
            50 + 20 / Math.sqrt(2)), 1e-12);
        // a rectangle 40 x 20: d along the long axis counts less than across it
        List<double[]> rect = List.of(new double[] {-20, -10}, new double[] {20, -10}, new double[] {-20, 10},
            new double[] {20, 10});
        assertEquals(Math.sqrt(4 / 4.0 * (1 + (10.0 * 10 / 400) / 2)), LandmarkFit.tre(rect, 2, 10, 0), 1e-12);
        assertEquals(Math.sqrt(4 / 4.0 * (1 + (10.0 * 10 / 100) / 2)), LandmarkFit.tre(rect, 2, 0, 10), 1e-12);
        // on one line: unknown
        assertTrue(Double.isNaN(LandmarkFit.tre(List.of(new double[] {0, 0}, new double[] {1, 1}), 1, 0, 0)));
    }

    /** FLE^2 = FRE^2 K N / (K N - p) is unbiased for FRE^2: checked by simulation for each model. */
    @Test
    void fleFromFreMatchesTheSimulatedLocalisationError() {
        Affine2D t = Affine2D.similarity(1.3, 0.2, 5, 9);
        double sigma = 1; // per coordinate: FLE^2 = 2 sigma^2
        for (TransformModel m : List.of(TransformModel.RIGID, TransformModel.SIMILARITY, TransformModel.AFFINE)) {
            double sumFle2 = 0;
            int trials = 4000;
            for (int i = 0; i < trials; i++) {
                List<double[]> p = pairs(t, SIX, sigma, 1000 + i);
                if (m == TransformModel.RIGID) { // a rigid truth for the rigid model
                    p = pairs(Affine2D.similarity(1, 0.2, 5, 9), SIX, sigma, 1000 + i);
                }
                double fle = LandmarkFit.landmarksOnly(p, m, 500, 500).figures().flePx();
                sumFle2 += fle * fle;
            }
            assertEquals(2 * sigma * sigma, sumFle2 / trials, 0.08, m.id());
        }
    }

    @Test
    void tooFewOrDegenerateLandmarksAreRefusedInOneLine() {
        Affine2D t = Affine2D.similarity(1, 0, 0, 0);
        var e = assertThrows(IllegalArgumentException.class,
            () -> LandmarkFit.check(pairs(t, new double[][] {{1, 2}}, 0, 0), TransformModel.SIMILARITY));
        assertEquals("1 active landmark pair; a similarity transform needs at least 2", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
            () -> LandmarkFit.check(pairs(t, new double[][] {{1, 2}, {5, 6}}, 0, 0), TransformModel.AFFINE));
        assertEquals("2 active landmark pairs; an affine transform needs at least 3 (not on one line)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> LandmarkFit.check(
            pairs(t, new double[][] {{0, 0}, {10, 10}, {20, 20}, {35, 35}}, 0, 0), TransformModel.AFFINE));
        assertTrue(e.getMessage().contains("on one line"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> LandmarkFit.check(
            pairs(t, new double[][] {{3, 4}, {3, 4}}, 0, 0), TransformModel.RIGID));
        assertTrue(e.getMessage().contains("at one place"), e.getMessage());
        for (String m : List.of(e.getMessage())) {
            assertFalse(m.contains("\n"));
        }
        // two distinct pairs are enough for a similarity; its FLE is unknown (an exact fit)
        var o = LandmarkFit.landmarksOnly(pairs(t, new double[][] {{3, 4}, {30, 8}}, 0, 0), TransformModel.SIMILARITY,
            100, 100);
        assertTrue(Double.isNaN(o.figures().flePx()));
    }

    @Test
    void combiningStaysWithAnAgreeingAutomaticResultAndMovesTowardsDisagreeingLandmarks() {
        Affine2D truth = Affine2D.similarity(1.5, 0.1, 20, 30);
        Quality q = new Quality(-1, Double.NaN, 1.0, 0.7, 0.9, 0.3);
        RegistrationResult auto = new RegistrationResult(truth, TransformModel.SIMILARITY, "correlation", q,
            Verdict.OK, "");
        List<double[]> agree = pairs(truth, SIX, 1, 3);
        var o = LandmarkFit.combine(auto, agree, TransformModel.SIMILARITY, 500, 500, 800, 800);
        assertEquals(LandmarkFit.SOURCE_COMBINED, o.source());
        assertTrue(o.result().movingToFixed().rmsDistance(truth, 500, 500, 8) < 1, "agreeing");

        Affine2D shifted = Affine2D.translation(40, 0).after(truth);
        List<double[]> disagree = pairs(shifted, SIX, 1, 3);
        var d = LandmarkFit.combine(auto, disagree, TransformModel.SIMILARITY, 500, 500, 800, 800);
        double toAuto = d.result().movingToFixed().rmsDistance(truth, 500, 500, 8);
        double toLandmarks = d.result().movingToFixed().rmsDistance(shifted, 500, 500, 8);
        assertTrue(toAuto > 10 && toLandmarks < 30, toAuto + " / " + toLandmarks);

        RegistrationResult failed = RegistrationResult.failed(TransformModel.SIMILARITY, "correlation", truth, q,
            "ambiguous");
        var f = LandmarkFit.combine(failed, disagree, TransformModel.SIMILARITY, 500, 500, 800, 800);
        assertEquals(LandmarkFit.SOURCE_LANDMARKS, f.source());
        assertTrue(f.note().contains("landmarks alone"), f.note());
        assertTrue(f.result().ok());
        assertTrue(f.result().movingToFixed().rmsDistance(shifted, 500, 500, 8) < 2);
    }

    /** A mirrored automatic result (MirrorSearch) and mirrored hand-placed landmarks keep their handedness. */
    @Test
    void mirroredPairsAreFittedMirrored() {
        Affine2D truth = Affine2D.similarity(1.5, 0.1, 420, 30).after(new Affine2D(-1, 0, 0, 0, 1, 0));
        List<double[]> exact = pairs(truth, SIX, 0, 3);
        for (TransformModel model : new TransformModel[] {TransformModel.SIMILARITY, TransformModel.AFFINE}) {
            Affine2D alone = LandmarkFit.landmarksOnly(exact, model, 800, 800).result().movingToFixed();
            assertTrue(alone.rmsDistance(truth, 500, 500, 8) < 1e-6, model + ": " + alone);
        }
        Quality q = new Quality(-1, Double.NaN, 1.0, 0.7, 0.9, 0.3);
        RegistrationResult auto = new RegistrationResult(truth, TransformModel.SIMILARITY, "correlation", q,
            Verdict.OK, "");
        var o = LandmarkFit.combine(auto, pairs(truth, SIX, 1, 3), TransformModel.SIMILARITY, 500, 500, 800, 800);
        assertTrue(o.result().movingToFixed().mirrored());
        assertTrue(o.result().movingToFixed().rmsDistance(truth, 500, 500, 8) < 1, o.result().movingToFixed().toString());
        assertTrue(o.figures().frePx() < 3, "FRE " + o.figures().frePx());
        // two landmarks cannot tell the handedness: they are fitted unmirrored, as before
        assertFalse(LandmarkFit.mirroredLandmarks(exact.subList(0, 2), TransformModel.SIMILARITY));
    }
}
