package org.knime.deepclem.engine.registration;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.knime.deepclem.engine.geometry.Affine2D;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.real.FloatType;

/**
 * Registration by intensity correlation, for images too blurred or too sparse for features (the CNN's virtual
 * chromatin). Three stages on area-averaged planes:
 * <ol>
 * <li>global search ({@link PoseSearch}) over rotation (full circle) and scale on a plane of about
 * {@link Settings#searchSide} px, with FFT cross-correlation for the translation, scored by NCC;</li>
 * <li>the best {@link Settings#candidates} clearly different poses are refined ({@link IntensityRefiner}) on planes of
 * about {@link Settings#midSide} px; the best wins, and its margin over the best clearly different pose is kept
 * (poses are ranked by NCC weighted by overlap, {@link PoseSearch#rank(double, double)});</li>
 * <li>the winner is refined again, in the requested model, on planes of at most {@link Settings#fineSide} px.</li>
 * </ol>
 * The result fails when the NCC is low, the overlap small, or the margin small (see {@link QualityGate}).
 */
public final class CorrelationRegistration implements Registration {

    /** "correlation", the {@link RegistrationResult#method()} of this registration. */
    public static final String METHOD = "correlation";

    /**
     * @param searchSide longer side of the fixed plane for the global search (px)
     * @param midSide    longer side of the fixed plane on which candidates are refined
     * @param fineSide   longer side of the fixed plane for the final refinement
     * @param minScale   smallest scale searched (moving px -> fixed px)
     * @param maxScale   largest scale searched
     * @param angleStep  rotation step of the search grid, degrees
     * @param scaleStep  ratio between neighbouring scales of the grid
     * @param candidates poses refined after the search
     */
    public record Settings(int searchSide, int midSide, int fineSide, double minScale, double maxScale, double angleStep,
        double scaleStep, int candidates) {
        public static final Settings DEFAULT = new Settings(64, 240, 640, 0.3, 3.0, 9, 1.2, 5);

        /** These settings searching the scales from {@code min} to {@code max} only. */
        public Settings withScales(double min, double max) {
            return new Settings(searchSide, midSide, fineSide, min, max, angleStep, scaleStep, candidates);
        }
    }

    private final Settings settings;

    public CorrelationRegistration() {
        this(Settings.DEFAULT);
    }

    public CorrelationRegistration(Settings settings) {
        this.settings = settings;
    }

    public Settings settings() {
        return settings;
    }

    /** The grid covers the prior's band (at least three scales, see {@link #scales}); the gate accepts only it. */
    @Override
    public CorrelationRegistration withScalePrior(ScalePrior prior) {
        return new CorrelationRegistration(settings.withScales(prior.min(), prior.max()));
    }

