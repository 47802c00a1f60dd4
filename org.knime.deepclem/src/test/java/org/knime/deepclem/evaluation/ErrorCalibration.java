package org.knime.deepclem.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;
import org.knime.deepclem.engine.registration.AccuracyRun;
import org.knime.deepclem.engine.registration.PredictedError;

/**
 * Checks and tunes the predicted error ({@link PredictedError}) on held-out outcomes: how often the 90 % bound covers
 * the measured error, how well the predicted RMS error ranks the cases by measured error (Spearman, commons-math3),
 * and the tightest bound constants that cover at least 90 % of a set of cases. The cases are the ok ones with a
 * prediction; a failed registration has none, and a pair with too few informative tiles says so instead.
 */
final class ErrorCalibration {

    /** The bound's constants: bound = sqrt(floor^2 + (factor rms)^2), as {@link PredictedError#bound90(double)}. */
    record Constants(double floorPx, double factor) {
        static final Constants SHIPPED = new Constants(PredictedError.FLOOR_PX, PredictedError.FACTOR);

        double bound(double rmsPx) {
            return Math.hypot(floorPx, factor * rmsPx);
        }
    }

    static final double TARGET = 0.9, STEP = 0.25, MAX_FLOOR = 30;

    private ErrorCalibration() {
    }

    /** The ok outcomes with a predicted error and a finite measured error. */
    static List<LeaveOneOutEvaluation.Outcome> usable(List<LeaveOneOutEvaluation.Outcome> outcomes) {
        return outcomes.stream().filter(o -> o.ok() && Double.isFinite(o.predictedRmsPx())
            && Double.isFinite(o.errorPx())).toList();
    }

    /** Share of the usable outcomes whose measured error is within the bound; NaN without any. */
    static double coverage(List<LeaveOneOutEvaluation.Outcome> outcomes, Constants k) {
        List<LeaveOneOutEvaluation.Outcome> u = usable(outcomes);
        return u.isEmpty() ? Double.NaN
            : (double) u.stream().filter(o -> o.errorPx() <= k.bound(o.predictedRmsPx())).count() / u.size();
    }

    /** Spearman's rank correlation of predicted RMS and measured error over the usable outcomes; NaN under 3. */
    static double spearman(List<LeaveOneOutEvaluation.Outcome> outcomes) {
        List<LeaveOneOutEvaluation.Outcome> u = usable(outcomes);
        if (u.size() < 3) {
            return Double.NaN;
        }
        double[] p = u.stream().mapToDouble(LeaveOneOutEvaluation.Outcome::predictedRmsPx).toArray();
        double[] e = u.stream().mapToDouble(LeaveOneOutEvaluation.Outcome::errorPx).toArray();
        return new SpearmansCorrelation().correlation(p, e);
    }

    /**
     * The smallest floor (on a grid of {@value #STEP} px, the factor fixed at {@link PredictedError#FACTOR}, which
     * is not tuned) whose bound covers at least {@value #TARGET} of the usable outcomes. Null without usable
     * outcomes or when no floor up to {@value #MAX_FLOOR} px does.
     */
    static Constants tune(List<LeaveOneOutEvaluation.Outcome> outcomes) {
        List<LeaveOneOutEvaluation.Outcome> u = usable(outcomes);
        if (u.isEmpty()) {
            return null;
        }
        for (double floor = 0; floor <= MAX_FLOOR + 1e-9; floor += STEP) {
            Constants k = new Constants(floor, PredictedError.FACTOR);
            if (coverage(u, k) >= TARGET) {
                return k;
            }
        }
        return null;
    }

    /**
     * The calibration table: per section, the constants tuned on the other sections' pipeline cases and their
     * coverage on this section (cross-validated), beside the shipped constants' coverage; then the constants tuned on
     * all sections together (what {@link PredictedError} should ship) and their pooled coverage.
     */
    static String table(List<LeaveOneOutEvaluation.Summary> all) {
        Map<String, List<LeaveOneOutEvaluation.Outcome>> bySection = new TreeMap<>();
        for (LeaveOneOutEvaluation.Summary s : all) {
            if (s.method().equals("pipeline")) {
                bySection.computeIfAbsent(s.section(), k -> new ArrayList<>()).addAll(s.outcomes());
            }
        }
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-8s %6s %6s %9s %9s %9s %8s %13s %9s%n",
            "section", "ok", "pred", "pred px", "error px", "spearman", "cover90", "cv floor px", "cv cover"));
        List<LeaveOneOutEvaluation.Outcome> pooled = new ArrayList<>();
        for (var e : bySection.entrySet()) {
            List<LeaveOneOutEvaluation.Outcome> others = new ArrayList<>();
            bySection.forEach((k, v) -> {
                if (!k.equals(e.getKey())) {
                    others.addAll(v);
                }
            });
            pooled.addAll(e.getValue());
            Constants cv = tune(others);
            sb.append(line(e.getKey(), e.getValue(), cv));
        }
        Constants allTuned = tune(pooled);
        sb.append(line("all", pooled, null));
        sb.append(String.format(Locale.ROOT, "shipped: floor %.2f px, factor %.3f; floor tuned on all sections above: "
            + "%s%n", Constants.SHIPPED.floorPx(), Constants.SHIPPED.factor(), allTuned == null ? "none"
                : String.format(Locale.ROOT, "%.2f px (coverage %.1f%%)", allTuned.floorPx(),
                    100 * coverage(pooled, allTuned))));
        return sb.toString();
    }

    private static String line(String section, List<LeaveOneOutEvaluation.Outcome> outcomes, Constants cv) {
        List<LeaveOneOutEvaluation.Outcome> u = usable(outcomes);
        long ok = outcomes.stream().filter(LeaveOneOutEvaluation.Outcome::ok).count();
        return String.format(Locale.ROOT, "%-8s %6d %6d %9.2f %9.2f %9.2f %7.1f%% %13s %8s%n", section, ok, u.size(),
            median(u.stream().mapToDouble(LeaveOneOutEvaluation.Outcome::predictedRmsPx).toArray()),
            median(u.stream().mapToDouble(LeaveOneOutEvaluation.Outcome::errorPx).toArray()),
            spearman(outcomes), 100 * coverage(outcomes, Constants.SHIPPED),
            cv == null ? "-" : String.format(Locale.ROOT, "%.2f", cv.floorPx()),
            cv == null ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * coverage(outcomes, cv)));
    }

    /** The median (AccuracyRun's), NaN when empty. */
    static double median(double[] v) {
        return v.length == 0 ? Double.NaN : AccuracyRun.median(v);
    }
}
