package org.knime.deepclem.engine.preprocess;

import org.knime.deepclem.engine.image.Planes;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

/** Histogram equalisations of gray images. */
public final class Equalization {

    private Equalization() {
    }

    /**
     * ImageJ's "Enhance Contrast... equalize" (ContrastEnhancer, classic off): a cumulative histogram of the
     * square roots of the bin counts, as DeepCLEM applies to EM images. Values are binned as integers in [0, 255]
     * (8-bit) or [0, 65535] (16-bit, when {@code bitDepth} is 16); the output keeps that range.
     */
    public static ArrayImg<FloatType, FloatArray> imageJ(RandomAccessibleInterval<? extends RealType<?>> img,
        int bitDepth) {
        int max = bitDepth == 16 ? 65535 : 255;
        int[] hist = new int[max + 1];
        for (RealType<?> t : Views.flatIterable(img)) { // no float copy of the input: it may be a huge 8-bit view
            hist[clamp(t.getRealFloat(), max)]++;
        }
        double sum = weighted(hist, 0);
        for (int i = 1; i < max; i++) {
            sum += 2 * weighted(hist, i);
        }
        sum += weighted(hist, max);
        double scale = max / sum;
        int[] lut = new int[max + 1];
        sum = weighted(hist, 0); // ImageJ starts the running sum at bin 0's weight (checked against ij 1.54p)
        for (int i = 1; i < max; i++) {
            double delta = weighted(hist, i);
            sum += delta;
            lut[i] = (int) Math.round(sum * scale);
            sum += delta;
        }
        lut[max] = max;
        return mapped(img, lut, max);
    }

    /**
     * Textbook histogram equalisation (plain cumulative histogram, no square-root weighting):
     * {@code out = round((cdf(v) - cdf(min)) / (n - cdf(min)) * max)}, with integer bins as in {@link #imageJ}. The
     * darkest value present maps to 0, the brightest to {@code max}.
     */
    public static ArrayImg<FloatType, FloatArray> standard(RandomAccessibleInterval<? extends RealType<?>> img,
        int bitDepth) {
        int max = bitDepth == 16 ? 65535 : 255;
        float[] v = Planes.copy(img);
        long[] cdf = new long[max + 1];
        for (float f : v) {
            cdf[clamp(f, max)]++;
        }
        long cdfMin = 0;
        for (int i = 0; i <= max; i++) {
            if (i > 0) {
                cdf[i] += cdf[i - 1];
            }
            if (cdfMin == 0) {
                cdfMin = cdf[i];
            }
        }
        long n = v.length;
        for (int i = 0; i < v.length; i++) {
            long c = cdf[clamp(v[i], max)];
            v[i] = n == cdfMin ? 0 : Math.round((double) (c - cdfMin) / (n - cdfMin) * max);
        }
        return Planes.wrap(v, img.dimension(0), img.dimension(1));
    }

    /** A new float plane of {@code lut[value]} for each pixel, read straight from the input. */
    private static ArrayImg<FloatType, FloatArray> mapped(RandomAccessibleInterval<? extends RealType<?>> img,
        int[] lut, int max) {
        long n = img.dimension(0) * img.dimension(1);
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("image of " + img.dimension(0) + "x" + img.dimension(1)
                + " pixels is too large for one plane");
        }
        float[] v = new float[(int) n];
        int i = 0;
        for (RealType<?> t : Views.flatIterable(img)) {
            v[i++] = lut[clamp(t.getRealFloat(), max)];
        }
        return Planes.wrap(v, img.dimension(0), img.dimension(1));
    }

    private static int clamp(float f, int max) {
        int i = (int) f;
        return i < 0 ? 0 : (i > max ? max : i);
    }

    private static double weighted(int[] hist, int i) {
        int h = hist[i];
        return h < 2 ? h : Math.sqrt(h);
    }
}
