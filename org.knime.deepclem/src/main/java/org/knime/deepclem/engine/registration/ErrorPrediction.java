package org.knime.deepclem.engine.registration;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.DoubleBinaryOperator;
import java.util.stream.IntStream;

import org.knime.deepclem.engine.geometry.Affine2D;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

/**
 * Predicts the error of an ok registration at every fixed (EM) pixel from the registration's own evidence.
 * <p>
 * The fixed frame is cut into {@value #GRID} x {@value #GRID} tiles overlapping by half, on the plane of at most
 * {@value #FINE_SIDE} px the final refinement uses. In each tile with structure (its contrast at least
 * {@value #MIN_CONTRAST} of the frame's) that the warped moving image covers, the moving image is registered again,
 * translation only, starting from the global answer ({@link IntensityRefiner}); a tile whose local answer correlates
 * poorly (NCC under {@link QualityGate#MIN_NCC}) or moved further than {@value #MAX_SHIFT} of its side (another
 * optimum, not a correction) is left out. Each informative tile gives a virtual landmark pair: where the global
 * answer puts the moving point that lands on the tile's centre, and where the tile's own answer puts it.
 * <p>
 * Those pairs are fitted with the registration's model ({@link LandmarkFit}); the error predicted at a point p is
 * sqrt(d(p)^2 + TRE(p)^2): d, how far the pairs' fit is from the global answer at p (a misfit the tiles agree on,
 * e.g. a global answer that is off), and TRE, Fitzpatrick's target registration error of that fit from its FRE
 * (how much the tiles disagree among themselves, growing away from the informative tiles). Its RMS over the frame is
 * the predicted RMS error; {@link PredictedError#bound90(double)} turns it into a calibrated 90 % bound. With fewer
 * informative tiles than the model needs for an FLE (2 N &gt; parameters), or tiles on one line, there is no
 * prediction, and the reason says so.
 * <p>
 * A frame with at most {@value #SPARSE_TILES} informative tiles holds few nuclei, and those hold the rotation and
 * scale loosely: the search can stop in a local optimum that the tiles, all showing the same nuclei, agree with
 * (docs/evaluation.md, "Frames with few nuclei"). So the registration is refined again from the answer turned by
 * +-3 and +-6 degrees and scaled by 1.03^+-1 about the frame centre; every rival answer that scores at least the
 * answer's NCC is as plausible, and how far it lies from the answer at p is added to the error there. A rival more
 * than {@value #MAX_RIVAL_PX} px from the answer (RMS over the frame) makes the answer a guess between optima the
 * evidence cannot tell apart, and {@link #assess} refuses it, as the quality gate refuses a pose whose margin over a
 * clearly different one is too small.
 */
public final class ErrorPrediction {

    static final int GRID = 4;
    static final int FINE_SIDE = 640;
    static final double MIN_CONTRAST = 0.5;
    static final double MIN_COVER = 0.9;
    static final double MAX_SHIFT = 0.125;
    /** At most this many informative tiles is a sparse frame (6 with two to five nuclei, 9-10 with all, in s6). */
    static final int SPARSE_TILES = 6;
    /** The restarts of a sparse frame: {degrees, scale} about the frame centre. */
    static final double[][] RESTARTS = {{3, 1}, {-3, 1}, {6, 1}, {-6, 1}, {0, 1.03}, {0, 1 / 1.03}};
    /**
     * A rival answer further than this from the answer (RMS over the frame, px) refuses it: the line between a right
     * and a wrong answer everywhere in this project (not tuned).
     */
    static final double MAX_RIVAL_PX = 15;
    /** Samples per tile for the local refinement: two translation parameters need few. */
    private static final int TILE_SAMPLES = 4000;
    /** The RMS over the frame is taken on this many points per side (the field is smooth). */
    private static final int RMS_GRID = 32;

    private ErrorPrediction() {
    }

    /**
     * A registration judged by its own evidence.
     *
     * @param result  the registration, or, when a rival answer lies more than {@value #MAX_RIVAL_PX} px away, the
     *                same answer refused as ambiguous
     * @param error   the predicted error of an ok result; unknown, with the reason, otherwise
     * @param rivalPx how far the furthest rival answer lies from the answer (RMS over the fixed frame, px); 0 without
     *                rivals (full frames have none), NaN when the registration failed before
     */
    public record Assessment(RegistrationResult result, PredictedError error, double rivalPx) {
    }

