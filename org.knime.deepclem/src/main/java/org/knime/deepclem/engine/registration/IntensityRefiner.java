package org.knime.deepclem.engine.registration;

import org.ddogleg.optimization.FactoryOptimization;
import org.ddogleg.optimization.UnconstrainedLeastSquares;
import org.ddogleg.optimization.functions.FunctionNtoM;
import org.ddogleg.optimization.functions.FunctionNtoMxN;
import org.ddogleg.optimization.lm.ConfigLevenbergMarquardt;
import org.ejml.data.DMatrixRMaj;
import org.knime.deepclem.engine.geometry.Affine2D;
import org.knime.deepclem.engine.image.Bilinear;


/**
 * Refines a transform by maximising the normalised cross-correlation of the fixed plane and the warped moving plane:
 * Levenberg-Marquardt (ddogleg) on the residuals z(fixed) - z(moving), whose squared sum is 2 n (1 - NCC). The
 * parameters are a small motion of the fixed frame about its centre, scaled so that one unit moves the frame's corners
 * by about one full-resolution pixel, which keeps the problem well conditioned. The Jacobian is analytic (image
 * gradient times the sample points' motion, through the z-normalisation): one pass over the samples instead of the
 * one-per-parameter passes of finite differences, which took most of the refinement's time.
 */
final class IntensityRefiner {

    /** Refined transform (full-resolution px, moving -> fixed), its NCC and overlap on the planes used. */
    record Refined(Affine2D movingToFixed, double ncc, double overlap) {

        /** {@link PoseSearch#rank(double, double)} of this result. */
        double rank() {
            return PoseSearch.rank(ncc, overlap);
        }
    }

    /** Step in parameter units for the derivative of the sample map (exact up to rounding: the map is smooth). */
    private static final double MAP_STEP = 1e-3;

    /**
     * Sample pixels per level (a regular grid): a similarity has four parameters, and 20000 samples pin them down as
     * well as 40000 did (held-out spread unchanged, docs/evaluation.md) in half the time.
     */
    static final int MAX_SAMPLES = 20000;

    private final ScaledPlane fixed, moving;
    private final int maxSamples, maxIterations;

    IntensityRefiner(ScaledPlane fixed, ScaledPlane moving, int maxSamples, int maxIterations) {
        this.fixed = fixed;
        this.moving = moving;
        this.maxSamples = maxSamples;
        this.maxIterations = maxIterations;
    }

    /**
     * Refines on a pyramid: planes of the given longer sides (small to large), shrunk from {@code fixedTop}; the
     * moving plane is shrunk from {@code movingTop} to about the fixed plane's pixel size under the current scale.
     *
     * @return the last level's result, its NCC on that level's planes
     */
    static Refined pyramid(ScaledPlane fixedTop, ScaledPlane movingTop, Affine2D start, TransformModel model,
        int... fixedSides) {
        Refined r = new Refined(start, Double.NaN, Double.NaN);
        int previousSide = -1;
        for (int side : fixedSides) {
            ScaledPlane f = fixedTop.shrinkToSide(side);
            if (f.longSide() == previousSide) {
                continue; // a small fixed image: two requested sides gave the same plane
            }
            previousSide = f.longSide();
            ScaledPlane m = movingTop.shrinkToMatch(f, r.movingToFixed().scale());
            r = new IntensityRefiner(f, m, MAX_SAMPLES, 20).refine(r.movingToFixed(), model);
        }
        return r;
    }

    Refined refine(Affine2D start, TransformModel model) {
        Motion motion = new Motion(fixed, model);
        Residuals f = new Residuals(start, motion);
        UnconstrainedLeastSquares<DMatrixRMaj> lm = FactoryOptimization.levenbergMarquardt(new ConfigLevenbergMarquardt(), false);
        lm.setFunction(f, f.jacobian());
        lm.initialize(new double[motion.count()], 1e-10, 1e-10);
        for (int i = 0; i < maxIterations; i++) {
            if (lm.iterate()) {
                break;
            }
        }
        Affine2D found = motion.apply(lm.getParameters()).after(start);
        OverlapScore before = OverlapScore.of(fixed, moving, ScaledPlane.toLevel(start, moving, fixed), 1);
        OverlapScore after = found.isFinite() ? OverlapScore.of(fixed, moving, ScaledPlane.toLevel(found, moving, fixed), 1)
            : new OverlapScore(Double.NaN, 0);
        if (!(after.ncc() >= before.ncc()) && !Double.isNaN(before.ncc())) {
            return new Refined(start, before.ncc(), before.overlap());
        }
        return new Refined(found, after.ncc(), after.overlap());
    }

