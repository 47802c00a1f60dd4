package org.knime.deepclem.evaluation;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import org.knime.deepclem.engine.geometry.Affine2D;
import org.knime.deepclem.engine.image.Planes;
import org.knime.deepclem.engine.io.ChannelSelection;
import org.knime.deepclem.engine.io.LoadedImage;
import org.knime.deepclem.engine.io.SampleType;
import org.knime.deepclem.engine.pipeline.VirtualChromatinRegistration;
import org.knime.deepclem.engine.predict.VirtualChromatinModel;
import org.knime.deepclem.engine.predict.VirtualChromatinPredictor;
import org.knime.deepclem.engine.registration.AccuracyRun;
import org.knime.deepclem.engine.registration.FeatureRegistration;
import org.knime.deepclem.engine.registration.MirrorSearch;
import org.knime.deepclem.engine.registration.PredictedError;
import org.knime.deepclem.engine.registration.Quality;
import org.knime.deepclem.engine.registration.Registration;
import org.knime.deepclem.engine.registration.RegistrationMethod;
import org.knime.deepclem.engine.registration.ScalePrior;
import org.knime.deepclem.engine.registration.RegistrationResult;
import org.knime.deepclem.engine.registration.SyntheticPairs;
import org.knime.deepclem.engine.registration.TransformModel;

import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.real.FloatType;

/**
 * Held-out evaluation of the whole DeepCLEM pipeline. For each training section sN, a model trained without sN
 * ({@code deepclem train --exclude sN}) registers synthetic cases made from sN: the EM frame is a random crop of sN's
 * EM image; the LM image is sN's hand-registered chromatin seen under a random similarity (any rotation, LM -> EM scale
 * 0.9-2.4), in a larger field, blurred and noisy, in green and blue of an RGB image. The hand registration is the
 * truth. Side by side on the same cases: SIFT on the raw EM vs the LM (no prediction) and elastix (affine, mutual
 * information) on the raw EM vs the LM.
 * <p>
 * Per section and method it reports: success (RMS error over a 16x16 grid of the EM frame under
 * {@value #SUCCESS_PX} px), median error, agreement of the verdict (ok exactly when under {@value #SUCCESS_PX} px), wrong
 * {@code ok} (ok but {@value #SUCCESS_PX} px or more off),
 * precision (spread of the residuals found o truth^-1 around their mean, in the uncropped section frame, over the
 * successful cases), pose precision (the same spread around the mean of the cases that share the EM crop: the pipeline
 * sees each crop in P poses) and the bias (how far the mean residual is from identity: the section's constant offset),
 * and median time per case.
 * <p>
 * {@code LeaveOneOutEvaluation --models DIR [--cases N] [--poses P] [--baseline-cases K] [--sections s6,s7,s8]
 * [--methods pipeline,unrelated,mirrored[+mirror][+tta][+px][+ens],...,sift,elastix] [--ensemble DIR,...]
 * [--elastix PATH] [--csv FILE] [--verbose]}; DIR holds
 * {@code loo-sN.zip}. {@code unrelated} runs the pipeline on the same EM crops against LM images made from the demo's
 * chromatin, another experiment: the verdict column then counts the correctly failed pairs. The pipeline runs on
 * N crops x P poses (default 24 x 3; the first pose of each crop is the case the other methods see), unrelated on the N
 * cases, the baselines (sift, elastix) on the first K of them. Variants of the pipeline ({@link PipelineVariant}):
 * {@code mirrored} is the pipeline on the same cases with the LM mirrored left-right (a section seen from the other
 * side; no similarity can register it, so only a failed verdict is right), {@code +mirror} adds {@code --mirror}
 * ({@code MirrorSearch}), {@code +tta} registers every pair against the flip-averaged prediction, and {@code +px}
 * gives the pixel sizes: the registration searches only scales within 15 % of the scale they claim
 * ({@link #claimedScale}, the truth off by up to {@link #METADATA_ERROR}); {@code +ens} predicts with the mean of
 * DIR's model and those in the {@code --ensemble} folders ({@link ModelEnsemble}); to any base: e.g. {@code mirrored+mirror},
 * {@code pipeline+mirror}, {@code unrelated+px}, {@code pipeline+tta}. {@code --csv} appends one row per case;
 * {@code LeaveOneOutEvaluation --summarize FILE} prints the table of such a file (runs of single sections pooled);
 * {@code --summarize A --paired B} prints A's and B's tables over the cases under {@link #SUCCESS_PX} in both.
 */
