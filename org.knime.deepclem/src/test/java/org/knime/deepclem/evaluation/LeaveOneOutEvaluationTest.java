package org.knime.deepclem.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.knime.deepclem.engine.geometry.Affine2D;
import org.knime.deepclem.engine.image.Planes;
import org.knime.deepclem.engine.io.RepoData;
import org.knime.deepclem.engine.registration.ElastixRunner;
import org.knime.deepclem.engine.registration.Quality;
import org.knime.deepclem.engine.registration.RegistrationResult;
import org.knime.deepclem.engine.registration.SyntheticPairs;
import org.knime.deepclem.engine.registration.TransformModel;
import org.knime.deepclem.engine.registration.Verdict;
import org.knime.deepclem.engine.transform.Interpolation;
import org.knime.deepclem.engine.transform.Warp;

/** The evaluation's bookkeeping: cases, residuals, precision figures, and reading elastix's answer. */
class LeaveOneOutEvaluationTest {

    private static LeaveOneOutEvaluation.Section s6() throws Exception {
        return LeaveOneOutEvaluation.Section.read(RepoData.root(), "s6");
    }

    @Test
    void casesAreCyanInTheScaleRangeAndCropTheEmWhereTheChromatinWasCropped() throws Exception {
        var section = s6();
        for (long seed : LeaveOneOutEvaluation.seeds("s6", 6)) {
            SyntheticPairs.Case c = section.makeCase(seed);
            assertEquals(3, c.moving().length);
            assertEquals(2, c.chromatin());
            assertTrue(c.truth().scale() >= 0.9 - 1e-9 && c.truth().scale() <= 2.4 + 1e-9, c.describe());
            assertTrue(c.movingWidth() * c.truth().scale() > c.fixedWidth(), "LM field larger than the EM crop");
            // the fixed image (no blur asked) is exactly the chromatin at the crop origin
            assertArrayEquals(c.crop(section.chromatin().px(), section.chromatin().width()), c.fixed());
            float[] em = Planes.data(section.emCrop(c));
            assertEquals(section.em().px()[c.cropY() * section.em().width() + c.cropX()], em[0]);
            // blue and green both hold the chromatin: strongly correlated
            assertTrue(correlation(c.moving()[1], c.moving()[2]) > 0.5);
        }
    }

    @Test
    void truthInSourcePutsTheLmChromatinOntoTheHandRegisteredChromatin() throws Exception {
        var section = s6();
        SyntheticPairs.Case c = section.makeCase(LeaveOneOutEvaluation.seeds("s6", 1)[0]);
        var src = section.chromatin();
        float[] back = Planes.data(Warp.warp(Planes.wrap(c.moving()[2], c.movingWidth(), c.movingHeight()),
            c.truthInSource(), src.width(), src.height(), Interpolation.LINEAR, Float.NaN));
        float[] crop = c.crop(back, src.width());
        assertTrue(correlation(crop, c.fixed()) > 0.8, "correlation " + correlation(crop, c.fixed()));
    }

    @Test
    void residualIsIdentityForTheTruthAndTheShiftForAShiftedAnswer() throws Exception {
        SyntheticPairs.Case c = s6().makeCase(LeaveOneOutEvaluation.seeds("s6", 1)[0]);
        var exact = LeaveOneOutEvaluation.Outcome.of(c, ok(c.truth()), 1, true);
        assertEquals(0, exact.errorPx(), 1e-6);
        assertEquals(0, exact.residual().rmsDistance(Affine2D.IDENTITY, 1280, 954, 8), 1e-6);
        var shifted = LeaveOneOutEvaluation.Outcome.of(c, ok(Affine2D.translation(3, 4).after(c.truth())), 1, true);
        assertEquals(5, shifted.errorPx(), 1e-6);
        assertTrue(shifted.success() && shifted.verdictAgrees());
        double[] r = shifted.residual().toRowMajor();
        assertArrayEquals(new double[] {1, 0, 3, 0, 1, 4}, r, 1e-6);
        var wrong = LeaveOneOutEvaluation.Outcome.of(c, ok(Affine2D.translation(40, 0).after(c.truth())), 1, true);
        assertFalse(wrong.success());
        assertFalse(wrong.verdictAgrees(), "ok at 40 px is a wrong verdict");
    }