    /** The residuals around {@code start}, parameterised by {@code model}'s motion (package-private for tests). */
    Residuals residuals(Affine2D start, TransformModel model) {
        return new Residuals(start, new Motion(fixed, model));
    }

    /** A small motion of the fixed frame (full-resolution px) for each model, zero parameters = identity. */
    private static final class Motion {
        private final TransformModel model;
        private final double cx, cy, radius;

        Motion(ScaledPlane fixed, TransformModel model) {
            this.model = model;
            Affine2D toFull = fixed.fromFull().inverse();
            double lx = (fixed.width() - 1) / 2.0, ly = (fixed.height() - 1) / 2.0;
            cx = toFull.applyX(lx, ly);
            cy = toFull.applyY(lx, ly);
            radius = Math.max(1, Math.hypot(cx, cy));
        }

        int count() {
            return switch (model) {
                case TRANSLATION -> 2;
                case RIGID -> 3;
                case SIMILARITY -> 4;
                case AFFINE -> 6;
            };
        }

        Affine2D apply(double[] p) {
            double a, b, c, d, tx, ty;
            switch (model) {
                case TRANSLATION -> {
                    a = 1; b = 0; c = 0; d = 1; tx = p[0]; ty = p[1];
                }
                case RIGID -> {
                    double th = p[0] / radius;
                    a = Math.cos(th); b = -Math.sin(th); c = -b; d = a; tx = p[1]; ty = p[2];
                }
                case SIMILARITY -> {
                    a = 1 + p[0] / radius; b = -p[1] / radius; c = -b; d = a; tx = p[2]; ty = p[3];
                }
                default -> {
                    a = 1 + p[0] / radius; b = p[1] / radius; c = p[2] / radius; d = 1 + p[3] / radius; tx = p[4]; ty = p[5];
                }
            }
            // y -> c + L (y - c) + t
            return new Affine2D(a, b, cx + tx - (a * cx + b * cy), c, d, cy + ty - (c * cx + d * cy));
        }
    }

    /** z-normalised fixed minus z-normalised moving at a fixed set of sample pixels of the fixed plane. */
    final class Residuals implements FunctionNtoM {
        private final Affine2D start;
        private final Motion motion;
        private final int[] xs, ys;
        private final double[] zf;
        private final float outside;

        Residuals(Affine2D start, Motion motion) {
            this.start = start;
            this.motion = motion;
            int fw = fixed.width(), fh = fixed.height();
            int stride = (int) Math.max(1, Math.ceil(Math.sqrt((double) fw * fh / maxSamples)));
            int n = ((fw + stride - 1) / stride) * ((fh + stride - 1) / stride);
            xs = new int[n];
            ys = new int[n];
            zf = new double[n];
            int k = 0;
            for (int y = 0; y < fh; y += stride) {
                for (int x = 0; x < fw; x += stride) {
                    xs[k] = x;
                    ys[k] = y;
                    zf[k] = fixed.px()[y * fw + x];
                    k++;
                }
            }
            normalise(zf);
            // the moving image's background stands in where the moving image ends, so residuals stay continuous
            outside = Percentiles.of(moving.px(), 0.25);
        }

        /** The motion of the fixed frame (full-resolution px) that {@code params} stand for; zeros = identity. */
        Affine2D motion(double[] params) {
            return motion.apply(params);
        }

        /** Fixed-plane px -> moving-plane px under the motion {@code params}: where the samples are read. */
        private Affine2D sampleMap(double[] params) {
            return ScaledPlane.toLevel(motion.apply(params).after(start), moving, fixed).inverse();
        }