    @Override
    public RegistrationResult register(RandomAccessibleInterval<FloatType> fixed, RandomAccessibleInterval<FloatType> moving,
        TransformModel model, StageClock clock) {
        long t = System.nanoTime();
        // reduce each image once to the finest resolution any stage needs; the stages shrink these further
        ScaledPlane fineFixed = ScaledPlane.fitting(fixed, settings.fineSide());
        ScaledPlane search = fineFixed.shrinkToSide(settings.searchSide());
        ScaledPlane midFixed = fineFixed.shrinkToSide(settings.midSide());
        ScaledPlane movingTop = ScaledPlane.matching(moving, fineFixed, settings.maxScale());
        double diag = Math.hypot(fixed.dimension(0), fixed.dimension(1));
        ScaledPlane movingBase = movingTop.shrinkToMatch(search, settings.maxScale());
        clock.add("downsample", t);
        t = System.nanoTime();
        PoseSearch ps = new PoseSearch(search, movingBase);
        List<PoseSearch.Candidate> poses = ps.search(angles(model), scales(model), 2, QualityGate.MIN_OVERLAP);
        if (poses.isEmpty()) {
            return RegistrationResult.failed(model, METHOD, null, Quality.NONE,
                "no pose makes the images overlap enough to compare them: the images may be blank or unrelated");
        }
        List<PoseSearch.Candidate> distinct = distinct(poses, settings.candidates() + 3, fixed, diag);
        clock.add("search", t);
        t = System.nanoTime();

        // stage 2: refine the best few on mid-size planes
        TransformModel midModel = model == TransformModel.AFFINE ? TransformModel.SIMILARITY : model;
        double maxCandidateScale = distinct.stream().limit(settings.candidates())
            .mapToDouble(c -> c.movingToFixed().scale()).max().orElse(1);
        ScaledPlane midMoving = movingTop.shrinkToMatch(midFixed, maxCandidateScale);
        clock.add("downsample", t);
        t = System.nanoTime();
        // each candidate on a small pyramid: the coarser level widens the basin around a pose that is a grid step off
        List<IntensityRefiner.Refined> refined = distinct.stream().limit(settings.candidates()).parallel()
            .map(c -> IntensityRefiner.pyramid(fineFixed, movingTop, c.movingToFixed(), midModel,
                2 * settings.searchSide(), settings.midSide()))
            .toList();
        IntensityRefiner.Refined best = refined.stream()
            .max(Comparator.comparingDouble(IntensityRefiner.Refined::rank)).orElseThrow();
        double rival = Double.NaN;
        for (IntensityRefiner.Refined r : refined) {
            if (r != best && differs(r.movingToFixed(), best.movingToFixed(), fixed, diag) && !(r.rank() <= rival)) {
                rival = r.rank();
            }
        }
        if (Double.isNaN(rival)) {
            // every refined candidate converged to the winner: compare with the next distinct unrefined poses
            for (PoseSearch.Candidate c : distinct.subList(Math.min(distinct.size(), settings.candidates()), distinct.size())) {
                OverlapScore o = OverlapScore.of(midFixed, midMoving, ScaledPlane.toLevel(c.movingToFixed(), midMoving, midFixed));
                double rank = PoseSearch.rank(o.ncc(), o.overlap());
                if (!(rank <= rival)) {
                    rival = rank;
                }
            }
        }
        double margin = Double.isNaN(rival) ? best.rank() : best.rank() - rival;

        clock.add("refine", t);

        // stage 3: final refinement in the requested model
        t = System.nanoTime();
        double s = best.movingToFixed().scale();
        ScaledPlane fineMoving = movingTop.shrinkToMatch(fineFixed, s);
        clock.add("downsample", t);
        t = System.nanoTime();
        IntensityRefiner.Refined fine = IntensityRefiner.pyramid(fineFixed, movingTop, best.movingToFixed(), model,
            settings.fineSide());
        OverlapScore score = OverlapScore.of(fineFixed, fineMoving,
            ScaledPlane.toLevel(fine.movingToFixed(), fineMoving, fineFixed));
        Quality q = new Quality(-1, Double.NaN, Double.NaN, score.ncc(), score.overlap(), margin);
        clock.add("final", t);
        // the searched scale range, widened by half a grid step (the refinement may settle just past an edge)
        double halfStep = Math.sqrt(settings.scaleStep());
        return QualityGate.judge(model, METHOD, fine.movingToFixed(), q, settings.minScale() / halfStep,
            settings.maxScale() * halfStep);
    }

    private double[] angles(TransformModel model) {
        if (model == TransformModel.TRANSLATION) {
            return new double[] {0};
        }
        int n = (int) Math.round(360 / settings.angleStep());
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = Math.toRadians(-180 + i * 360.0 / n);
        }
        return a;
    }

    private double[] scales(TransformModel model) {
        if (model == TransformModel.TRANSLATION || model == TransformModel.RIGID) {
            return new double[] {1};
        }
        double lo = Math.log(settings.minScale()), hi = Math.log(settings.maxScale());
        // at least both ends and the middle: a narrow band (a scale prior) still has its expected scale on the grid
        int n = Math.max(3, (int) Math.ceil((hi - lo) / Math.log(settings.scaleStep())) + 1);
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            s[i] = Math.exp(lo + (hi - lo) * i / (n - 1));
        }
        return s;
    }

    /** The best poses, skipping any that lies close to a better one already kept. */
    private static List<PoseSearch.Candidate> distinct(List<PoseSearch.Candidate> sorted, int n,
        RandomAccessibleInterval<FloatType> fixed, double diag) {
        List<PoseSearch.Candidate> out = new ArrayList<>();
        for (PoseSearch.Candidate c : sorted) {
            if (out.stream().noneMatch(k -> !differs(k.movingToFixed(), c.movingToFixed(), fixed, diag))) {
                out.add(c);
                if (out.size() == n) {
                    break;
                }
            }
        }
        return out;
    }

    /** Clearly different poses: they put the fixed frame's pixels more than 5 % of its diagonal apart. */
    private static boolean differs(Affine2D a, Affine2D b, RandomAccessibleInterval<FloatType> fixed, double diag) {
        Affine2D ai = a.inverse(), bi = b.inverse();
        // compare in the fixed frame: where each pose says the moving image's content lands
        return ai.rmsDistance(bi, fixed.dimension(0), fixed.dimension(1), 8) * a.scale() > 0.05 * diag;
    }
}
