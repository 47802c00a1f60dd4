package org.knime.deepclem.engine.registration;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.knime.deepclem.engine.geometry.Affine2D;

/**
 * Registration by landmarks placed by hand (moving = LM px, fixed = EM px), alone or combined with an automatic
 * result, and the error figures eC-CLEM reports for a landmark registration.
 * <p>
 * <b>Fit.</b> Weighted least squares of the chosen {@link TransformModel} (closed forms: translation, rigid and
 * similarity by weighted Procrustes on centred coordinates, affine by the normal equations), minimising the weighted
 * squared distances in the fixed frame. Needs at least 1 pair (translation), 2 pairs at different places (rigid,
 * similarity) or 3 pairs not on one line (affine).
 * <p>
 * <b>Error figures</b> (Fitzpatrick, West &amp; Maurer 1998, "Predicting error in rigid-body point-based
 * registration", IEEE Trans. Med. Imaging 17(5):694-702, doi:10.1109/42.736021; the figures eC-CLEM shows):
 * <ul>
 * <li>FRE, fiducial registration error: the RMS residual of the fitted landmarks, in fixed px.</li>
 * <li>FLE, fiducial localisation error, estimated from FRE. With isotropic localisation noise, the expected squared
 * residual sum of a least-squares fit of p parameters to N pairs in K = 2 dimensions is (K N - p) FLE^2 / K (to first
 * order), so FLE^2 = FRE^2 K N / (K N - p): p = 2, 3, 4, 6 for translation, rigid, similarity, affine. For 3-D rigid
 * (K = 3, p = 6) this is the paper's FRE^2 = (1 - 2/N) FLE^2. Unknown (NaN) when K N &lt;= p (an exact fit).</li>
 * <li>TRE, target registration error, predicted at a point r of the fixed frame by the paper's equation 46:
 * TRE^2(r) = (FLE^2 / N) (1 + (1/K) sum_k d_k^2 / f_k^2), K = 2, d_k the distance of r from principal axis k of the
 * fixed landmarks (axes through their centroid), f_k the RMS distance of the landmarks from that axis. At the
 * centroid TRE = FLE / sqrt(N). The formula is derived for rigid fits; for similarity and affine fits it is the usual
 * approximation (it underestimates the error of the extra parameters). NaN when all landmarks lie on one line.</li>
 * </ul>
 * eC-CLEM's own code (anrcrocoval/ec-clem, {@code FLEComputer}, {@code TREComputer}) takes FLE^2 = FRE^2 /
 * (1 - 1/(2N)) for every model and weights the axis term differently; the paper's equation and the FLE above (unbiased
 * in simulation, LandmarkFitTest) are used here instead.
 * <b>Combination with an automatic result.</b> The automatic transform enters as virtual pairs, a 5 x 5 grid over the
 * moving frame and where the automatic transform puts it, fitted together with the landmarks. Each of the two
 * estimates is weighted by the inverse of its expected error variance: the landmark fit's error at a typical point is
 * about FLE / sqrt(N), so each landmark weighs 1 / FLE^2; the automatic transform's error is about its residual
 * (quality {@code residual_px}), so its grid as a whole weighs 1 / residual^2, shared by the grid points. Both
 * errors are floored at {@value #MIN_ERROR_PX} px (neither hand placement nor the automatic fit is better than half a
 * pixel); an unknown FLE (an exact fit) is taken as {@value #DEFAULT_FLE_PX} px, an unknown automatic residual (the
 * correlation method gives none) as {@value #DEFAULT_AUTO_PX} px, the median error of {@code register} against the
 * hand registrations (docs/evaluation.md).
 */
public final class LandmarkFit {

    /** Where a result's transform came from, as written in transform.json's {@code "source"}. */
    public static final String SOURCE_IMAGE = "image", SOURCE_LANDMARKS = "landmarks",
        SOURCE_COMBINED = "image+landmarks";
    static final double MIN_ERROR_PX = 0.5, DEFAULT_FLE_PX = 2, DEFAULT_AUTO_PX = 3;
    private static final int GRID = 5;

    /**
     * The landmark figures, in fixed px.
     *
     * @param n          active landmark pairs
     * @param frePx      RMS residual of the landmark fit
     * @param flePx      estimated localisation error, NaN when the fit is exact
     * @param treCentre  predicted TRE at the fixed (EM) frame's centre, NaN when unknown
     * @param treMax     largest predicted TRE over the fixed frame (at one of its corners), NaN when unknown
     */
    public record Figures(int n, double frePx, double flePx, double treCentre, double treMax) {
    }

    /** A landmark-based result: the transform to use, where it came from, and the landmark figures. */
    public record Outcome(RegistrationResult result, String source, Figures figures, String note) {
    }

    private LandmarkFit() {
    }