        @Override
        public void process(double[] params, double[] out) {
            Affine2D inv = sampleMap(params);
            double[] zm = new double[xs.length];
            for (int i = 0; i < xs.length; i++) {
                zm[i] = Bilinear.sample(moving.px(), moving.width(), moving.height(), inv.applyX(xs[i], ys[i]),
                    inv.applyY(xs[i], ys[i]), outside);
            }
            normalise(zm);
            for (int i = 0; i < xs.length; i++) {
                out[i] = zf[i] - zm[i];
            }
        }

        /**
         * d residual / d params. With m the moving samples, z = (m - mean) / sd, and dz = (dm - mean(dm)) / sd
         * - z mean(z dm) / sd; dm is the bilinear gradient at the sample point times the point's motion, which comes
         * from central differences of the (6-number) sample map.
         */
        FunctionNtoMxN<DMatrixRMaj> jacobian() {
            return new FunctionNtoMxN<>() {
                @Override
                public void process(double[] params, DMatrixRMaj jac) {
                    int n = motion.count(), m = xs.length;
                    jac.reshape(m, n);
                    Affine2D inv = sampleMap(params);
                    double[][] dMap = new double[n][];
                    double[] q = params.clone();
                    for (int j = 0; j < n; j++) {
                        q[j] = params[j] + MAP_STEP;
                        double[] hi = sampleMap(q).toRowMajor();
                        q[j] = params[j] - MAP_STEP;
                        double[] lo = sampleMap(q).toRowMajor();
                        q[j] = params[j];
                        dMap[j] = new double[6];
                        for (int k = 0; k < 6; k++) {
                            dMap[j][k] = (hi[k] - lo[k]) / (2 * MAP_STEP);
                        }
                    }
                    double[] v = new double[m], dm = new double[m * n], grad = new double[2];
                    for (int i = 0; i < m; i++) {
                        double x = inv.applyX(xs[i], ys[i]), y = inv.applyY(xs[i], ys[i]);
                        v[i] = Bilinear.sampleWithGradient(moving.px(), moving.width(), moving.height(), x, y, outside,
                            grad);
                        for (int j = 0; j < n; j++) {
                            double[] d = dMap[j];
                            double dx = d[0] * xs[i] + d[1] * ys[i] + d[2], dy = d[3] * xs[i] + d[4] * ys[i] + d[5];
                            dm[i * n + j] = grad[0] * dx + grad[1] * dy;
                        }
                    }
                    double sd = normalise(v);
                    double[] meanDm = new double[n], meanZdm = new double[n];
                    for (int i = 0; i < m; i++) {
                        for (int j = 0; j < n; j++) {
                            meanDm[j] += dm[i * n + j] / m;
                            meanZdm[j] += v[i] * dm[i * n + j] / m;
                        }
                    }
                    double invSd = sd > 0 ? 1 / sd : 0;
                    for (int i = 0; i < m; i++) {
                        for (int j = 0; j < n; j++) {
                            // residual = z(fixed) - z(moving)
                            jac.data[i * n + j] = -invSd * (dm[i * n + j] - meanDm[j] - v[i] * meanZdm[j]);
                        }
                    }
                }

                @Override
                public DMatrixRMaj declareMatrixMxN() {
                    return new DMatrixRMaj(getNumOfOutputsM(), getNumOfInputsN());
                }

                @Override
                public int getNumOfInputsN() {
                    return Residuals.this.getNumOfInputsN();
                }

                @Override
                public int getNumOfOutputsM() {
                    return Residuals.this.getNumOfOutputsM();
                }
            };
        }

        @Override
        public int getNumOfInputsN() {
            return motion.count();
        }

        @Override
        public int getNumOfOutputsM() {
            return xs.length;
        }
    }

    /** In place: zero mean, unit RMS (left at zero mean when flat); returns the standard deviation (0 when flat). */
    private static double normalise(double[] v) {
        double s = 0, ss = 0;
        for (double x : v) {
            s += x;
            ss += x * x;
        }
        double mean = s / v.length, var = ss / v.length - mean * mean;
        double sd = var > 1e-20 ? Math.sqrt(var) : 0;
        double inv = sd > 0 ? 1 / sd : 0;
        for (int i = 0; i < v.length; i++) {
            v[i] = (v[i] - mean) * inv;
        }
        return sd;
    }
}