    /**
     * @param fixed  the fixed image the registration was made on (the virtual chromatin)
     * @param moving the moving image (the LM chromatin)
     * @param result the registration; only an ok one is judged and gets a prediction
     */
    public static Assessment assess(RandomAccessibleInterval<? extends RealType<?>> fixed,
        RandomAccessibleInterval<? extends RealType<?>> moving, RegistrationResult result) {
        if (result == null || !result.ok() || result.movingToFixed() == null) {
            return new Assessment(result, PredictedError.unknown(0, "the registration failed"), Double.NaN);
        }
        Affine2D global = result.movingToFixed();
        ScaledPlane fine = ScaledPlane.fitting(fixed, FINE_SIDE);
        ScaledPlane mov = ScaledPlane.matching(moving, fine, global.scale());
        List<double[]> pairs = localPairs(fine, mov, global);
        int width = (int) fixed.dimension(0), height = (int) fixed.dimension(1);
        List<Affine2D> rivals = pairs.size() <= SPARSE_TILES ? rivals(fine, mov, global, result.model(), width, height)
            : List.of();
        double rivalPx = rivals.stream().mapToDouble(r -> rmsDistance(r, global, width, height)).max().orElse(0);
        if (rivalPx > MAX_RIVAL_PX) {
            RegistrationResult refused = RegistrationResult.failed(result.model(), result.method(), global,
                result.quality(), String.format(Locale.ROOT, "ambiguous: another answer that correlates as well lies "
                    + "%.0f px away (RMS over the frame); %d informative tile%s of %d, too few nuclei to fix the "
                    + "rotation and scale. Add landmarks, or register a larger field of view", rivalPx, pairs.size(),
                    pairs.size() == 1 ? "" : "s", GRID * GRID));
            return new Assessment(refused, PredictedError.unknown(pairs.size(), "the registration failed"), rivalPx);
        }
        return new Assessment(result, fromPairs(pairs, global, result.model(), width, height, rivals), rivalPx);
    }

    /** The RMS over the frame of the distance between where {@code a} and {@code b} put the same moving point. */
    static double rmsDistance(Affine2D a, Affine2D b, int width, int height) {
        Affine2D move = a.after(b.inverse());
        return rmsOverFrame((x, y) -> Math.hypot(move.applyX(x, y) - x, move.applyY(x, y) - y), width, height);
    }

    /** The RMS of {@code f} over a {@code width} x {@code height} frame (sampled; the fields here are smooth). */
    private static double rmsOverFrame(DoubleBinaryOperator f, int width, int height) {
        double sum = 0;
        for (int i = 0; i < RMS_GRID; i++) {
            for (int j = 0; j < RMS_GRID; j++) {
                sum += sq(f.applyAsDouble(-0.5 + width * (i + 0.5) / RMS_GRID, -0.5 + height * (j + 0.5) / RMS_GRID));
            }
        }
        return Math.sqrt(sum / (RMS_GRID * RMS_GRID));
    }

    /**
     * The answers that the restarts of a sparse frame reach and that score at least the answer's NCC (fine plane).
     */
    static List<Affine2D> rivals(ScaledPlane fine, ScaledPlane mov, Affine2D global, TransformModel model, int width,
        int height) {
        if (model == TransformModel.TRANSLATION) {
            return List.of();
        }
        double ncc = OverlapScore.of(fine, mov, ScaledPlane.toLevel(global, mov, fine), 1).ncc();
        int mid = CorrelationRegistration.Settings.DEFAULT.midSide();
        return restartStarts(global, model, width, height).parallelStream()
            .map(start -> IntensityRefiner.pyramid(fine, mov, start, model, mid, fine.longSide()))
            .filter(r -> r.ncc() >= ncc && r.movingToFixed().isFinite())
            .map(IntensityRefiner.Refined::movingToFixed).toList();
    }

    /** Where the restarts begin: {@code global} turned and scaled by {@link #RESTARTS} about the frame centre. */
    static List<Affine2D> restartStarts(Affine2D global, TransformModel model, int width, int height) {
        double cx = (width - 1) / 2.0, cy = (height - 1) / 2.0;
        return Arrays.stream(RESTARTS)
            .filter(r -> r[1] == 1 || model != TransformModel.RIGID) // a rigid answer keeps its scale
            .map(r -> Affine2D.translation(cx, cy).after(Affine2D.similarity(r[1], Math.toRadians(r[0]), 0, 0))
                .after(Affine2D.translation(-cx, -cy)).after(global))
            .toList();
    }

    /** The virtual landmark pairs {mx, my, fx, fy} of the informative tiles. */
    static List<double[]> localPairs(ScaledPlane fine, ScaledPlane mov, Affine2D global) {
        double frameSd = sd(fine.px(), fine.width(), 0, 0, fine.width(), fine.height());
        int tw = Math.max(8, 2 * fine.width() / (GRID + 1)), th = Math.max(8, 2 * fine.height() / (GRID + 1));
        return IntStream.range(0, GRID * GRID).parallel().mapToObj(k -> {
            int x0 = (k % GRID) * (fine.width() - tw) / (GRID - 1), y0 = (k / GRID) * (fine.height() - th) / (GRID - 1);
            return tilePair(fine, mov, global, x0, y0, Math.min(tw, fine.width() - x0),
                Math.min(th, fine.height() - y0), frameSd);
        }).filter(Objects::nonNull).toList();
    }

