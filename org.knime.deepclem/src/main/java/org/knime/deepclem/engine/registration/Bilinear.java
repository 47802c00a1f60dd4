package org.knime.deepclem.engine.registration;

/**
 * Bilinear sampling with the same conventions as {@link org.knime.deepclem.engine.transform.Warp} (pixel centres at
 * integers, {@code outside} beyond half a pixel past the border, border values clamped). A separate, branch-light copy
 * because the searches call it tens of millions of times and Warp's general sampler dominated their profile.
 */
final class Bilinear {

    private Bilinear() {
    }

    static float sample(float[] src, int w, int h, double x, double y, float outside) {
        if (!(x >= -0.5 && y >= -0.5 && x <= w - 0.5 && y <= h - 0.5)) {
            return outside;
        }
        int x0 = (int) Math.floor(x), y0 = (int) Math.floor(y);
        float fx = (float) (x - x0), fy = (float) (y - y0);
        int xa = x0 < 0 ? 0 : x0, xb = x0 + 1 >= w ? w - 1 : x0 + 1;
        int ya = y0 < 0 ? 0 : y0, yb = y0 + 1 >= h ? h - 1 : y0 + 1;
        int ra = ya * w, rb = yb * w;
        float top = src[ra + xa] + fx * (src[ra + xb] - src[ra + xa]);
        float bottom = src[rb + xa] + fx * (src[rb + xb] - src[rb + xa]);
        return top + fy * (bottom - top);
    }

    /**
     * As {@link #sample}, also writing the partial derivatives of the bilinear interpolant at (x, y) to
     * {@code gradient} (d/dx, d/dy; zero outside and across clamped borders).
     */
    static float sampleWithGradient(float[] src, int w, int h, double x, double y, float outside, double[] gradient) {
        if (!(x >= -0.5 && y >= -0.5 && x <= w - 0.5 && y <= h - 0.5)) {
            gradient[0] = 0;
            gradient[1] = 0;
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
        gradient[0] = dTop + fy * (dBottom - dTop);
        gradient[1] = bottom - top;
        return top + fy * (bottom - top);
    }
}
