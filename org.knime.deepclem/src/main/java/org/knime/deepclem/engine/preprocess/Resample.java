package org.knime.deepclem.engine.preprocess;

import org.knime.deepclem.engine.image.Planes;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.real.FloatType;

/** Resizing that keeps the aspect ratio; downscaling averages over each output pixel's footprint (no aliasing). */
public final class Resample {

    private Resample() {
    }

    /** Scales both axes by {@code factor} (0.5 = half size); output size = round(size * factor), at least 1. */
    public static ArrayImg<FloatType, FloatArray> scale(RandomAccessibleInterval<? extends RealType<?>> img,
        double factor) {
        if (!(factor > 0) || !Double.isFinite(factor)) {
            throw new IllegalArgumentException("scale factor must be a positive number, got " + factor);
        }
        long w = Math.max(1, Math.round(img.dimension(0) * factor));
        long h = Math.max(1, Math.round(img.dimension(1) * factor));
        return toSize(img, w, h);
    }

    /**
     * Rescales an image with pixels of {@code pixelSize} to pixels of {@code targetPixelSize} (same unit): the factor
     * is {@code pixelSize / targetPixelSize}, so 5 nm pixels resampled to 10 nm halve the size.
     */
    public static ArrayImg<FloatType, FloatArray> toPixelSize(RandomAccessibleInterval<? extends RealType<?>> img,
        double pixelSize, double targetPixelSize) {
        return scale(img, factor(pixelSize, targetPixelSize));
    }

    /** {@code pixelSize / targetPixelSize}, both positive and finite. */
    public static double factor(double pixelSize, double targetPixelSize) {
        if (!(pixelSize > 0) || !(targetPixelSize > 0) || !Double.isFinite(pixelSize)
            || !Double.isFinite(targetPixelSize)) {
            throw new IllegalArgumentException("pixel sizes must be positive numbers, got " + pixelSize + " and "
                + targetPixelSize);
        }
        return pixelSize / targetPixelSize;
    }

    /**
     * Resizes to exactly {@code width x height}. Each output pixel is the area-weighted mean of the source pixels
     * under its footprint when shrinking, and a bilinear sample when enlarging.
     */
    public static ArrayImg<FloatType, FloatArray> toSize(RandomAccessibleInterval<? extends RealType<?>> img,
        long width, long height) {
        if (width < 1 || height < 1 || width * height > Integer.MAX_VALUE - 8L) {
            throw new IllegalArgumentException("cannot resize to " + width + "x" + height + " pixels");
        }
        float[] src = Planes.asArray(img);
        int sw = (int) img.dimension(0), sh = (int) img.dimension(1);
        if (width >= sw && height >= sh) {
            return Planes.wrap(enlarge(src, sw, sh, (int) width, (int) height), width, height);
        }
        float[] tmp = resize1d(src, sw, sh, (int) width, true);
        float[] out = resize1d(tmp, (int) width, sh, (int) height, false);
        return Planes.wrap(out, width, height);
    }

    /**
     * Enlarging on both axes, without the full-width intermediate of the two-pass path (a prediction enlarged to a
     * 16384^2 EM would need 0.5 GB more): each output row blends two x-interpolated source rows, which gives the same
     * floats as the two passes.
     */
    private static float[] enlarge(float[] src, int sw, int sh, int width, int height) {
        float[] out = new float[width * height];
        Taps xTaps = Taps.of(sw, width), yTaps = Taps.of(sh, height);
        float[] rowA = new float[width], rowB = new float[width];
        int haveA = -1, haveB = -1;
        for (int i = 0; i < height; i++) {
            double[] wgt = yTaps.weights[i];
            int ka = yTaps.first[i], kb = ka + wgt.length - 1;
            if (haveA != ka) {
                if (haveB == ka) { // slide down: the old second row is the new first
                    float[] t = rowA;
                    rowA = rowB;
                    rowB = t;
                    haveA = ka;
                    haveB = -1;
                } else {
                    xTaps.apply(src, ka * sw, rowA);
                    haveA = ka;
                }
            }
            if (haveB != kb) {
                xTaps.apply(src, kb * sw, rowB);
                haveB = kb;
            }
            for (int x = 0; x < width; x++) {
                double v = wgt[0] * rowA[x];
                if (wgt.length > 1) {
                    v += wgt[1] * rowB[x];
                }
                out[i * width + x] = (float) v;
            }
        }
        return out;
    }

    /**
     * Resizes along x (alongX) or y, keeping the other axis. Both passes walk the arrays row by row (the y pass
     * accumulates whole source rows into an output row), which keeps the y pass over a large image cache-friendly.
     */
    private static float[] resize1d(float[] src, int sw, int sh, int n, boolean alongX) {
        Taps taps = Taps.of(alongX ? sw : sh, n);
        if (alongX) {
            float[] out = new float[n * sh];
            float[] row = new float[n];
            for (int y = 0; y < sh; y++) {
                taps.apply(src, y * sw, row);
                System.arraycopy(row, 0, out, y * n, n);
            }
            return out;
        }
        float[] out = new float[sw * n];
        double[] acc = new double[sw];
        for (int i = 0; i < n; i++) {
            java.util.Arrays.fill(acc, 0);
            double[] wgt = taps.weights[i];
            for (int j = 0; j < wgt.length; j++) {
                int row = (taps.first[i] + j) * sw;
                for (int x = 0; x < sw; x++) {
                    acc[x] += wgt[j] * src[row + x];
                }
            }
            for (int x = 0; x < sw; x++) {
                out[i * sw + x] = (float) acc[x];
            }
        }
        return out;
    }

    /**
     * Which source samples each of {@code n} output samples along one axis of {@code len} reads, and with what
     * weight: the area under the output pixel's footprint when shrinking, the two neighbours (bilinear) when
     * enlarging, clamped at the borders. One table serves every row (or column) of a pass.
     */
    private record Taps(int[] first, double[][] weights) {

        static Taps of(int len, int n) {
            double ratio = (double) len / n;
            int[] first = new int[n];
            double[][] weights = new double[n][];
            for (int i = 0; i < n; i++) {
                if (ratio > 1) {
                    double a = i * ratio, b = a + ratio;
                    int k0 = (int) Math.floor(a), k1 = (int) Math.min(Math.ceil(b), len);
                    first[i] = k0;
                    weights[i] = new double[Math.max(0, k1 - k0)];
                    for (int k = k0; k < k1; k++) {
                        weights[i][k - k0] = (Math.min(b, k + 1) - Math.max(a, k)) / ratio;
                    }
                } else {
                    double p = (i + 0.5) * ratio - 0.5;
                    int k0 = (int) Math.floor(p);
                    double f = p - k0;
                    int ka = Math.max(0, Math.min(len - 1, k0)), kb = Math.max(0, Math.min(len - 1, k0 + 1));
                    first[i] = ka;
                    weights[i] = kb == ka ? new double[] {1} : new double[] {1 - f, f};
                }
            }
            return new Taps(first, weights);
        }

        /** Output samples from the source line that starts at {@code offset} in {@code src} (consecutive values). */
        void apply(float[] src, int offset, float[] out) {
            for (int i = 0; i < first.length; i++) {
                double sum = 0;
                double[] wgt = weights[i];
                for (int j = 0; j < wgt.length; j++) {
                    sum += wgt[j] * src[offset + first[i] + j];
                }
                out[i] = (float) sum;
            }
        }
    }
}