    /** Parameters of each model (for FLE from FRE). */
    static int parameters(TransformModel model) {
        return switch (model) {
            case TRANSLATION -> 2;
            case RIGID -> 3;
            case SIMILARITY -> 4;
            case AFFINE -> 6;
        };
    }

    /**
     * The landmarks alone. {@code pairs}: {mx, my, fx, fy}. Throws IllegalArgumentException (a one-line message) when
     * the landmarks do not determine the model.
     */
    public static Outcome landmarksOnly(List<double[]> pairs, TransformModel model, int fixedWidth, int fixedHeight) {
        return landmarksOnly(pairs, model, fixedWidth, fixedHeight, mirroredLandmarks(pairs, model));
    }

    /** As {@link #landmarksOnly(List, TransformModel, int, int)}, of the given handedness. */
    private static Outcome landmarksOnly(List<double[]> pairs, TransformModel model, int fixedWidth, int fixedHeight,
        boolean mirrored) {
        Affine2D m = mirrored ? fitOrExplain(flipped(pairs), model).after(FLIP_X) : fitOrExplain(pairs, model);
        Figures f = figures(m, pairs, model, fixedWidth, fixedHeight);
        Quality q = new Quality(pairs.size(), Double.NaN, f.frePx(), Double.NaN, Double.NaN, Double.NaN);
        return new Outcome(new RegistrationResult(m, model, SOURCE_LANDMARKS, q, Verdict.OK, ""), SOURCE_LANDMARKS, f,
            "");
    }

    /**
     * The landmarks combined with an automatic result (see the class comment); the landmarks alone when the automatic
     * result failed or found nothing.
     */
    public static Outcome combine(RegistrationResult auto, List<double[]> pairs, TransformModel model,
        int movingWidth, int movingHeight, int fixedWidth, int fixedHeight) {
        if (auto == null || !auto.ok() || auto.movingToFixed() == null) {
            Outcome alone = landmarksOnly(pairs, model, fixedWidth, fixedHeight);
            String why = auto == null ? "" : "the automatic registration failed (" + auto.reason()
                + "); the landmarks alone were used";
            return new Outcome(alone.result(), SOURCE_LANDMARKS, alone.figures(), why);
        }
        // a mirrored automatic result (MirrorSearch) is combined in its own handedness
        boolean mirrored = auto.movingToFixed().mirrored() && model != TransformModel.AFFINE;
        Figures f = landmarksOnly(pairs, model, fixedWidth, fixedHeight, mirrored).figures();
        double fle = Double.isFinite(f.flePx()) ? Math.max(f.flePx(), MIN_ERROR_PX) : DEFAULT_FLE_PX;
        double res = auto.quality() == null ? Double.NaN : auto.quality().residualPx();
        double sigma = Double.isFinite(res) ? Math.max(res, MIN_ERROR_PX) : DEFAULT_AUTO_PX;
        List<double[]> all = new ArrayList<>(pairs);
        List<Double> w = new ArrayList<>();
        pairs.forEach(p -> w.add(1 / (fle * fle)));
        Affine2D a = auto.movingToFixed();
        int cells = GRID * GRID;
        for (int i = 0; i < GRID; i++) {
            for (int j = 0; j < GRID; j++) {
                double x = -0.5 + movingWidth * (i + 0.5) / GRID, y = -0.5 + movingHeight * (j + 0.5) / GRID;
                all.add(new double[] {x, y, a.applyX(x, y), a.applyY(x, y)});
                w.add(1 / (cells * sigma * sigma));
            }
        }
        double[] weights = w.stream().mapToDouble(Double::doubleValue).toArray();
        Affine2D m = mirrored ? fit(model, flipped(all), weights) : fit(model, all, weights);
        m = mirrored && m != null ? m.after(FLIP_X) : m;
        if (m == null || !(Math.abs(m.determinant()) > 1e-12)) {
            throw new IllegalArgumentException("the landmarks and the automatic result together give a degenerate "
                + "transform");
        }
        // the quality figures stay the automatic result's: the image evidence the landmarks were combined with
        RegistrationResult r = new RegistrationResult(m, model, auto.method() + "+landmarks", auto.quality(),
            Verdict.OK, "");
        return new Outcome(r, SOURCE_COMBINED, f, "");
    }

    /**
     * Whether landmarks are mirrored between the images: at least 3 pairs whose affine fit flips handedness. A
     * similarity, rigid or translation model is then fitted to the moving points mirrored ({@link #FLIP_X}) and the
     * flip composed in, since none of them can hold a flip (2 pairs do not tell the handedness).
     */
    static boolean mirroredLandmarks(List<double[]> pairs, TransformModel model) {
        if (model == TransformModel.AFFINE || pairs.size() < 3) {
            return false;
        }
        double[] ones = new double[pairs.size()];
        java.util.Arrays.fill(ones, 1);
        Affine2D affine = fit(TransformModel.AFFINE, pairs, ones);
        return affine != null && affine.mirrored();
    }

