package org.knime.deepclem.engine.image;

/**
 * Bilinear sampling of a row-major float plane: pixel centres at integers, {@code outside} beyond half a pixel past
 * the border, border values clamped (ImageJ's and Fiji's conventions). The one bilinear sampler of the engine: the
 * registration's searches call it tens of millions of times, so it is kept branch-light, and the warp uses it too.
 */
public final class Bilinear {

    private Bilinear() {
    }

    /** The value of {@code src} (w x h) at (x, y). */
    public static float sample(float[] src, int w, int h, double x, double y, float outside) {
        return sampleWithGradient(src, w, h, x, y, outside, null);
    }

    /**
     * As {@link #sample}, also writing the partial derivatives of the bilinear interpolant at (x, y) to
     * {@code gradient} (d/dx, d/dy; zero outside and across clamped borders) unless it is null.
     */
    public static float sampleWithGradient(float[] src, int w, int h, double x, double y, float outside,
        double[] gradient) {
        if (!(x >= -0.5 && y >= -0.5 && x <= w - 0.5 && y <= h - 0.5)) {
            if (gradient != null) {
                gradient[0] = 0;
                gradient[1] = 0;
            }
            return outside;
        }
        int x0 = (int) Math.floor(x), y0 = (int) Math.floor(y);
        float fx = (float) (x - x0), fy = (float) (y - y0);
        int xa = x0 < 0 ? 0 : x0, xb = x0 + 1 >= w ? w - 1 : x0 + 1;
        int ya = y0 < 0 ? 0 : y0, yb = y0 + 1 >= h ? h - 1 : y0 + 1;
        int ra = ya * w, rb = yb * w;
        float dTop = src[ra + xb] - src[ra + xa], dBottom = src[rb + xb] - src[rb + xa];
        float top = src[ra + xa] + fx * dTop;
        float bottom = src[rb + xa] + fx * dBottom;
        if (gradient != null) {
            gradient[0] = dTop + fy * (dBottom - dTop);
            gradient[1] = bottom - top;
        }
        return top + fy * (bottom - top);
    }
}