    /** A mirrored case's truth holds the flip, so the residual of a right mirrored answer is a plain map. */
    @Test
    void mirroredCaseHasAFlippedTruthAndAPlainResidual() throws Exception {
        SyntheticPairs.Case plain = s6().makeCase(LeaveOneOutEvaluation.seeds("s6", 1)[0]);
        SyntheticPairs.Case c = plain.mirrored();
        assertTrue(c.truth().mirrored() && !plain.truth().mirrored());
        // the mirrored LM's pixel (x, y) is the plain LM's (w - 1 - x, y): both truths put them in one place
        assertEquals(plain.moving()[2][5], c.moving()[2][c.movingWidth() - 1 - 5]);
        assertEquals(plain.truth().applyX(c.movingWidth() - 1 - 5, 7), c.truth().applyX(5, 7), 1e-9);
        var shifted = LeaveOneOutEvaluation.Outcome.of(c, ok(Affine2D.translation(3, 4).after(c.truth())), 1, true);
        assertEquals(5, shifted.errorPx(), 1e-6);
        assertArrayEquals(new double[] {1, 0, 3, 0, 1, 4}, shifted.residual().toRowMajor(), 1e-6);
        // an unmirrored answer to a mirrored case is far off
        assertFalse(LeaveOneOutEvaluation.Outcome.of(c, ok(plain.truth()), 1, true).success());
    }

