package org.knime.deepclem.engine.registration;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.knime.deepclem.engine.geometry.Affine2D;
import org.knime.deepclem.engine.image.Planes;

import boofcv.alg.filter.binary.BinaryImageOps;
import boofcv.alg.filter.binary.GThresholdImageOps;
import boofcv.alg.filter.binary.ThresholdImageOps;
import boofcv.struct.ConnectRule;
import boofcv.struct.image.GrayF32;
import boofcv.struct.image.GrayS32;
import boofcv.struct.image.GrayU8;

/**
 * Experiment (issue 14, stop 27): does the registration, and its predicted error, know when the EM frame holds only a
 * few nuclei? The hand-registered chromatin of a training section is reduced to its K nuclei nearest the centre
 * (Otsu on the blurred image, BoofCV's blobs of at least 400 px, dilated by 6 px; everything else set to the
 * background, the 25th percentile), and each reduced section becomes synthetic cases as in the accuracy tests: the
 * whole section as the EM frame (blurred by 3 px, as a perfect virtual chromatin), the LM under a random similarity
 * (scale 0.9-2.4, cyan). No network: only the registration and what it says of itself are on trial.
 * <p>
 * Per case it prints the verdict, the measured error (RMS over the frame, px) with the rotation (degrees) and scale
 * of the answer against the truth, NCC and margin, the predicted error (informative tiles, RMS, 90 % bound, the time
 * {@link ErrorPrediction#assess} took, and the bound from the tiles alone, as before the restarts were part of the
 * prediction), how far the furthest rival answer lies and whether {@link ErrorPrediction#assess} refused the answer
 * as ambiguous for it (the bound of a refused answer is computed all the same, for comparison), two diagnostics and
 * one remedy:
 * <ul>
 * <li>{@code curv}: the precision that the curvature of the NCC at the answer implies (Gauss-Newton, sigma^2 (J^T
 * J)^-1 over the final refinement's residuals, as if they were independent), as an RMS over the frame in px;</li>
 * <li>{@code ncc truth}: the fine-level NCC at the true transform against the answer's: higher at the truth means the
 * search stopped in a local optimum, not that the images cannot tell;</li>
 * <li>{@code restarts}: the error after refining again from the answer turned by +-3 and +-6 degrees and scaled by
 * 1.03^+-1 about the frame centre, keeping the highest NCC, and the time per restart. Adopting that answer is not
 * shipped (it makes some cases worse); {@link ErrorPrediction} runs the same restarts on sparse frames only to widen
 * the predicted error by the rivals they find.</li>
 * </ul>
 * After the cases, a summary per K (all sections given pooled) counts what docs/evaluation.md, "Frames with few
 * nuclei", reports: ok cases (the registration's verdict), their error, how many the bound covers with and without the
 * restarts, how many right (under 15 px) and wrong answers the rivals refuse, and what adopting the best restart
 * would do.
 * <p>
 * Usage: SparseFrames ROOT [SECTIONS] [CASES] [K...]  (SECTIONS comma-separated, default s6; 6 cases; K = all 5 3 2 1,
 * where all is each section's own count)
 */
public final class SparseFrames {

    /** The cases' options: the whole section as the EM frame, LM scale 0.9-2.4, cyan. */
    public static final SyntheticPairs.Options OPTIONS =
        new SyntheticPairs.Options(0.9, 2.4, SyntheticPairs.Colour.CYAN, true);

    private SparseFrames() {
    }

