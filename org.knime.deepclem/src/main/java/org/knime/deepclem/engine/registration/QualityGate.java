package org.knime.deepclem.engine.registration;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.knime.deepclem.engine.geometry.Affine2D;

/**
 * The checks that turn a transform and its quality figures into a verdict. The general thresholds were set on
 * synthetic cases made from the hand-registered training pairs (see RegistrationAccuracyTest): a correct pose scores
 * NCC above 0.5 even against a blurred fixed image, wrong poses of sparse chromatin images stay below 0.25. The
 * correlation method's margin threshold was set on held-out section s6 (bench/results/loo-session2.csv: its 23 correct
 * poses scored margin 0.19-0.35; its wrong pose and the one unrelated pair it accepted, 0.05-0.09) and checked on s7
 * and s8 (docs/evaluation.md). The margin, not the NCC, is what tells a right pose from a wrong one: how high the NCC
 * of a right pose gets depends on the model (0.54-0.8 with the bundled model's training length, 0.39-0.54 with a
 * shorter-trained one), so an NCC floor set for one model refuses the right poses of another.
 */
final class QualityGate {

    /** Lowest NCC over the overlap that counts as a match. */
    static final double MIN_NCC = 0.3;
    /** Smallest covered fraction of the fixed frame. */
    static final double MIN_OVERLAP = 0.1;
    /** Accepted isotropic scale range (moving px -> fixed px). */
    static final double MIN_SCALE = 0.2, MAX_SCALE = 5;
    /** Feature method: fewest RANSAC inliers and lowest inlier ratio. */
    static final int MIN_INLIERS = 6;
    static final double MIN_INLIER_RATIO = 0.05;
    /** Correlation method: how much the best pose must out-score the best clearly different one (NCC units). */
    static final double MIN_MARGIN = 0.1;

    private QualityGate() {
    }

    static RegistrationResult judge(TransformModel model, String method, Affine2D movingToFixed, Quality q) {
        return judge(model, method, movingToFixed, q, MIN_SCALE, MAX_SCALE);
    }

    /**
     * As {@link #judge(TransformModel, String, Affine2D, Quality)} with the accepted scale range of a method that
     * searched a narrower one: a scale the search never looked at, reached only by the refinement drifting off, is
     * not a finding (on unrelated pairs the correlation drifted to scales 3.5-3.6 with NCC 0.40-0.46).
     */
    static RegistrationResult judge(TransformModel model, String method, Affine2D movingToFixed, Quality q,
        double minScale, double maxScale) {
        List<String> why = new ArrayList<>();
        if (movingToFixed == null || !movingToFixed.isFinite()) {
            why.add("the transform is not finite");
        } else {
            double s = movingToFixed.scale();
            if (!(s >= minScale && s <= maxScale)) {
                why.add(String.format(java.util.Locale.ROOT, "scale %.3g outside the accepted %.2g-%.2g", s, minScale,
                    maxScale));
            }
        }
        if (q.inliers() >= 0 && q.inliers() < MIN_INLIERS) {
            why.add("too few matching features (" + q.inliers() + " inliers, need " + MIN_INLIERS + ")");
        }
        if (q.inliers() >= 0 && !(q.inlierRatio() >= MIN_INLIER_RATIO)) {
            why.add(String.format(Locale.ROOT, "low inlier ratio %.3f (need %.2f)", q.inlierRatio(), MIN_INLIER_RATIO));
        }
        if (!(q.overlap() >= MIN_OVERLAP)) {
            why.add(String.format(Locale.ROOT, "the images hardly overlap (%.0f%% of the fixed frame)", 100 * q.overlap()));
        }
        if (!(q.ncc() >= MIN_NCC)) {
            why.add(String.format(Locale.ROOT, "the aligned images do not look alike (NCC %.2f, need %.2f)", q.ncc(), MIN_NCC));
        }
        if (!Double.isNaN(q.margin()) && q.margin() < MIN_MARGIN) {
            why.add(String.format(Locale.ROOT, "ambiguous: another pose scores almost as well (margin %.3f, need %.2f)", q.margin(),
                MIN_MARGIN));
        }
        if (why.isEmpty()) {
            return new RegistrationResult(movingToFixed, model, method, q, Verdict.OK, "");
        }
        return RegistrationResult.failed(model, method, movingToFixed, q, String.join("; ", why));
    }
}