    /** x -> -x: the moving points mirrored, so that a fit of a model without a flip can follow mirrored pairs. */
    private static final Affine2D FLIP_X = new Affine2D(-1, 0, 0, 0, 1, 0);

    private static List<double[]> flipped(List<double[]> pairs) {
        List<double[]> out = new ArrayList<>(pairs.size());
        pairs.forEach(p -> out.add(new double[] {-p[0], p[1], p[2], p[3]}));
        return out;
    }

    /** Throws a one-line IllegalArgumentException when the landmarks do not determine {@code model}. */
    public static void check(List<double[]> pairs, TransformModel model) {
        fitOrExplain(pairs, model);
    }

    /** The unweighted fit, or an exception whose one-line message says why the landmarks do not determine it. */
    public static Affine2D fitOrExplain(List<double[]> pairs, TransformModel model) {
        int need = ModelFit.minimumPairs(model);
        if (pairs.size() < need) {
            throw new IllegalArgumentException(pairs.size() + " active landmark pair" + (pairs.size() == 1 ? "" : "s")
                + "; " + article(model) + " transform needs at least " + need
                + (model == TransformModel.AFFINE ? " (not on one line)" : ""));
        }
        double[] ones = new double[pairs.size()];
        java.util.Arrays.fill(ones, 1);
        Affine2D m = fit(model, pairs, ones);
        if (m == null) {
            throw new IllegalArgumentException(model == TransformModel.AFFINE
                ? "the landmarks lie on one line (in the moving image); an affine transform needs 3 not on one line"
                : "the landmarks all lie at one place (in the moving image); " + article(model)
                    + " transform needs 2 at different places");
        }
        if (!(Math.abs(m.determinant()) > 1e-12)) {
            throw new IllegalArgumentException("the landmarks give a degenerate " + model.id() + " transform (their "
                + "fixed points all lie at one place or on one line)");
        }
        return m;
    }

    private static String article(TransformModel model) {
        return (model == TransformModel.AFFINE ? "an " : "a ") + model.id();
    }

    /** Weighted least-squares fit (pairs {mx, my, fx, fy}); null when the points do not determine the model. */
    static Affine2D fit(TransformModel model, List<double[]> pairs, double[] w) {
        double sw = 0, mx = 0, my = 0, fx = 0, fy = 0;
        for (int i = 0; i < pairs.size(); i++) {
            double[] p = pairs.get(i);
            sw += w[i];
            mx += w[i] * p[0];
            my += w[i] * p[1];
            fx += w[i] * p[2];
            fy += w[i] * p[3];
        }
        if (pairs.isEmpty() || !(sw > 0)) {
            return null;
        }
        mx /= sw;
        my /= sw;
        fx /= sw;
        fy /= sw;
        if (model == TransformModel.TRANSLATION) {
            return Affine2D.translation(fx - mx, fy - my);
        }
        double sxx = 0, sxy = 0, syy = 0, sxu = 0, syu = 0, sxv = 0, syv = 0;
        for (int i = 0; i < pairs.size(); i++) {
            double[] p = pairs.get(i);
            double x = p[0] - mx, y = p[1] - my, u = p[2] - fx, v = p[3] - fy;
            sxx += w[i] * x * x;
            sxy += w[i] * x * y;
            syy += w[i] * y * y;
            sxu += w[i] * x * u;
            syu += w[i] * y * u;
            sxv += w[i] * x * v;
            syv += w[i] * y * v;
        }
        double norm = sxx + syy;
        // spread relative to the coordinates' size: points at one place (or on one line) to rounding
        double size = 0;
        for (double[] p : pairs) {
            size = Math.max(size, Math.max(Math.abs(p[0]), Math.abs(p[1])));
        }
        double tiny = 1e-20 * sw * Math.max(1, size * size);
        if (!(norm > tiny)) {
            return null;
        }
        double a, b, c, d;
        switch (model) {
            case RIGID, SIMILARITY -> {
                double sa = sxu + syv, sb = sxv - syu; // x' = a x - b y, y' = b x + a y
                if (model == TransformModel.RIGID) {
                    double h = Math.hypot(sa, sb);
                    if (!(h > 0)) {
                        return null;
                    }
                    sa /= h;
                    sb /= h;
                } else {
                    sa /= norm;
                    sb /= norm;
                }
                a = sa;
                b = -sb;
                c = sb;
                d = sa;
            }
            default -> {
                double det = sxx * syy - sxy * sxy;
                if (!(det > 1e-10 * norm * norm)) {
                    return null; // on one line
                }
                a = (syy * sxu - sxy * syu) / det;
                b = (sxx * syu - sxy * sxu) / det;
                c = (syy * sxv - sxy * syv) / det;
                d = (sxx * syv - sxy * sxv) / det;
            }
        }
        Affine2D m = new Affine2D(a, b, fx - (a * mx + b * my), c, d, fy - (c * mx + d * my));
        return m.isFinite() ? m : null;
    }

