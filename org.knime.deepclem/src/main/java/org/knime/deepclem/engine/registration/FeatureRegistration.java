package org.knime.deepclem.engine.registration;

import java.util.ArrayList;
import java.util.List;

import org.knime.deepclem.engine.geometry.Affine2D;

import boofcv.abst.feature.associate.AssociateDescription;
import boofcv.abst.feature.detdesc.ConfigCompleteSift;
import boofcv.abst.feature.detdesc.DetectDescribePoint;
import boofcv.alg.geo.robust.DistanceAffine2DSq;
import boofcv.factory.feature.associate.ConfigAssociateGreedy;
import boofcv.factory.feature.associate.FactoryAssociation;
import boofcv.factory.feature.detdesc.FactoryDetectDescribe;
import boofcv.struct.feature.AssociatedIndex;
import boofcv.struct.feature.TupleDesc_F64;
import boofcv.struct.geo.AssociatedPair;
import boofcv.struct.image.GrayF32;
import georegression.fitting.affine.ModelManagerAffine2D_F64;
import georegression.struct.affine.Affine2D_F64;
import georegression.struct.point.Point2D_F64;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.real.FloatType;

import org.ddogleg.fitting.modelset.ModelGenerator;
import org.ddogleg.fitting.modelset.ransac.Ransac;
import org.ddogleg.struct.DogArray;
import org.ddogleg.struct.FastAccess;

/**
 * Registration by scale- and rotation-invariant features, as the original DeepCLEM (Fiji's SIFT + RANSAC): BoofCV
 * SIFT on both images (reduced to at most {@link Settings#maxSide} px), greedy matching with Lowe's ratio test and a
 * forward-backward check, RANSAC (ddogleg) for the chosen model, then a least-squares refit on the inliers. Unlike
 * the original, the result is checked (inliers, inlier ratio, NCC and overlap after warping; see
 * {@link QualityGate}) and reported as failed when it cannot be trusted.
 */
public final class FeatureRegistration implements Registration {

    /** "features", the {@link RegistrationResult#method()} of this registration. */
    public static final String METHOD = "features";

    /**
     * @param maxSide    longer side of the planes features are detected on (px); larger images are area-averaged
     * @param ratio      Lowe's ratio test: best / second-best descriptor distance must be below this
     * @param ransacPx   RANSAC inlier distance in px of the reduced fixed plane (features are located to about a px)
     * @param iterations RANSAC iterations
     * @param seed       RANSAC random seed (results are reproducible)
     * @param refineSide longer side of the planes for the final intensity refinement (NCC, as the correlation
     *                   method's last stage); 0 keeps the feature fit as it is
     */
    public record Settings(int maxSide, double ratio, double ransacPx, int iterations, long seed, int refineSide) {
        public static final Settings DEFAULT = new Settings(1024, 0.85, 3.0, 4000, 42, 640);
    }

    private final Settings settings;

    public FeatureRegistration() {
        this(Settings.DEFAULT);
    }

    public FeatureRegistration(Settings settings) {
        this.settings = settings;
    }

    @Override
    public RegistrationResult register(RandomAccessibleInterval<FloatType> fixed, RandomAccessibleInterval<FloatType> moving,
        TransformModel model, StageClock clock) {
        long t = System.nanoTime();
        ScaledPlane f = ScaledPlane.fitting(fixed, settings.maxSide());
        ScaledPlane m = ScaledPlane.fitting(moving, settings.maxSide());
        clock.add("downsample", t);
        t = System.nanoTime();
        Features ff = Features.detect(f), mf = Features.detect(m);
        List<AssociatedPair> matches = match(mf, ff);
        clock.add("search", t);
        t = System.nanoTime();
        if (matches.size() < Math.max(QualityGate.MIN_INLIERS, ModelFit.minimumPairs(model) + 1)) {
            return RegistrationResult.failed(model, METHOD, null,
                new Quality(0, matches.isEmpty() ? 0 : Double.NaN, Double.NaN, Double.NaN, 0, Double.NaN),
                "too few matching features (" + matches.size() + " matches; fixed " + ff.size() + ", moving "
                    + mf.size() + " features): the images may not show the same field or are too blurred/flat");
        }
        // RANSAC in full-resolution px, so that translation and rigid mean the same as on the full images
        double ransacFull = settings.ransacPx() / f.perFull();
        Ransac<Affine2D_F64, AssociatedPair> ransac = new Ransac<>(settings.seed(), settings.iterations(),
            ransacFull * ransacFull, new ModelManagerAffine2D_F64(), AssociatedPair.class);
        ransac.setModel(() -> new FamilyGenerator(model), DistanceAffine2DSq::new);
        if (!ransac.process(matches)) {
            return RegistrationResult.failed(model, METHOD, null, new Quality(0, 0, Double.NaN, Double.NaN, 0, Double.NaN),
                "no consistent set of matching features (" + matches.size() + " matches)");
        }
        List<AssociatedPair> inliers = new ArrayList<>(ransac.getMatchSet());
        Affine2D level = ModelFit.fit(model, inliers);
        if (level != null) {
            // one re-selection of inliers with the refined model, then a final refit
            List<AssociatedPair> again = within(level, matches, ransacFull);
            Affine2D refit = again.size() >= inliers.size() ? ModelFit.fit(model, again) : null;
            if (refit != null) {
                inliers = again;
                level = refit;
            }
        }
        if (level == null) {
            return RegistrationResult.failed(model, METHOD, null,
                new Quality(inliers.size(), (double) inliers.size() / matches.size(), Double.NaN, Double.NaN, 0, Double.NaN),
                "the matching features do not determine a transform");
        }
        Affine2D full = level;
        double residualFull = ModelFit.rmsResidual(level, inliers);
        clock.add("search", t);
        t = System.nanoTime();
        // features locate nuclei to about a pixel of the reduced planes; the intensities pin the pose down further
        ScaledPlane fineFixed = f, fineMoving = m;
        if (settings.refineSide() > 0 && full.isFinite() && full.scale() > QualityGate.MIN_SCALE / 2) {
            int[] sides = {settings.refineSide() / 2, settings.refineSide()};
            full = IntensityRefiner.pyramid(f, m, full, model, sides).movingToFixed();
            fineFixed = f.shrinkToSide(settings.refineSide());
            fineMoving = m.shrinkToMatch(fineFixed, full.scale());
        }
        OverlapScore score = OverlapScore.of(fineFixed, fineMoving, ScaledPlane.toLevel(full, fineMoving, fineFixed));
        clock.add("refine", t);
        Quality q = new Quality(inliers.size(), (double) inliers.size() / matches.size(), residualFull, score.ncc(),
            score.overlap(), Double.NaN);
        return QualityGate.judge(model, METHOD, full, q);
    }