    @Test
    void methodNamesNameThePipelineVariants() {
        var v = LeaveOneOutEvaluation.PipelineVariant.parse("mirrored+mirror");
        assertEquals(new LeaveOneOutEvaluation.PipelineVariant(false, true, true, false, false, false), v);
        assertEquals(new LeaveOneOutEvaluation.PipelineVariant(true, false, true, true, false, false),
            LeaveOneOutEvaluation.PipelineVariant.parse("unrelated+mirror+tta"));
        assertEquals(new LeaveOneOutEvaluation.PipelineVariant(true, false, false, false, true, false),
            LeaveOneOutEvaluation.PipelineVariant.parse("unrelated+px"));
        assertEquals(new LeaveOneOutEvaluation.PipelineVariant(false, false, false, false, false, false),
            LeaveOneOutEvaluation.PipelineVariant.parse("pipeline"));
        assertEquals(new LeaveOneOutEvaluation.PipelineVariant(false, false, false, false, false, true),
            LeaveOneOutEvaluation.PipelineVariant.parse("pipeline+ens"));
        assertEquals(null, LeaveOneOutEvaluation.PipelineVariant.parse("sift"));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
            () -> LeaveOneOutEvaluation.PipelineVariant.parse("pipeline+flip"));
    }

    @Test
    void spreadIsTheScatterAroundTheMeanAndBiasTheMeanOffset() {
        var a = new LeaveOneOutEvaluation.Outcome(1, 0, 0, 100, 100, true, "x", 5, 1, Affine2D.translation(3, 4),
            0.7, 0.2);
        var b = new LeaveOneOutEvaluation.Outcome(2, 50, 50, 100, 100, true, "x", 6, 1, Affine2D.translation(5, 4),
            0.6, 0.1);
        var failed = new LeaveOneOutEvaluation.Outcome(3, 0, 0, 100, 100, false, "x", 300, 1,
            Affine2D.translation(300, 0), 0.2, 0.01);
        var s = new LeaveOneOutEvaluation.Summary("s6", "pipeline", List.of(a, b, failed));
        assertEquals(1, s.spreadPx(), 1e-9); // failures do not count towards precision
        assertEquals(Math.sqrt(32), s.biasPx(1280, 954), 1e-9);
        assertEquals(2.0 / 3, s.successRate(), 1e-9);
        assertEquals(1, s.agreement(), 1e-9);
        assertEquals(0, s.wrongOk());
        assertEquals(6, s.medianError(), 1e-9);
        var trustedButOff = new LeaveOneOutEvaluation.Outcome(4, 0, 0, 100, 100, true, "x", 19, 1,
            Affine2D.translation(19, 0), 0.7, 0.2);
        var withWrongOk = new LeaveOneOutEvaluation.Summary("s6", "pipeline", List.of(a, failed, trustedButOff));
        assertEquals(1, withWrongOk.wrongOk(), "ok but 19 px off; a failed pair far off is not counted");
        String[] row = LeaveOneOutEvaluation.row(withWrongOk).trim().split("\\s+");
        assertEquals("1", row[6], "the wrong ok column follows verdict=: " + String.join(" ", row));
        // a row survives the CSV round trip
        var back = LeaveOneOutEvaluation.Outcome.parse(a.csv("s6", "pipeline").split(","));
        assertEquals(a.residual(), back.residual());
        assertEquals(a.errorPx(), back.errorPx(), 1e-4);
        assertEquals(a.ncc(), back.ncc(), 1e-4);
        assertEquals(a.margin(), back.margin(), 1e-4);
    }

    @Test
    void poseSpreadIsTheScatterWithinCasesThatShareACrop() {
        // two crops, two poses each: within each crop the answers differ by 2 px, between the crops by 10 px
        var a1 = outcome(0, Affine2D.translation(0, 0));
        var a2 = outcome(0, Affine2D.translation(2, 0));
        var b1 = outcome(50, Affine2D.translation(10, 0));
        var b2 = outcome(50, Affine2D.translation(12, 0));
        var lone = outcome(90, Affine2D.translation(40, 0)); // a crop seen once says nothing about pose precision
        var s = new LeaveOneOutEvaluation.Summary("s6", "pipeline", List.of(a1, a2, b1, b2));
        assertEquals(1, s.poseSpreadPx(), 1e-9);
        assertEquals(Math.sqrt(26), s.spreadPx(), 1e-9); // 1 px within the crops, 5 px between them
        var withLone = new LeaveOneOutEvaluation.Summary("s6", "pipeline", List.of(a1, a2, b1, b2, lone));
        assertEquals(1, withLone.poseSpreadPx(), 1e-9);
        assertTrue(Double.isNaN(new LeaveOneOutEvaluation.Summary("s6", "pipeline", List.of(a1, b1)).poseSpreadPx()));
    }

    private static LeaveOneOutEvaluation.Outcome outcome(int cropX, Affine2D residual) {
        return new LeaveOneOutEvaluation.Outcome(cropX, cropX, 0, 100, 100, true, "x", 3, 1, residual, 0.7, 0.2);
    }

    @Test
    void eachCropIsSeenInSeveralPosesAndTheFirstIsThePlainCase() throws Exception {
        var cases = LeaveOneOutEvaluation.cases("s6", 4, 3);
        long[] plain = LeaveOneOutEvaluation.seeds("s6", 4);
        assertEquals(12, cases.length);
        var section = s6();
        for (int i = 0; i < 4; i++) {
            assertEquals(new LeaveOneOutEvaluation.CaseSeed(plain[i], plain[i]), cases[3 * i]);
            SyntheticPairs.Case first = section.makeCase(cases[3 * i]);
            assertEquals(section.makeCase(plain[i]).truth(), first.truth());
            for (int j = 1; j < 3; j++) {
                SyntheticPairs.Case other = section.makeCase(cases[3 * i + j]);
                // same EM frame, another LM view of it
                assertEquals(List.of(first.cropX(), first.cropY(), first.fixedWidth(), first.fixedHeight()),
                    List.of(other.cropX(), other.cropY(), other.fixedWidth(), other.fixedHeight()));
                assertNotEquals(first.truth(), other.truth());
            }
        }
    }

    @Test
    void onAnUnrelatedPairOnlyAFailedVerdictAgrees() throws Exception {
        SyntheticPairs.Case c = s6().makeCase(LeaveOneOutEvaluation.seeds("s6", 1)[0]);
        // even the pose that would be right for the section's own chromatin is no success against another experiment
        var ok = LeaveOneOutEvaluation.Outcome.of(c, ok(c.truth()), 1, false);
        assertFalse(ok.success());
        assertFalse(ok.verdictAgrees());
        var failed = LeaveOneOutEvaluation.Outcome.of(c, RegistrationResult.failed(TransformModel.SIMILARITY,
            "correlation", c.truth(), Quality.NONE, "ambiguous"), 1, false);
        assertTrue(failed.verdictAgrees());
    }

    @Test
    void elastixAffineParametersAreReadAsFixedToMovingAboutTheCentre() {
        // ElastixRunner.parse returns the inverse (moving -> fixed); check the fixed -> moving map elastix wrote
        // 90 deg rotation about (10, 20), then a shift (5, -3)
        String text = "(Transform \"AffineTransform\")\n(NumberOfParameters 6)\n"
            + "(TransformParameters 0.000000 -1.000000 1.000000 0.000000 5.000000 -3.000000)\n"
            + "(CenterOfRotationPoint 10.0000000000 20.0000000000)\n";
        Affine2D f2m = ElastixRunner.parse(text).inverse();
        assertEquals(15, f2m.applyX(10, 20), 1e-9);
        assertEquals(17, f2m.applyY(10, 20), 1e-9);
        // (11, 20): offset (1, 0) from the centre turns into (0, 1)
        assertEquals(15, f2m.applyX(11, 20), 1e-9);
        assertEquals(18, f2m.applyY(11, 20), 1e-9);
    }

    @Test
    void elastixRecoversAShiftWhenInstalled() throws Exception {
        Assumptions.assumeTrue(new ElastixRegistration("elastix").available(), "elastix is not installed");
        var section = s6();
        int w = 256, h = 256;
        float[] fixed = new float[w * h];
        for (int y = 0; y < h; y++) {
            System.arraycopy(section.chromatin().px(), (300 + y) * section.chromatin().width() + 400, fixed, y * w, w);
        }
        Affine2D truth = Affine2D.translation(6, -4); // moving -> fixed
        var moving = Warp.warp(Planes.wrap(fixed, w, h), truth.inverse(), w, h, Interpolation.LINEAR, 0f);
        RegistrationResult r = new ElastixRegistration("elastix").register(Planes.wrap(fixed, w, h), moving,
            TransformModel.AFFINE);
        assertTrue(r.ok(), r.reason());
        assertTrue(r.movingToFixed().rmsDistance(truth, w, h, 8) < 1, r.movingToFixed().toString());
    }

    private static RegistrationResult ok(Affine2D t) {
        return new RegistrationResult(t, TransformModel.SIMILARITY, "test", Quality.NONE, Verdict.OK, "");
    }

    private static double correlation(float[] a, float[] b) {
        double ma = 0, mb = 0;
        int n = 0;
        for (int i = 0; i < a.length; i++) {
            if (!Float.isNaN(a[i]) && !Float.isNaN(b[i])) {
                ma += a[i];
                mb += b[i];
                n++;
            }
        }
        ma /= n;
        mb /= n;
        double sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < a.length; i++) {
            if (!Float.isNaN(a[i]) && !Float.isNaN(b[i])) {
                sab += (a[i] - ma) * (b[i] - mb);
                saa += (a[i] - ma) * (a[i] - ma);
                sbb += (b[i] - mb) * (b[i] - mb);
            }
        }
        return sab / Math.sqrt(saa * sbb);
    }
}