public final class LeaveOneOutEvaluation {

    /** An error under this (EM px) counts as a success; the verdict should be ok exactly then. */
    public static final double SUCCESS_PX = 15;

    /** LM -> EM scale range of the cases. */
    public static final SyntheticPairs.Options CASE_OPTIONS =
        new SyntheticPairs.Options(0.9, 2.4, SyntheticPairs.Colour.CYAN, false);

    /** A held-out section: its EM image, its hand-registered chromatin, and its name. */
    public record Section(String name, SyntheticPairs.Source em, SyntheticPairs.Source chromatin) {
        public static Section read(Path root, String name) throws IOException {
            Path training = root.resolve("data/deepclem/training");
            SyntheticPairs.Source em = SyntheticPairs.Source.read(training.resolve("em/" + name + ".png"));
            SyntheticPairs.Source chromatin = SyntheticPairs.Source.read(training.resolve("chromatin/" + name + ".png"));
            if (em.width() != chromatin.width() || em.height() != chromatin.height()) {
                throw new IllegalArgumentException(name + ": EM and chromatin differ in size");
            }
            return new Section(name, em, chromatin);
        }

        /** Case {@code seed}: the synthetic LM, and the EM cropped to the case's frame. */
        public SyntheticPairs.Case makeCase(long seed) {
            return makeCase(new CaseSeed(seed, seed));
        }

        public SyntheticPairs.Case makeCase(CaseSeed seed) {
            return SyntheticPairs.make(chromatin, seed.crop(), seed.pose(), 0, CASE_OPTIONS);
        }

        public ArrayImg<FloatType, FloatArray> emCrop(SyntheticPairs.Case c) {
            return Planes.wrap(c.crop(em.px(), em.width()), c.fixedWidth(), c.fixedHeight());
        }
    }

    /**
     * What a case is made from: the EM frame (crop) from one seed, the LM view of it (pose, field, optics, noise) from
     * another. Cases that share a crop share the EM crop and hence the prediction; they differ only in what the LM sees.
     */
    public record CaseSeed(long crop, long pose) {
    }

    /** The LM chromatin plane as the CLI picks it from a colour image: the blue channel. */
    public static ArrayImg<FloatType, FloatArray> lmChromatin(SyntheticPairs.Case c) {
        LoadedImage rgb = LoadedImage.ofChannels(null, SampleType.UINT8, true, c.movingWidth(), c.movingHeight(),
            c.moving());
        return ChannelSelection.BLUE.apply(rgb);
    }

    /**
     * One registration of one case, reduced to what the figures need (so that it can be written to and read from a
     * CSV file, and runs of single sections can be pooled).
     *
     * @param residual found o truth^-1 as a map of the uncropped section frame onto itself (identity when exact);
     *                 null when nothing was found
     */
    public record Outcome(long seed, int cropX, int cropY, int width, int height, boolean ok, String how,
        double errorPx, double seconds, Affine2D residual, double ncc, double margin, double predictedRmsPx,
        int tiles) {

        /** An outcome without an error prediction (the baselines, files written before it). */
        public Outcome(long seed, int cropX, int cropY, int width, int height, boolean ok, String how, double errorPx,
            double seconds, Affine2D residual, double ncc, double margin) {
            this(seed, cropX, cropY, width, height, ok, how, errorPx, seconds, residual, ncc, margin, Double.NaN, 0);
        }

        static Outcome of(SyntheticPairs.Case c, RegistrationResult r, double seconds, boolean related) {
            return of(c, new Answer(r, null), seconds, related);
        }

        /**
         * @param related false for an unrelated pair (an LM from another experiment): no answer is right, its error
         *                counts as infinite and only a failed verdict agrees
         */
        static Outcome of(SyntheticPairs.Case c, Answer answer, double seconds, boolean related) {
            RegistrationResult r = answer.result();
            PredictedError e = answer.error();
            Affine2D found = r.movingToFixed();
            Affine2D residual = null;
            if (related && found != null && found.isFinite()) {
                Affine2D crop = Affine2D.translation(c.cropX(), c.cropY());
                residual = crop.after(found).after(c.truth().inverse()).after(crop.inverse());
            }
            Quality q = r.quality() == null ? Quality.NONE : r.quality();
            return new Outcome(c.seed(), c.cropX(), c.cropY(), c.fixedWidth(), c.fixedHeight(), r.ok(), r.method(),
                related ? c.error(found) : Double.POSITIVE_INFINITY, seconds, residual, q.ncc(), q.margin(),
                e == null ? Double.NaN : e.rmsPx(), e == null ? 0 : e.tiles());
        }

        public boolean success() {
            return errorPx < SUCCESS_PX;
        }

        /** Whether the verdict says what the error says: ok exactly when under {@link #SUCCESS_PX}. */
        public boolean verdictAgrees() {
            return ok == success();
        }

        static final String CSV_HEADER = "section,method,seed,crop_x,crop_y,width,height,verdict,how,error_px,seconds,"
            + "res_a,res_b,res_tx,res_c,res_d,res_ty,ncc,margin,predicted_rms_px,tiles";

        String csv(String section, String method) {
            double[] m = residual == null ? new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN} : residual.toRowMajor();
            return String.format(Locale.ROOT,
                "%s,%s,%d,%d,%d,%d,%d,%s,%s,%.4f,%.3f,%.8f,%.8f,%.5f,%.8f,%.8f,%.5f,%.4f,%.4f,%.4f,%d", section, method,
                seed, cropX, cropY, width, height, ok ? "ok" : "failed", how, errorPx, seconds, m[0], m[1], m[2], m[3],
                m[4], m[5], ncc, margin, predictedRmsPx, tiles);
        }