    private static List<AssociatedPair> within(Affine2D t, List<AssociatedPair> pairs, double px) {
        List<AssociatedPair> out = new ArrayList<>();
        for (AssociatedPair p : pairs) {
            double dx = t.applyX(p.p1.x, p.p1.y) - p.p2.x, dy = t.applyY(p.p1.x, p.p1.y) - p.p2.y;
            if (dx * dx + dy * dy <= px * px) {
                out.add(p);
            }
        }
        return out;
    }

    /** Ratio-test matches, p1 = moving point, p2 = fixed point, both in full-resolution px. */
    private List<AssociatedPair> match(Features moving, Features fixed) {
        AssociateDescription<TupleDesc_F64> assoc = FactoryAssociation.greedy(
            new ConfigAssociateGreedy(true, settings.ratio()), FactoryAssociation.scoreEuclidean(TupleDesc_F64.class, false));
        assoc.setSource(moving.descriptions);
        assoc.setDestination(fixed.descriptions);
        assoc.associate();
        FastAccess<AssociatedIndex> idx = assoc.getMatches();
        List<AssociatedPair> out = new ArrayList<>(idx.size);
        for (int i = 0; i < idx.size; i++) {
            AssociatedIndex a = idx.get(i);
            out.add(new AssociatedPair(moving.toFull(a.src), fixed.toFull(a.dst)));
        }
        return out;
    }

    /** SIFT keypoints and descriptors of one plane. */
    private record Features(List<Point2D_F64> points, DogArray<TupleDesc_F64> descriptions, Affine2D toFull) {

        int size() {
            return points.size();
        }

        Point2D_F64 toFull(int i) {
            Point2D_F64 p = points.get(i);
            return new Point2D_F64(toFull.applyX(p.x, p.y), toFull.applyY(p.x, p.y));
        }

        static Features detect(ScaledPlane p) {
            DetectDescribePoint<GrayF32, TupleDesc_F64> sift =
                FactoryDetectDescribe.sift(new ConfigCompleteSift(), GrayF32.class);
            sift.detect(normalised(p));
            List<Point2D_F64> pts = new ArrayList<>();
            DogArray<TupleDesc_F64> desc = new DogArray<>(sift::createDescription);
            desc.reset();
            for (int i = 0; i < sift.getNumberOfFeatures(); i++) {
                pts.add(sift.getLocation(i).copy());
                desc.grow().setTo(sift.getDescription(i));
            }
            return new Features(pts, desc, p.fromFull().inverse());
        }

        /**
         * The plane stretched to 0..255 between its 0.5th and 99.9th percentiles, so SIFT's contrast threshold means
         * the same for 8-bit, 16-bit and float inputs.
         */
        private static GrayF32 normalised(ScaledPlane p) {
            float[] v = p.px();
            float lo = Percentiles.of(v, 0.005), hi = Percentiles.of(v, 0.999);
            float range = hi > lo ? hi - lo : 1;
            GrayF32 img = new GrayF32(p.width(), p.height());
            for (int i = 0; i < v.length; i++) {
                float x = (v[i] - lo) / range;
                img.data[i] = 255f * Math.max(0f, Math.min(1f, x));
            }
            return img;
        }
    }

    /** RANSAC hypotheses of the requested family, expressed as an affine model (so one distance and manager fit all). */
    private static final class FamilyGenerator implements ModelGenerator<Affine2D_F64, AssociatedPair> {
        private final TransformModel model;

        FamilyGenerator(TransformModel model) {
            this.model = model;
        }

        @Override
        public boolean generate(List<AssociatedPair> points, Affine2D_F64 out) {
            Affine2D t = ModelFit.fit(model, points);
            if (t == null) {
                return false;
            }
            out.setTo(t.a(), t.b(), t.c(), t.d(), t.tx(), t.ty());
            return true;
        }

        @Override
        public int getMinimumPoints() {
            return ModelFit.minimumPairs(model);
        }
    }
}