    /** One ok case: measured error, predicted bounds, and the diagnostics (see the class comment). */
    private record Outcome(String k, double error, int tiles, double bound, double tilesOnlyBound, double predictMs,
        double rivalPx, boolean ambiguous, double curvature, double nccAnswer, double nccTruth, double restartError) {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        String[] sections = (args.length > 1 ? args[1] : "s6").split(",");
        int cases = args.length > 2 ? Integer.parseInt(args[2]) : 6;
        Map<String, List<Outcome>> byK = new LinkedHashMap<>();
        Map<String, Integer> refused = new LinkedHashMap<>();
        for (String section : sections) {
            SyntheticPairs.Source src =
                SyntheticPairs.Source.read(root.resolve("data/deepclem/training/chromatin/" + section + ".png"));
            int all = nuclei(src, new int[src.width() * src.height()]).size();
            List<Integer> ks = new ArrayList<>();
            for (int i = 3; i < args.length; i++) {
                ks.add(Integer.parseInt(args[i]));
            }
            if (ks.isEmpty()) {
                ks = List.of(all, 5, 3, 2, 1);
            }
            System.out.printf(Locale.ROOT, "%s: %d nuclei of at least 400 px; %d cases per row%n", section, all, cases);
            System.out.println(" K  case verdict error px   deg  scale   ncc   margin tiles pred px bound px predict ms"
                + " tiles-only bound rival px judged     curv px  ncc answer/truth  restarts: error px  ms each");
            for (int k : ks) {
                String label = k >= all ? "all" : Integer.toString(k);
                SyntheticPairs.Source reduced = reduced(src, k);
                for (long seed = 1; seed <= cases; seed++) {
                    Outcome o = row(k, seed, SyntheticPairs.make(reduced, seed, 3, OPTIONS), label);
                    if (o == null) {
                        refused.merge(label, 1, Integer::sum);
                    } else {
                        byK.computeIfAbsent(label, x -> new ArrayList<>()).add(o);
                    }
                }
            }
        }
        summarise(String.join("+", sections), byK, refused);
    }

    /** The per-K counts of docs/evaluation.md, "Frames with few nuclei". */
    private static void summarise(String sections, Map<String, List<Outcome>> byK, Map<String, Integer> refused) {
        System.out.printf(Locale.ROOT, "%nsummary, %s (ok cases; bound: with the restarts; tiles-only: without)%n",
            sections);
        System.out.println(" K    ok refused  median   max  >=15px  >5px  bound covers  tiles-only covers"
            + "  >=15px covered  <15px with bound>15  median bound  ambiguous: <15px >=15px  wrong ok after"
            + "  truth scores higher (>5px)  restarts adopted: >=15px >5px worse  predict ms median  curv px max");
        for (var e : byK.entrySet()) {
            List<Outcome> o = e.getValue();
            double[] errors = o.stream().mapToDouble(Outcome::error).sorted().toArray();
            double[] bounds = o.stream().mapToDouble(Outcome::bound).sorted().toArray();
            double[] ms = o.stream().mapToDouble(Outcome::predictMs).sorted().toArray();
            System.out.printf(Locale.ROOT,
                "%-4s %3d %7d %7.1f %5.1f %7d %5d %13d %18d %15d %20d %13.1f %17d %6d %14d %27d %25d %4d %5d %18.0f"
                    + " %12.3f%n",
                e.getKey(), o.size(), refused.getOrDefault(e.getKey(), 0), errors[errors.length / 2],
                errors[errors.length - 1], count(o, x -> x.error() >= 15), count(o, x -> x.error() > 5),
                count(o, x -> x.error() <= x.bound()), count(o, x -> x.error() <= x.tilesOnlyBound()),
                count(o, x -> x.error() >= 15 && x.error() <= x.bound()),
                count(o, x -> x.error() < 15 && x.bound() > 15), bounds[bounds.length / 2],
                count(o, x -> x.ambiguous() && x.error() < 15), count(o, x -> x.ambiguous() && x.error() >= 15),
                count(o, x -> !x.ambiguous() && x.error() >= 15),
                count(o, x -> x.error() > 5 && x.nccTruth() > x.nccAnswer()),
                count(o, x -> x.restartError() >= 15), count(o, x -> x.restartError() > 5),
                count(o, x -> x.restartError() > x.error() + 0.5), ms[ms.length / 2],
                o.stream().mapToDouble(Outcome::curvature).max().orElse(Double.NaN));
        }
        refused.keySet().stream().filter(k -> !byK.containsKey(k))
            .forEach(k -> System.out.printf(Locale.ROOT, "%-4s %3d %7d%n", k, 0, refused.get(k)));
    }

    private static int count(List<Outcome> o, java.util.function.Predicate<Outcome> p) {
        return (int) o.stream().filter(p).count();
    }