        static Outcome parse(String[] f) {
            double[] m = new double[6];
            for (int i = 0; i < 6; i++) {
                m[i] = Double.parseDouble(f[11 + i]);
            }
            Affine2D res = Double.isNaN(m[0]) ? null : Affine2D.fromRowMajor(m);
            // files written before the ncc and margin columns have 17 columns
            double ncc = f.length > 18 ? Double.parseDouble(f[17]) : Double.NaN;
            double margin = f.length > 18 ? Double.parseDouble(f[18]) : Double.NaN;
            // and before the predicted error's, 19
            double predicted = f.length > 20 ? Double.parseDouble(f[19]) : Double.NaN;
            int tiles = f.length > 20 ? Integer.parseInt(f[20]) : 0;
            return new Outcome(Long.parseLong(f[2]), Integer.parseInt(f[3]), Integer.parseInt(f[4]),
                Integer.parseInt(f[5]), Integer.parseInt(f[6]), f[7].equals("ok"), f[8], Double.parseDouble(f[9]),
                Double.parseDouble(f[10]), res, ncc, margin, predicted, tiles);
        }
    }

    /** The outcomes of one method on one section, with the figures the report needs. */
    public record Summary(String section, String method, List<Outcome> outcomes) {
        public int n() {
            return outcomes.size();
        }

        public double successRate() {
            return fraction(outcomes.stream().filter(Outcome::success).count());
        }

        public double agreement() {
            return fraction(outcomes.stream().filter(Outcome::verdictAgrees).count());
        }

        /** Cases reported {@code ok} with an answer 15 px ({@code SUCCESS_PX}) or more off: the failures a user trusts. */
        public long wrongOk() {
            return outcomes.stream().filter(o -> o.ok() && !o.success()).count();
        }

        public double medianError() {
            return AccuracyRun.median(outcomes.stream().mapToDouble(Outcome::errorPx).toArray());
        }

        /** Median predicted RMS error of the ok cases with a prediction; NaN without any. */
        public double medianPredictedPx() {
            return ErrorCalibration.median(ErrorCalibration.usable(outcomes).stream()
                .mapToDouble(Outcome::predictedRmsPx).toArray());
        }

        public double medianSeconds() {
            return AccuracyRun.median(outcomes.stream().mapToDouble(Outcome::seconds).toArray());
        }

        private List<Outcome> successes() {
            return outcomes.stream().filter(Outcome::success).toList();
        }

        /** Mean of the successful residuals (pointwise mean of affine maps = mean of their coefficients). */
        public Affine2D meanResidual() {
            List<Outcome> ok = successes();
            return ok.isEmpty() ? null : meanResidual(ok);
        }

        private static Affine2D meanResidual(List<Outcome> ok) {
            double[] sum = new double[6];
            for (Outcome o : ok) {
                double[] m = o.residual().toRowMajor();
                for (int i = 0; i < 6; i++) {
                    sum[i] += m[i] / ok.size();
                }
            }
            return Affine2D.fromRowMajor(sum);
        }

        /**
         * Precision: RMS over the successful cases of each residual's RMS distance to the mean residual, measured over
         * a 16x16 grid of that case's EM frame (in section coordinates). NaN with fewer than 2 successes.
         */
        public double spreadPx() {
            List<Outcome> ok = successes();
            return ok.size() < 2 ? Double.NaN : Math.sqrt(squaredDistancesToMean(ok) / ok.size());
        }

        /**
         * Pose precision, the registration's own repeatability: as {@link #spreadPx()}, but around the mean residual of
         * the successful cases that share the case's crop (the same EM frame seen in other poses), over crops with at
         * least two successes. What {@link #spreadPx()} adds on top comes from the crops: how the prediction's misfit to
         * the hand registration varies over the section. NaN without such crops.
         */
        public double poseSpreadPx() {
            Map<List<Integer>, List<Outcome>> byCrop = new LinkedHashMap<>();
            for (Outcome o : successes()) {
                byCrop.computeIfAbsent(List.of(o.cropX(), o.cropY(), o.width(), o.height()), k -> new ArrayList<>())
                    .add(o);
            }
            double sum = 0;
            int n = 0;
            for (List<Outcome> group : byCrop.values()) {
                if (group.size() >= 2) {
                    sum += squaredDistancesToMean(group);
                    n += group.size();
                }
            }
            return n == 0 ? Double.NaN : Math.sqrt(sum / n);
        }

        /** Sum over {@code ok} of the squared RMS distance (16x16 grid of the case's frame) to their mean residual. */
        private static double squaredDistancesToMean(List<Outcome> ok) {
            Affine2D mean = meanResidual(ok);
            double sum = 0;
            for (Outcome o : ok) {
                Affine2D crop = Affine2D.translation(o.cropX(), o.cropY());
                double d = o.residual().after(crop).rmsDistance(mean.after(crop), o.width(), o.height(), 16);
                sum += d * d;
            }
            return sum;
        }

        /** The constant offset: RMS distance of the mean residual from identity over the whole section. */
        public double biasPx(int width, int height) {
            Affine2D mean = meanResidual();
            return mean == null ? Double.NaN : mean.rmsDistance(Affine2D.IDENTITY, width, height, 16);
        }

        private double fraction(long k) {
            return outcomes.isEmpty() ? Double.NaN : (double) k / outcomes.size();
        }
    }

    /** A method under test: registers a case's EM crop against its LM chromatin. */
    public interface Method {
        Answer register(ArrayImg<FloatType, FloatArray> em, ArrayImg<FloatType, FloatArray> lm);
    }

    /** What a method answered, with its predicted error where it makes one (null otherwise). */
    public record Answer(RegistrationResult result, PredictedError error) {
        static Answer of(RegistrationResult r) {
            return new Answer(r, null);
        }
    }

    /**
     * A method that is also told the LM -> EM scale the images' pixel sizes claim ({@link #claimedScale}): the
     * "with pixel sizes" rows.
     */
    public interface SizedMethod {
        Answer register(ArrayImg<FloatType, FloatArray> em, ArrayImg<FloatType, FloatArray> lm,
            double claimedScale);
    }

    /**
     * Largest relative error of the pixel sizes' claimed scale: microscope metadata is usually right to a few
     * percent (a calibration of the objective, a stage, a detector binning); drawn uniformly in ±this per case.
     */
    public static final double METADATA_ERROR = 0.05;

    /**
     * The LM -> EM scale the pixel sizes of case {@code lmCase} would claim: its true scale off by up to
     * {@link #METADATA_ERROR}, reproducible from the case's pose seed. For an unrelated pair it is the scale of the
     * other experiment's LM view (its own metadata), which says nothing about the EM.
     */
    public static double claimedScale(SyntheticPairs.Case lmCase, CaseSeed seed) {
        double u = new SplittableRandom(seed.pose() * 31 + 7).nextDouble(-1, 1);
        return lmCase.truth().scale() * (1 + METADATA_ERROR * u);
    }

    private LeaveOneOutEvaluation() {
    }

    /** Runs {@code method} on cases {@code seeds} of {@code section}. */
    public static Summary run(Section section, String name, Method method, CaseSeed[] seeds, PrintStream verbose,
        PrintStream csv) {
        return run(section, null, false, name, method, seeds, verbose, csv);
    }

    /**
     * As {@link #run(Section, String, Method, CaseSeed[], PrintStream, PrintStream)}; with {@code unrelatedLm} each case's
     * LM is made (same seed) from that chromatin image instead of the section's own: a pair that shares nothing, whose
     * only right verdict is failed. With {@code mirrored} each LM is mirrored left-right ({@link
     * SyntheticPairs.Case#mirrored()}), as a section the two microscopes see from opposite sides.
     */
    public static Summary run(Section section, SyntheticPairs.Source unrelatedLm, boolean mirrored, String name,
        Method method, CaseSeed[] seeds, PrintStream verbose, PrintStream csv) {
        return run(section, unrelatedLm, mirrored, name, (em, lm, scale) -> method.register(em, lm), seeds, verbose,
            csv);
    }

    /** As {@link #run(Section, SyntheticPairs.Source, boolean, String, Method, CaseSeed[], PrintStream, PrintStream)},
     * told each case's {@link #claimedScale}. */
    public static Summary run(Section section, SyntheticPairs.Source unrelatedLm, boolean mirrored, String name,
        SizedMethod method, CaseSeed[] seeds, PrintStream verbose, PrintStream csv) {
        List<Outcome> outcomes = new ArrayList<>();
        for (CaseSeed seed : seeds) {
            SyntheticPairs.Case c = section.makeCase(seed);
            var em = section.emCrop(c);
            SyntheticPairs.Case lmCase = unrelatedLm == null ? c
                : SyntheticPairs.make(unrelatedLm, seed.crop(), seed.pose(), 0, CASE_OPTIONS);
            if (mirrored) {
                // the LM seen from the other side of the section: the truth gains the flip (det < 0)
                c = c.mirrored();
                lmCase = lmCase.mirrored();
            }
            var lm = lmChromatin(lmCase);
            long t0 = System.nanoTime();
            Answer answer = method.register(em, lm, claimedScale(lmCase, seed));
            RegistrationResult r = answer.result();
            double secs = (System.nanoTime() - t0) / 1e9;
            Outcome o = Outcome.of(c, answer, secs, unrelatedLm == null);
            outcomes.add(o);
            if (csv != null) {
                csv.println(o.csv(section.name(), name));
                csv.flush();
            }
            if (verbose != null) {
                verbose.printf(Locale.ROOT, "  %s %-8s %s: %s %s err %.2f px (predicted %.2f px, %d tiles), %.2f s %s%n",
                    section.name(), name, c.describe(), r.verdict().id(), r.method(), o.errorPx(), o.predictedRmsPx(),
                    o.tiles(), secs, r.ok() ? "" : "(" + r.reason() + ")");
            }
        }
        return new Summary(section.name(), name, outcomes);
    }

    /**
     * Seeds of the cases of a section: distinct per section name, reproducible, whichever sections are run. Hashed, not consecutive:
     * SyntheticPairs' first draws from consecutive seeds are correlated (similar rotations).
     */
    public static long[] seeds(String section, int n) {
        SplittableRandom r = new SplittableRandom(section.hashCode());
        long[] s = new long[n];
        for (int i = 0; i < n; i++) {
            s[i] = r.nextLong() & 0xFFFF_FFFFL;
        }
        return s;
    }

    /**
     * The cases of a section: the {@code crops} cases of {@link #seeds(String, int)}, each followed by {@code poses - 1}
     * more views of its crop in other poses (pose seeds hashed from the crop's seed). With one pose, the plain cases.
     */
    public static CaseSeed[] cases(String section, int crops, int poses) {
        long[] s = seeds(section, crops);
        CaseSeed[] out = new CaseSeed[crops * poses];
        for (int i = 0; i < crops; i++) {
            SplittableRandom r = new SplittableRandom(s[i]);
            out[i * poses] = new CaseSeed(s[i], s[i]);
            for (int j = 1; j < poses; j++) {
                out[i * poses + j] = new CaseSeed(s[i], r.nextLong() & 0xFFFF_FFFFL);
            }
        }
        return out;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = parse(args);
        Path root = opt.containsKey("root") ? Path.of(opt.get("root")) : repoRoot();
        Path models = Path.of(opt.getOrDefault("models", root.resolve("bench/models").toString()));
        int n = Integer.parseInt(opt.getOrDefault("cases", "24"));
        // the pipeline sees each crop in this many poses (for the pose precision); everything else in one
        int poses = Integer.parseInt(opt.getOrDefault("poses", "3"));
        // the baselines fail on nearly every case and elastix costs ~10x the pipeline: the first K cases suffice
        int baselineCases = Math.min(n, Integer.parseInt(opt.getOrDefault("baseline-cases", Integer.toString(n))));
        List<String> sections = Arrays.asList(opt.getOrDefault("sections", "s6,s7,s8").split(","));
        List<String> methods = Arrays.asList(opt.getOrDefault("methods", "pipeline,unrelated,sift,elastix").split(","));
        String elastix = opt.getOrDefault("elastix", "elastix");
        PrintStream verbose = opt.containsKey("verbose") ? System.out : null;
        if (opt.containsKey("summarize") && opt.containsKey("paired")) {
            List<Summary> a = readCsv(Path.of(opt.get("summarize"))), b = readCsv(Path.of(opt.get("paired")));
            System.out.println("the cases under " + SUCCESS_PX + " px in both files:");
            System.out.println(table(successfulInBoth(a, b)));
            System.out.println(table(successfulInBoth(b, a)));
            return;
        }
        if (opt.containsKey("summarize")) {
            System.out.println(table(readCsv(Path.of(opt.get("summarize")))));
            return;
        }
        PrintStream csv = null;
        if (opt.containsKey("csv")) {
            Path file = Path.of(opt.get("csv"));
            boolean fresh = !Files.exists(file) || Files.size(file) == 0;
            csv = new PrintStream(Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND),
                true, StandardCharsets.UTF_8);
            if (fresh) {
                csv.println(Outcome.CSV_HEADER);
            }
        }
        if (methods.contains("elastix") && !new ElastixRegistration(elastix).available()) {
            throw new IllegalArgumentException("'" + elastix + " --version' does not run: install elastix "
                + "(apt-get install -y elastix) or leave it out with --methods pipeline,sift");
        }
        List<Summary> all = new ArrayList<>();
        for (int si = 0; si < sections.size(); si++) {
            String s = sections.get(si).trim();
            Section section = Section.read(root, s);
            CaseSeed[] seeds = cases(s, n, 1);
            for (String m : methods) {
                Summary sum;
                PipelineVariant v = PipelineVariant.parse(m);
                if (v != null) {
                    Path model = models.resolve("loo-" + s + ".zip");
                    if (!Files.isRegularFile(model)) {
                        throw new IllegalArgumentException(model + " is missing: train it with deepclem train "
                            + "--exclude " + s + " (bench/evaluate.sh does)");
                    }
                    // unrelated: the pipeline on the same EM crops against LM images made from another experiment's
                    // chromatin (the demo's): nothing to find, so every ok verdict is a false one
                    var demo = v.unrelated()
                        ? SyntheticPairs.Source.read(root.resolve("data/deepclem/example/Chromatin.png")) : null;
                    List<VirtualChromatinModel> extra = new ArrayList<>();
                    try (VirtualChromatinModel net = VirtualChromatinModel.load(model)) {
                        if (v.ensemble()) {
                            for (String dir : opt.getOrDefault("ensemble", "").split(",")) {
                                if (!dir.isBlank()) {
                                    extra.add(VirtualChromatinModel.load(Path.of(dir.trim(), "loo-" + s + ".zip")));
                                }
                            }
                            if (extra.isEmpty()) {
                                throw new IllegalArgumentException("+ens needs --ensemble DIR[,DIR...]: folders with "
                                    + "more loo-sN.zip models trained alike from other seeds");
                            }
                        }
                        List<VirtualChromatinModel> members = new ArrayList<>(List.of(net));
                        members.addAll(extra);
                        var pipeline = v.pipeline(v.ensemble() ? new ModelEnsemble(members) : net);
                        sum = run(section, demo, v.mirroredCases(), m, (em, lm, scale) -> pipelineAnswer(pipeline.register(em,
                            lm, v.pixelSizes() ? new ScalePrior(scale, ScalePrior.DEFAULT_TOLERANCE) : null)),
                            v.unrelated() ? seeds : cases(s, n, poses), verbose, csv);
                    } finally {
                        for (VirtualChromatinModel member : extra) {
                            member.close();
                        }
                    }
                    all.add(sum);
                    System.out.println(row(sum));
                    System.out.flush();
                    continue;
                }
                switch (m) {
                    case "sift": {
                        FeatureRegistration features = new FeatureRegistration();
                        sum = run(section, m, (em, lm) -> Answer.of(features.register(em, lm, TransformModel.SIMILARITY)),
                            Arrays.copyOf(seeds, baselineCases), verbose, csv);
                        break;
                    }
                    case "elastix": {
                        ElastixRegistration el = new ElastixRegistration(elastix);
                        sum = run(section, m, (em, lm) -> Answer.of(el.register(em, lm, TransformModel.AFFINE)),
                            Arrays.copyOf(seeds, baselineCases), verbose, csv);
                        break;
                    }
                    default:
                        throw new IllegalArgumentException("unknown method '" + m
                            + "': use pipeline, unrelated or mirrored (each optionally +mirror, +tta, +px), "
                            + "sift or elastix");
                }
                all.add(sum);
                System.out.println(row(sum));
                System.out.flush();
            }
        }
        System.out.println();
        System.out.println(table(all));
    }

    /**
     * A variant of the pipeline, named {@code BASE[+mirror][+tta]}: BASE {@code pipeline} (the section's own cases),
     * {@code mirrored} (the same cases with the LM mirrored left-right: the truth holds the flip) or {@code unrelated}
     * (LM from another experiment); {@code +mirror} registers with {@link MirrorSearch} ({@code --mirror}), {@code
     * +tta} against the prediction averaged over the EM's mirror images for every pair, not only as the second
     * opinion for a failed one; {@code +px} with the scale prior the pixel sizes give ({@link #claimedScale}).
     */
    record PipelineVariant(boolean unrelated, boolean mirroredCases, boolean mirrorSearch, boolean tta,
        boolean pixelSizes, boolean ensemble) {

        /** The variant a method name names, or null for a method that is not the pipeline (sift, elastix). */
        static PipelineVariant parse(String name) {
            String[] parts = name.split("\\+");
            if (!List.of("pipeline", "mirrored", "unrelated").contains(parts[0])) {
                return null;
            }
            List<String> mods = Arrays.asList(parts).subList(1, parts.length);
            for (String mod : mods) {
                if (!List.of("mirror", "tta", "px", "ens").contains(mod)) {
                    throw new IllegalArgumentException("unknown variant '+" + mod + "' in '" + name
                        + "': use +mirror, +tta, +px or +ens");
                }
            }
            return new PipelineVariant(parts[0].equals("unrelated"), parts[0].equals("mirrored"),
                mods.contains("mirror"), mods.contains("tta"), mods.contains("px"), mods.contains("ens"));
        }

        VirtualChromatinRegistration pipeline(VirtualChromatinPredictor net) {
            Registration r = RegistrationMethod.CORRELATION.create();
            return new VirtualChromatinRegistration(net, mirrorSearch ? new MirrorSearch(r) : r,
                TransformModel.SIMILARITY, tta);
        }
    }

    private static Answer pipelineAnswer(VirtualChromatinRegistration.Outcome o) {
        return new Answer(o.result(), o.error());
    }

    /** The training sections' size (s8 is 3 rows shorter); the bias is measured over this frame. */
    static final int SECTION_WIDTH = 1280, SECTION_HEIGHT = 954;

    /**
     * {@code a}'s summaries reduced to the cases (same section, method and case seed) that are successes in both
     * {@code a} and {@code b}: spreads and medians of two runs compared over the same cases, as {@code --summarize A
     * --paired B} prints them (a run that fails more cases otherwise leaves its hardest crops out of its spread).
     */
    static List<Summary> successfulInBoth(List<Summary> a, List<Summary> b) {
        Set<String> inB = new HashSet<>();
        b.forEach(s -> s.outcomes().stream().filter(Outcome::success)
            .forEach(o -> inB.add(s.section() + "," + s.method() + "," + o.seed())));
        return a.stream().map(s -> new Summary(s.section(), s.method(), s.outcomes().stream()
            .filter(o -> o.success() && inB.contains(s.section() + "," + s.method() + "," + o.seed())).toList()))
            .toList();
    }

    /** Summaries from a CSV written with --csv, in the order sections and methods first appear. */
    static List<Summary> readCsv(Path file) throws IOException {
        Map<String, List<Outcome>> groups = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank() || line.startsWith("section,")) {
                continue;
            }
            String[] f = line.split(",");
            groups.computeIfAbsent(f[0] + "," + f[1], k -> new ArrayList<>()).add(Outcome.parse(f));
        }
        List<Summary> out = new ArrayList<>();
        for (var e : groups.entrySet()) {
            String[] key = e.getKey().split(",");
            out.add(new Summary(key[0], key[1], e.getValue()));
        }
        // pipeline, sift, elastix of each section together
        out.sort(java.util.Comparator.comparing(Summary::section));
        return out;
    }

    static final String HEADER = String.format(Locale.ROOT,
        "%-8s %-16s %5s %9s %10s %9s %8s %10s %9s %8s %8s %8s %8s %8s", "section", "method", "cases", "<15px",
        "median px", "verdict=", "wrong ok", "spread px", "pose px", "bias px", "median s", "pred px", "cover90", "spearman");

    /**
     * One summary's row; the last three columns are the predicted error's (ok cases with a prediction): median
     * predicted RMS, share whose measured error the shipped 90 % bound covers, Spearman(predicted RMS, measured).
     */
    static String row(Summary s) {
        return String.format(Locale.ROOT, "%-8s %-16s %5d %8.1f%% %10.2f %8.1f%% %8d %10.2f %9.2f %8.2f %8.2f %8.2f %7.1f%% %8.2f",
            s.section(), s.method(), s.n(), 100 * s.successRate(), s.medianError(), 100 * s.agreement(), s.wrongOk(),
            s.spreadPx(),
            s.poseSpreadPx(), s.biasPx(SECTION_WIDTH, SECTION_HEIGHT), s.medianSeconds(), s.medianPredictedPx(),
            100 * ErrorCalibration.coverage(s.outcomes(), ErrorCalibration.Constants.SHIPPED),
            ErrorCalibration.spearman(s.outcomes()));
    }

    /** The per-section rows and, per method, all sections pooled (spread and bias are per section only). */
    static String table(List<Summary> all) {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (Summary s : all) {
            sb.append(row(s)).append('\n');
        }
        Map<String, List<Outcome>> pooled = new LinkedHashMap<>();
        for (Summary s : all) {
            pooled.computeIfAbsent(s.method(), k -> new ArrayList<>()).addAll(s.outcomes());
        }
        for (var e : pooled.entrySet()) {
            Summary p = new Summary("all", e.getKey(), e.getValue());
            sb.append(String.format(Locale.ROOT, "%-8s %-16s %5d %8.1f%% %10.2f %8.1f%% %8d %10s %9s %8s %8.2f %8.2f %7.1f%% %8.2f%n",
                "all", p.method(), p.n(), 100 * p.successRate(), p.medianError(), 100 * p.agreement(), p.wrongOk(),
                "-", "-", "-",
                p.medianSeconds(), p.medianPredictedPx(),
                100 * ErrorCalibration.coverage(p.outcomes(), ErrorCalibration.Constants.SHIPPED),
                ErrorCalibration.spearman(p.outcomes())));
        }
        if (all.stream().anyMatch(s -> !ErrorCalibration.usable(s.outcomes()).isEmpty())) {
            sb.append("\npredicted error (ok pipeline cases with a prediction; cv: constants tuned on the other "
                + "sections)\n").append(ErrorCalibration.table(all));
        }
        return sb.toString();
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + args[i] + "'");
            }
            String key = args[i].substring(2);
            if (key.equals("verbose")) {
                out.put(key, "true");
            } else if (i + 1 < args.length) {
                out.put(key, args[++i]);
            } else {
                throw new IllegalArgumentException("--" + key + " needs a value");
            }
        }
        return out;
    }

    static Path repoRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("data/deepclem"))) {
                return p;
            }
        }
        throw new IllegalStateException("cannot find data/deepclem above " + Path.of("").toAbsolutePath()
            + ": run from the repository or pass --root");
    }
}
