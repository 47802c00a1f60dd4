package org.knime.deepclem.engine.geometry;

import java.util.Arrays;

/**
 * An immutable 2-D affine map in pixel coordinates (x = column, y = row):
 * <pre>
 *   x' = a*x + b*y + tx
 *   y' = c*x + d*y + ty
 * </pre>
 * Used for every transform in the engine; a registration result maps moving px to fixed px.
 */
public record Affine2D(double a, double b, double tx, double c, double d, double ty) {

    public static final Affine2D IDENTITY = new Affine2D(1, 0, 0, 0, 1, 0);

    /** From a row-major 2x3 matrix {a, b, tx, c, d, ty}. */
    public static Affine2D fromRowMajor(double[] m) {
        if (m == null || m.length != 6) {
            throw new IllegalArgumentException("a 2x3 matrix needs 6 numbers, got " + (m == null ? "none" : m.length));
        }
        return new Affine2D(m[0], m[1], m[2], m[3], m[4], m[5]);
    }

    /** Rotation by {@code angleRad} (counter-clockwise in a y-up frame, clockwise on screen), isotropic scale, then shift. */
    public static Affine2D similarity(double scale, double angleRad, double tx, double ty) {
        double cos = scale * Math.cos(angleRad), sin = scale * Math.sin(angleRad);
        return new Affine2D(cos, -sin, tx, sin, cos, ty);
    }

    /**
     * Where pixel centres of a {@code w x h} grid land on an {@code sw x sh} grid covering the same field (pixel centres
     * at integers): the map between an image and a resized copy of it.
     */
    public static Affine2D betweenGrids(long w, long h, long sw, long sh) {
        double sx = (double) sw / w, sy = (double) sh / h;
        return new Affine2D(sx, 0, 0.5 * sx - 0.5, 0, sy, 0.5 * sy - 0.5);
    }

    public static Affine2D translation(double tx, double ty) {
        return new Affine2D(1, 0, tx, 0, 1, ty);
    }

    public double[] toRowMajor() {
        return new double[] {a, b, tx, c, d, ty};
    }

    public double applyX(double x, double y) {
        return a * x + b * y + tx;
    }

    public double applyY(double x, double y) {
        return c * x + d * y + ty;
    }

    /** {@code this} after {@code first}: p -> this(first(p)). */
    public Affine2D after(Affine2D first) {
        return new Affine2D(
            a * first.a + b * first.c, a * first.b + b * first.d, a * first.tx + b * first.ty + tx,
            c * first.a + d * first.c, c * first.b + d * first.d, c * first.tx + d * first.ty + ty);
    }

    public double determinant() {
        return a * d - b * c;
    }

    public Affine2D inverse() {
        double det = determinant();
        if (!(Math.abs(det) > 1e-12) || !Double.isFinite(det)) {
            throw new IllegalStateException("transform is not invertible (determinant " + det + ")");
        }
        double ia = d / det, ib = -b / det, ic = -c / det, id = a / det;
        return new Affine2D(ia, ib, -(ia * tx + ib * ty), ic, id, -(ic * tx + id * ty));
    }

    /** Mean isotropic scale, sqrt(|det|). */
    public double scale() {
        return Math.sqrt(Math.abs(determinant()));
    }

    /** True when the map flips handedness (negative determinant): the moving image is mirrored. */
    public boolean mirrored() {
        return determinant() < 0;
    }

    /**
     * Rotation angle in degrees of the linear part's closest rotation. For a {@link #mirrored()} map, the rotation
     * that follows a left-right flip (x -> -x) of the moving image, i.e. that of this map after that flip.
     */
    public double rotationDegrees() {
        // this map composed with x -> -x has the columns (-a, -c) and (b, d)
        return mirrored() ? Math.toDegrees(Math.atan2(-c - b, d - a)) : Math.toDegrees(Math.atan2(c - b, a + d));
    }

    public boolean isFinite() {
        return Arrays.stream(toRowMajor()).allMatch(Double::isFinite);
    }

    /**
     * Root-mean-square distance between where {@code this} and {@code other} send the points of a regular grid
     * covering [0,width) x [0,height): how far apart two transforms put the same pixels.
     */
    public double rmsDistance(Affine2D other, double width, double height, int gridPerSide) {
        double sum = 0;
        int n = 0;
        for (int i = 0; i < gridPerSide; i++) {
            for (int j = 0; j < gridPerSide; j++) {
                double x = (i + 0.5) * width / gridPerSide, y = (j + 0.5) * height / gridPerSide;
                double dx = applyX(x, y) - other.applyX(x, y), dy = applyY(x, y) - other.applyY(x, y);
                sum += dx * dx + dy * dy;
                n++;
            }
        }
        return Math.sqrt(sum / n);
    }
}