    /**
     * The section with only its {@code k} nuclei of at least 400 px nearest the centre, each dilated by 6 px; the rest
     * set to the background (the 25th percentile).
     */
    public static SyntheticPairs.Source reduced(SyntheticPairs.Source src, int k) {
        int w = src.width(), h = src.height();
        int[] labels = new int[w * h];
        Set<Integer> keep = new HashSet<>();
        nuclei(src, labels).stream().limit(k).forEach(n -> keep.add((int) n[0]));
        GrayU8 mask = new GrayU8(w, h);
        for (int i = 0; i < w * h; i++) {
            mask.data[i] = (byte) (keep.contains(labels[i]) ? 1 : 0);
        }
        for (int r = 0; r < 6; r++) {
            mask = BinaryImageOps.dilate8(mask, 1, null);
        }
        float background = Percentiles.of(src.px(), 0.25);
        float[] px = new float[w * h];
        for (int i = 0; i < w * h; i++) {
            px[i] = mask.data[i] != 0 ? src.px()[i] : background;
        }
        return new SyntheticPairs.Source(px, w, h);
    }

    /** The nuclei of at least 400 px, nearest the centre first; fills {@code labels} with their blob labels. */
    private static List<double[]> nuclei(SyntheticPairs.Source src, int[] labels) {
        int w = src.width(), h = src.height();
        GrayF32 smooth = new GrayF32(w, h);
        System.arraycopy(Blur.gaussian(src.px(), w, h, 3), 0, smooth.data, 0, w * h);
        double threshold = GThresholdImageOps.computeOtsu(smooth, 0, 255);
        GrayS32 lab = new GrayS32(w, h);
        int n = BinaryImageOps.contour(ThresholdImageOps.threshold(smooth, null, (float) threshold, false),
            ConnectRule.EIGHT, lab).size();
        System.arraycopy(lab.data, 0, labels, 0, w * h);
        double[] sx = new double[n + 1], sy = new double[n + 1];
        int[] area = new int[n + 1];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int l = lab.get(x, y);
                area[l]++;
                sx[l] += x;
                sy[l] += y;
            }
        }
        List<double[]> out = new ArrayList<>();
        for (int l = 1; l <= n; l++) {
            if (area[l] >= 400) {
                out.add(new double[] {l, Math.hypot(sx[l] / area[l] - w / 2.0, sy[l] / area[l] - h / 2.0)});
            }
        }
        out.sort(Comparator.comparingDouble(d -> d[1]));
        return out;
    }

    /** Registers one case and prints its line; the outcome of an ok case, null for a refused one. */
    private static Outcome row(int k, long seed, SyntheticPairs.Case c, String label) {
        var fixed = Planes.wrap(c.fixed(), c.fixedWidth(), c.fixedHeight());
        var moving = Planes.wrap(c.moving()[c.chromatin()], c.movingWidth(), c.movingHeight());
        RegistrationResult r = new CorrelationRegistration().register(fixed, moving, TransformModel.SIMILARITY);
        Affine2D answer = r.movingToFixed();
        Affine2D off = answer == null ? null : answer.after(c.truth().inverse());
        String head = String.format(Locale.ROOT, "%2d %5d %-7s %8.1f %5.2f %6.3f %6.2f %6.2f", k, seed, r.verdict().id(),
            c.error(answer), off == null ? Double.NaN : off.rotationDegrees(), off == null ? Double.NaN : off.scale(),
            r.quality().ncc(), r.quality().margin());
        if (!r.ok()) {
            System.out.println(head);
            return null;
        }
        long t0 = System.nanoTime();
        ErrorPrediction.Assessment a = ErrorPrediction.assess(fixed, moving, r);
        double predictMs = (System.nanoTime() - t0) / 1e6;
        // the planes ErrorPrediction.assess works on
        ScaledPlane fine = ScaledPlane.fitting(fixed, ErrorPrediction.FINE_SIDE);
        ScaledPlane mov = ScaledPlane.matching(moving, fine, answer.scale());
        List<double[]> pairs = ErrorPrediction.localPairs(fine, mov, answer);
        double tilesOnly = ErrorPrediction.fromPairs(pairs, answer, TransformModel.SIMILARITY, c.fixedWidth(),
            c.fixedHeight(), List.of()).bound90Px();
        boolean ambiguous = !a.result().ok();
        // a refused answer has no prediction; its bound as it would have been, for comparison with the earlier runs
        PredictedError e = ambiguous ? ErrorPrediction.fromPairs(pairs, answer, TransformModel.SIMILARITY,
            c.fixedWidth(), c.fixedHeight(), ErrorPrediction.rivals(fine, mov, answer, TransformModel.SIMILARITY,
                c.fixedWidth(), c.fixedHeight())) : a.error();
        double curvature = curvatureRms(fine, mov, answer, c.fixedWidth(), c.fixedHeight());
        double nccAnswer = OverlapScore.of(fine, mov, ScaledPlane.toLevel(answer, mov, fine), 1).ncc();
        double nccTruth = OverlapScore.of(fine, mov, ScaledPlane.toLevel(c.truth(), mov, fine), 1).ncc();
        // the restarts, each on the registration's last pyramid (mid and fine side), scored against the moving image
        // at the resolution of the largest searched scale
        ScaledPlane movingTop = ScaledPlane.matching(moving, fine, CorrelationRegistration.Settings.DEFAULT.maxScale());
        List<Affine2D> starts = ErrorPrediction.restartStarts(answer, TransformModel.SIMILARITY, c.fixedWidth(),
            c.fixedHeight());
        IntensityRefiner.Refined best = new IntensityRefiner.Refined(answer, nccAnswer, Double.NaN);
        long t = System.nanoTime();
        for (Affine2D start : starts) {
            IntensityRefiner.Refined again = IntensityRefiner.pyramid(fine, movingTop, start, TransformModel.SIMILARITY,
                CorrelationRegistration.Settings.DEFAULT.midSide(), fine.longSide());
            if (again.ncc() > best.ncc()) {
                best = again;
            }
        }
        double msEach = (System.nanoTime() - t) / 1e6 / starts.size();
        Outcome o = new Outcome(label, c.error(answer), e.tiles(), e.bound90Px(), tilesOnly, predictMs, a.rivalPx(),
            ambiguous, curvature, nccAnswer, nccTruth, c.error(best.movingToFixed()));
        System.out.println(head + String.format(Locale.ROOT,
            " %5d %7.2f %8.2f %9.0f %17.2f %8.1f %-9s %8.3f  %.4f / %.4f  %18.1f %8.0f", e.tiles(), e.rmsPx(),
            e.bound90Px(), predictMs, tilesOnly, a.rivalPx(), ambiguous ? "ambiguous" : "ok", curvature, nccAnswer,
            nccTruth, o.restartError(), msEach));
        return o;
    }

    /** The Gauss-Newton precision of the answer as an RMS over the frame (px), residuals taken as independent. */
    private static double curvatureRms(ScaledPlane fine, ScaledPlane mov, Affine2D answer, int width, int height) {
        IntensityRefiner.Residuals res = new IntensityRefiner(fine, mov, IntensityRefiner.MAX_SAMPLES, 0).residuals(answer,
            TransformModel.SIMILARITY);
        int n = res.getNumOfInputsN(), m = res.getNumOfOutputsM();
        double[] zero = new double[n], r = new double[m];
        res.process(zero, r);
        DMatrixRMaj jac = new DMatrixRMaj(m, n), cov = new DMatrixRMaj(n, n);
        res.jacobian().process(zero, jac);
        CommonOps_DDRM.multTransA(jac, jac, cov);
        if (!CommonOps_DDRM.invert(cov)) {
            return Double.NaN;
        }
        double ss = 0;
        for (double v : r) {
            ss += v * v;
        }
        CommonOps_DDRM.scale(ss / (m - n), cov);
        // each parameter's displacement field: the motion's derivative, an affine map of the fixed point
        double[][] d = new double[n][6];
        for (int j = 0; j < n; j++) {
            double[] p = zero.clone();
            p[j] = 1e-3;
            double[] hi = res.motion(p).toRowMajor();
            p[j] = -1e-3;
            double[] lo = res.motion(p).toRowMajor();
            for (int q = 0; q < 6; q++) {
                d[j][q] = (hi[q] - lo[q]) / 2e-3;
            }
        }
        double sum = 0;
        int grid = 32;
        double[] ux = new double[n], uy = new double[n];
        for (int gx = 0; gx < grid; gx++) {
            for (int gy = 0; gy < grid; gy++) {
                double x = -0.5 + width * (gx + 0.5) / grid, y = -0.5 + height * (gy + 0.5) / grid;
                for (int i = 0; i < n; i++) {
                    ux[i] = d[i][0] * x + d[i][1] * y + d[i][2];
                    uy[i] = d[i][3] * x + d[i][4] * y + d[i][5];
                }
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        sum += cov.get(i, j) * (ux[i] * ux[j] + uy[i] * uy[j]);
                    }
                }
            }
        }
        return Math.sqrt(sum / (grid * grid));
    }
}
