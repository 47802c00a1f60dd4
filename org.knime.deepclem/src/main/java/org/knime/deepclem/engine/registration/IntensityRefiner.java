package org.knime.deepclem.engine.registration;

import org.ddogleg.optimization.FactoryOptimization;
import org.ddogleg.optimization.UnconstrainedLeastSquares;
import org.ddogleg.optimization.functions.FunctionNtoM;
import org.ddogleg.optimization.functions.FunctionNtoMxN;
import org.ddogleg.optimization.lm.ConfigLevenbergMarquardt;
import org.ejml.data.DMatrixRMaj;
import org.knime.deepclem.engine.transform.Affine2D;


/**
 * Refines a transform by maximising the normalised cross-correlation of the fixed plane and the warped moving plane:
 * Levenberg-Marquardt (ddogleg, numerical Jacobian) on the residuals z(fixed) - z(moving), whose squared sum is
 * 2 n (1 - NCC). The parameters are a small motion of the fixed frame about its centre, scaled so that one unit moves
 * the frame's corners by about one full-resolution pixel, which keeps the problem well conditioned.
 */
final class IntensityRefiner {

    /** Refined transform (full-resolution px, moving -> fixed), its NCC and overlap on the planes used. */
    record Refined(Affine2D movingToFixed, double ncc, double overlap) {

        /** {@link PoseSearch#rank(double, double)} of this result. */
        double rank() {
            return PoseSearch.rank(ncc, overlap);
        }
    }

    /**
     * Finite-difference step in parameter units (about full-resolution px). ddogleg's numerical Jacobian scales its
     * step with the parameter, which is tiny near the zero start and then drowns in the float rounding of the samples.
     */
    private static final double JACOBIAN_STEP = 0.05;

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
        for (int side : fixedSides) {
            ScaledPlane f = fixedTop.shrink((double) side / fixedTop.longSide());
            ScaledPlane m = movingTop.shrink(r.movingToFixed().scale() * perFull(f) * 1.05 / perFull(movingTop));
            r = new IntensityRefiner(f, m, 40000, 20).refine(r.movingToFixed(), model);
        }
        return r;
    }

    /** Plane px per full-resolution px (geometric mean of both axes). */
    static double perFull(ScaledPlane p) {
        return Math.sqrt(Math.abs(p.fromFull().determinant()));
    }

    Refined refine(Affine2D start, TransformModel model) {
        Motion motion = new Motion(fixed, model);
        Residuals f = new Residuals(start, motion);
        UnconstrainedLeastSquares<DMatrixRMaj> lm = FactoryOptimization.levenbergMarquardt(new ConfigLevenbergMarquardt(), false);
        lm.setFunction(f, new FixedStepJacobian(f, JACOBIAN_STEP));
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
    private final class Residuals implements FunctionNtoM {
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

        @Override
        public void process(double[] params, double[] out) {
            Affine2D inv = ScaledPlane.toLevel(motion.apply(params).after(start), moving, fixed).inverse();
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

        @Override
        public int getNumOfInputsN() {
            return motion.count();
        }

        @Override
        public int getNumOfOutputsM() {
            return xs.length;
        }
    }

    /** Forward differences with a fixed absolute step. */
    private static final class FixedStepJacobian implements FunctionNtoMxN<DMatrixRMaj> {
        private final FunctionNtoM f;
        private final double step;

        FixedStepJacobian(FunctionNtoM f, double step) {
            this.f = f;
            this.step = step;
        }

        @Override
        public void process(double[] x, DMatrixRMaj jacobian) {
            int n = f.getNumOfInputsN(), m = f.getNumOfOutputsM();
            jacobian.reshape(m, n);
            double[] r0 = new double[m], r1 = new double[m], xs = x.clone();
            f.process(x, r0);
            for (int j = 0; j < n; j++) {
                xs[j] = x[j] + step;
                f.process(xs, r1);
                xs[j] = x[j];
                for (int i = 0; i < m; i++) {
                    jacobian.data[i * n + j] = (r1[i] - r0[i]) / step;
                }
            }
        }

        @Override
        public DMatrixRMaj declareMatrixMxN() {
            return new DMatrixRMaj(f.getNumOfOutputsM(), f.getNumOfInputsN());
        }

        @Override
        public int getNumOfInputsN() {
            return f.getNumOfInputsN();
        }

        @Override
        public int getNumOfOutputsM() {
            return f.getNumOfOutputsM();
        }
    }

    /** In place: zero mean, unit RMS (left at zero mean when flat). */
    private static void normalise(double[] v) {
        double s = 0, ss = 0;
        for (double x : v) {
            s += x;
            ss += x * x;
        }
        double mean = s / v.length, var = ss / v.length - mean * mean;
        double inv = var > 1e-20 ? 1 / Math.sqrt(var) : 0;
        for (int i = 0; i < v.length; i++) {
            v[i] = (v[i] - mean) * inv;
        }
    }
}
