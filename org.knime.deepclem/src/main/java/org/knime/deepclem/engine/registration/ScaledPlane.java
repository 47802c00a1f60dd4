package org.knime.deepclem.engine.registration;

import org.knime.deepclem.engine.geometry.Affine2D;
import org.knime.deepclem.engine.image.Planes;
import org.knime.deepclem.engine.preprocess.Resample;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

/**
 * A single-channel plane at some resolution, with the exact map from the full-resolution pixel grid to its own.
 * Registrations work on such reduced planes for speed and convert their result back to full-resolution pixels.
 *
 * @param px       row-major values
 * @param width    columns
 * @param height   rows
 * @param fromFull full-resolution px -> this plane's px (per-axis scale, pixel centres at integers)
 */
record ScaledPlane(float[] px, int width, int height, Affine2D fromFull) {

    /**
     * How much finer than the fixed plane a moving plane is kept: sizes are rounded to whole pixels, and 5 % more
     * resolution makes sure that rounding never leaves the moving plane coarser than the plane it is compared with.
     */
    static final double RESOLUTION_MARGIN = 1.05;

    /** The plane itself, unscaled. */
    static ScaledPlane full(RandomAccessibleInterval<? extends RealType<?>> img) {
        return new ScaledPlane(Planes.asArray(img), (int) img.dimension(0), (int) img.dimension(1), Affine2D.IDENTITY);
    }

    /** Area-averaged so that the longer side is at most {@code maxSide} px (the plane itself when already small). */
    static ScaledPlane fitting(RandomAccessibleInterval<? extends RealType<?>> img, int maxSide) {
        long w = img.dimension(0), h = img.dimension(1);
        double f = (double) maxSide / Math.max(w, h);
        return f >= 1 ? full(img) : scaled(img, f);
    }

    /** Area-averaged by {@code factor} (&lt; 1 shrinks). */
    static ScaledPlane scaled(RandomAccessibleInterval<? extends RealType<?>> img, double factor) {
        long w = img.dimension(0), h = img.dimension(1);
        var small = Resample.scale(img, factor);
        int sw = (int) small.dimension(0), sh = (int) small.dimension(1);
        return new ScaledPlane(Planes.data(small), sw, sh, Affine2D.betweenGrids(w, h, sw, sh));
    }

    /**
     * The moving image area-averaged to the resolution of {@code fixed} (with {@link #RESOLUTION_MARGIN}) when it is
     * scaled by up to {@code maxMovingToFixedScale}; never enlarged.
     */
    static ScaledPlane matching(RandomAccessibleInterval<? extends RealType<?>> moving, ScaledPlane fixed,
        double maxMovingToFixedScale) {
        return scaled(moving, Math.min(1, maxMovingToFixedScale * fixed.perFull() * RESOLUTION_MARGIN));
    }

    /** This (moving) plane shrunk as {@link #matching} would shrink its full-resolution image. */
    ScaledPlane shrinkToMatch(ScaledPlane fixed, double movingToFixedScale) {
        return shrink(movingToFixedScale * fixed.perFull() * RESOLUTION_MARGIN / perFull());
    }

    /** This plane shrunk so that its longer side is at most {@code side} px. */
    ScaledPlane shrinkToSide(int side) {
        return shrink((double) side / longSide());
    }

    /** This plane's px per full-resolution px (geometric mean of both axes). */
    double perFull() {
        return Math.sqrt(Math.abs(fromFull.determinant()));
    }

    /** This plane shrunk further by {@code factor}; its {@link #fromFull} still starts at full resolution. */
    ScaledPlane shrink(double factor) {
        if (factor >= 1) {
            return this;
        }
        ScaledPlane s = scaled(Planes.wrap(px, width, height), factor);
        return new ScaledPlane(s.px, s.width, s.height, s.fromFull.after(fromFull));
    }

    /** Converts a transform between two reduced planes (moving -> fixed) to full-resolution px. */
    static Affine2D toFull(Affine2D levelTransform, ScaledPlane moving, ScaledPlane fixed) {
        return fixed.fromFull.inverse().after(levelTransform).after(moving.fromFull);
    }

    /** Converts a full-resolution transform (moving -> fixed) to the px of two reduced planes. */
    static Affine2D toLevel(Affine2D fullTransform, ScaledPlane moving, ScaledPlane fixed) {
        return fixed.fromFull.after(fullTransform).after(moving.fromFull.inverse());
    }

    int longSide() {
        return Math.max(width, height);
    }
}