    /** The tile's virtual landmark pair, or null when the tile is not informative. */
    private static double[] tilePair(ScaledPlane fine, ScaledPlane mov, Affine2D global, int x0, int y0, int w, int h,
        double frameSd) {
        if (!(sd(fine.px(), fine.width(), x0, y0, w, h) >= MIN_CONTRAST * frameSd)) {
            return null;
        }
        float[] px = new float[w * h];
        for (int y = 0; y < h; y++) {
            System.arraycopy(fine.px(), (y0 + y) * fine.width() + x0, px, y * w, w);
        }
        ScaledPlane tile = new ScaledPlane(px, w, h, Affine2D.translation(-x0, -y0).after(fine.fromFull()));
        if (OverlapScore.of(tile, mov, ScaledPlane.toLevel(global, mov, tile), 2).overlap() < MIN_COVER) {
            return null;
        }
        IntensityRefiner.Refined local = new IntensityRefiner(tile, mov, TILE_SAMPLES, 20).refine(global,
            TransformModel.TRANSLATION);
        if (!(local.ncc() >= QualityGate.MIN_NCC)) {
            return null;
        }
        Affine2D toFull = tile.fromFull().inverse();
        double cx = toFull.applyX((w - 1) / 2.0, (h - 1) / 2.0), cy = toFull.applyY((w - 1) / 2.0, (h - 1) / 2.0);
        Affine2D back = global.inverse();
        double mx = back.applyX(cx, cy), my = back.applyY(cx, cy);
        double fx = local.movingToFixed().applyX(mx, my), fy = local.movingToFixed().applyY(mx, my);
        double side = Math.min(w, h) / tile.perFull();
        if (Math.hypot(fx - cx, fy - cy) > MAX_SHIFT * side) {
            return null;
        }
        return new double[] {mx, my, fx, fy};
    }

    /** The prediction from the virtual landmark pairs and the rival answers (see the class comment). */
    static PredictedError fromPairs(List<double[]> pairs, Affine2D global, TransformModel model, int width,
        int height, List<Affine2D> rivals) {
        int n = pairs.size(), need = LandmarkFit.parameters(model) / 2 + 1;
        if (n < need) {
            return PredictedError.unknown(n, n + " informative tile" + (n == 1 ? "" : "s") + " (of " + GRID * GRID
                + "); predicting the error of a " + model.id() + " registration needs at least " + need);
        }
        double[] ones = new double[n];
        Arrays.fill(ones, 1);
        Affine2D fit = LandmarkFit.fit(model, pairs, ones);
        if (fit == null) {
            return PredictedError.unknown(n, "the informative tiles lie on one line; no error prediction");
        }
        LandmarkFit.Figures f = LandmarkFit.figures(fit, pairs, model, width, height);
        List<double[]> points = new ArrayList<>();
        pairs.forEach(p -> points.add(new double[] {p[2], p[3]}));
        DoubleBinaryOperator tre = LandmarkFit.treField(points, f.flePx());
        if (Double.isNaN(tre.applyAsDouble(0, 0))) {
            return PredictedError.unknown(n, "the informative tiles lie on one line; no error prediction");
        }
        // fixed px -> where the tiles' fit puts the moving point the global answer puts there
        Affine2D misfit = fit.after(global.inverse());
        // fixed px -> where each rival puts the moving point the global answer puts there
        List<Affine2D> moves = rivals.stream().map(r -> r.after(global.inverse())).toList();
        DoubleBinaryOperator field = (x, y) -> {
            double t = tre.applyAsDouble(x, y), rival = 0;
            for (Affine2D m : moves) {
                rival = Math.max(rival, sq(m.applyX(x, y) - x) + sq(m.applyY(x, y) - y));
            }
            return Math.sqrt(sq(misfit.applyX(x, y) - x) + sq(misfit.applyY(x, y) - y) + t * t + rival);
        };
        double rms = rmsOverFrame(field, width, height);
        return new PredictedError(rms, PredictedError.bound90(rms), n, "", field);
    }

    private static double sq(double v) {
        return v * v;
    }

    /** Standard deviation of a rectangle of a row-major plane. */
    private static double sd(float[] px, int stride, int x0, int y0, int w, int h) {
        double s = 0, ss = 0;
        for (int y = y0; y < y0 + h; y++) {
            for (int x = x0; x < x0 + w; x++) {
                double v = px[y * stride + x];
                s += v;
                ss += v * v;
            }
        }
        double n = (double) w * h, mean = s / n;
        return Math.sqrt(Math.max(0, ss / n - mean * mean));
    }
}
