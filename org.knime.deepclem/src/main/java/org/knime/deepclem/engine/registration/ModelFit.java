package org.knime.deepclem.engine.registration;

import java.util.ArrayList;
import java.util.List;

import org.knime.deepclem.engine.geometry.Affine2D;

import boofcv.alg.geo.robust.GenerateAffine2D;
import boofcv.struct.geo.AssociatedPair;
import georegression.fitting.se.MotionSe2PointSVD_F64;
import georegression.struct.affine.Affine2D_F64;
import georegression.struct.point.Point2D_F64;
import georegression.struct.se.Se2_F64;

/**
 * Least-squares fit of a transform family to point pairs (p1 = moving px, p2 = fixed px), minimising the squared
 * distances in the fixed frame. Rigid and affine use BoofCV/georegression; translation and similarity have a
 * closed form (BoofCV's similarity generator projects an affine fit, which is not the least-squares similarity).
 */
final class ModelFit {

    private ModelFit() {
    }

    /** The fitted transform, or null when the points do not determine one. */
    static Affine2D fit(TransformModel model, List<AssociatedPair> pairs) {
        if (pairs.size() < minimumPairs(model)) {
            return null;
        }
        Affine2D t = switch (model) {
            case TRANSLATION -> translation(pairs);
            case RIGID -> rigid(pairs);
            case SIMILARITY -> similarity(pairs);
            case AFFINE -> affine(pairs);
        };
        return t != null && t.isFinite() ? t : null;
    }

    static int minimumPairs(TransformModel model) {
        return switch (model) {
            case TRANSLATION -> 1;
            case RIGID, SIMILARITY -> 2;
            case AFFINE -> 3;
        };
    }

    /** RMS distance in the fixed frame between the transformed moving points and their fixed partners. */
    static double rmsResidual(Affine2D t, List<AssociatedPair> pairs) {
        double sum = 0;
        for (AssociatedPair p : pairs) {
            double dx = t.applyX(p.p1.x, p.p1.y) - p.p2.x, dy = t.applyY(p.p1.x, p.p1.y) - p.p2.y;
            sum += dx * dx + dy * dy;
        }
        return Math.sqrt(sum / pairs.size());
    }

    private static Affine2D translation(List<AssociatedPair> pairs) {
        double dx = 0, dy = 0;
        for (AssociatedPair p : pairs) {
            dx += p.p2.x - p.p1.x;
            dy += p.p2.y - p.p1.y;
        }
        return Affine2D.translation(dx / pairs.size(), dy / pairs.size());
    }

    private static Affine2D rigid(List<AssociatedPair> pairs) {
        List<Point2D_F64> src = new ArrayList<>(), dst = new ArrayList<>();
        for (AssociatedPair p : pairs) {
            src.add(p.p1);
            dst.add(p.p2);
        }
        MotionSe2PointSVD_F64 svd = new MotionSe2PointSVD_F64();
        if (!svd.process(src, dst)) {
            return null;
        }
        Se2_F64 se = svd.getTransformSrcToDst();
        double c = se.getCosineYaw(), s = se.getSineYaw();
        return new Affine2D(c, -s, se.getX(), s, c, se.getY());
    }

    /**
     * Closed-form least-squares similarity (x' = a x - b y + tx, y' = b x + a y + ty is linear in a, b, tx, ty), on
     * coordinates centred at the two centroids.
     */
    private static Affine2D similarity(List<AssociatedPair> pairs) {
        int n = pairs.size();
        double mx = 0, my = 0, fx = 0, fy = 0;
        for (AssociatedPair p : pairs) {
            mx += p.p1.x;
            my += p.p1.y;
            fx += p.p2.x;
            fy += p.p2.y;
        }
        mx /= n;
        my /= n;
        fx /= n;
        fy /= n;
        double sa = 0, sb = 0, norm = 0;
        for (AssociatedPair p : pairs) {
            double x = p.p1.x - mx, y = p.p1.y - my, u = p.p2.x - fx, v = p.p2.y - fy;
            sa += x * u + y * v;
            sb += x * v - y * u;
            norm += x * x + y * y;
        }
        if (!(norm > 1e-12)) {
            return null;
        }
        double a = sa / norm, b = sb / norm;
        return new Affine2D(a, -b, fx - (a * mx - b * my), b, a, fy - (b * mx + a * my));
    }

    private static Affine2D affine(List<AssociatedPair> pairs) {
        GenerateAffine2D gen = new GenerateAffine2D();
        Affine2D_F64 m = new Affine2D_F64();
        if (!gen.generate(pairs, m)) {
            return null;
        }
        return new Affine2D(m.a11, m.a12, m.tx, m.a21, m.a22, m.ty);
    }
}