    /** The fiducial registration error: RMS distance, in fixed px, of {@code m}(moving) from fixed over the pairs. */
    public static double fre(Affine2D m, List<double[]> pairs) {
        double sum = 0;
        for (double[] p : pairs) {
            double dx = m.applyX(p[0], p[1]) - p[2], dy = m.applyY(p[0], p[1]) - p[3];
            sum += dx * dx + dy * dy;
        }
        return Math.sqrt(sum / pairs.size());
    }

    /** FRE, FLE and TRE of a landmark fit (see the class comment). */
    public static Figures figures(Affine2D m, List<double[]> pairs, TransformModel model, int fixedWidth,
        int fixedHeight) {
        int n = pairs.size();
        double fre = fre(m, pairs);
        int dof = 2 * n - parameters(model);
        double fle = dof > 0 ? fre * Math.sqrt(2.0 * n / dof) : Double.NaN;
        List<double[]> fixed = new ArrayList<>();
        pairs.forEach(p -> fixed.add(new double[] {p[2], p[3]}));
        double centre = tre(fixed, fle, (fixedWidth - 1) / 2.0, (fixedHeight - 1) / 2.0);
        double max = Double.NEGATIVE_INFINITY;
        for (double x : new double[] {-0.5, fixedWidth - 0.5}) {
            for (double y : new double[] {-0.5, fixedHeight - 0.5}) {
                max = Math.max(max, tre(fixed, fle, x, y));
            }
        }
        return new Figures(n, fre, fle, centre, Double.isFinite(max) ? max : Double.NaN);
    }

    /**
     * Fitzpatrick's predicted TRE at (x, y) for landmarks {@code points} ({x, y}, fixed frame) with localisation error
     * {@code fle}; NaN when unknown (FLE unknown, or the landmarks lie on one line).
     */
    public static double tre(List<double[]> points, double fle, double x, double y) {
        return treField(points, fle).applyAsDouble(x, y);
    }

    /**
     * {@link #tre} as a function of (x, y), with the landmarks' centroid and principal axes computed once: for maps
     * of the TRE over a whole image. Always NaN when the TRE is unknown.
     */
    public static java.util.function.DoubleBinaryOperator treField(List<double[]> points, double fle) {
        int n = points.size();
        if (!Double.isFinite(fle) || n == 0) {
            return (x, y) -> Double.NaN;
        }
        double sumX = 0, sumY = 0;
        for (double[] p : points) {
            sumX += p[0];
            sumY += p[1];
        }
        double cx = sumX / n, cy = sumY / n;
        double sxx = 0, sxy = 0, syy = 0;
        for (double[] p : points) {
            double dx = p[0] - cx, dy = p[1] - cy;
            sxx += dx * dx;
            sxy += dx * dy;
            syy += dy * dy;
        }
        sxx /= n;
        sxy /= n;
        syy /= n;
        // principal axes: eigenvectors of the covariance; the mean squared distance of the landmarks from the axis
        // along e1 is the variance along e2 (the other eigenvalue), and the other way round
        double half = (sxx + syy) / 2, r = Math.hypot((sxx - syy) / 2, sxy);
        double l1 = half + r, l2 = half - r;
        if (!(l2 > 1e-12 * Math.max(1, l1))) {
            return (x, y) -> Double.NaN;
        }
        double theta = 0.5 * Math.atan2(2 * sxy, sxx - syy);
        double e1x = Math.cos(theta), e1y = Math.sin(theta);
        double fle2n = fle * fle / n;
        return (x, y) -> {
            double rx = x - cx, ry = y - cy;
            double along1 = rx * e1x + ry * e1y, along2 = -rx * e1y + ry * e1x;
            // axis 1 (direction e1): d1 = |along2|, f1^2 = l2; axis 2: d2 = |along1|, f2^2 = l1
            double sumRatio = along2 * along2 / l2 + along1 * along1 / l1;
            return Math.sqrt(fle2n * (1 + sumRatio / 2));
        };
    }

    /** One line for the terminal. */
    public static String summary(Figures f) {
        return String.format(Locale.ROOT, "landmarks: %d pairs, FRE %.2f px, FLE %s px, predicted TRE %s px at the EM "
            + "centre, up to %s px at its corners", f.n(), f.frePx(), shown(f.flePx()), shown(f.treCentre()),
            shown(f.treMax()));
    }

    private static String shown(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.2f", v) : "unknown";
    }
}
