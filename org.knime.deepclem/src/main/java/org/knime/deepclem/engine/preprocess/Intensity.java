package org.knime.deepclem.engine.preprocess;


import org.ddogleg.sorting.QuickSelect;

import org.knime.deepclem.engine.image.Planes;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.real.FloatType;

/** Percentile normalisation (as CSBDeep) and inversion of gray planes. */
public final class Intensity {

    /** Added to the denominator so a flat image does not divide by zero (CSBDeep uses the same). */
    static final double EPS = 1e-20;

    private Intensity() {
    }

    /**
     * The {@code p}-th percentile (0..100) of the finite values, linearly interpolated between order statistics as
     * numpy's default ({@code numpy.percentile}, method "linear"), which CSBDeep uses.
     */
    public static double percentile(float[] values, double p) {
        return percentiles(values, p)[0];
    }

    /** Above this many values percentiles come from a regular subsample, bounding memory and time on huge planes. */
    public static final int EXACT_LIMIT = 1 << 24;

    /** Several percentiles with one sort (exact up to {@link #EXACT_LIMIT} values). */
    public static double[] percentiles(float[] values, double... ps) {
        return sampledPercentiles(values, EXACT_LIMIT, ps);
    }

    /**
     * Several percentiles of the finite values, from a regular subsample (every k-th value) when there are more than
     * {@code maxSamples} values: the registration only needs rough levels and takes a small sample for speed.
     */
    public static double[] sampledPercentiles(float[] values, int maxSamples, double... ps) {
        int step = Math.max(1, (values.length + maxSamples - 1) / maxSamples);
        float[] s = new float[(values.length + step - 1) / step];
        int n = 0;
        for (int i = 0; i < values.length; i += step) {
            if (Float.isFinite(values[i])) {
                s[n++] = values[i];
            }
        }
        if (n == 0) {
            throw new IllegalArgumentException("image has no finite values");
        }
        double[] out = new double[ps.length];
        for (int i = 0; i < ps.length; i++) {
            double p = ps[i];
            if (!(p >= 0 && p <= 100)) {
                throw new IllegalArgumentException("percentile must be in [0, 100], got " + p);
            }
            double pos = p / 100 * (n - 1);
            int lo = (int) Math.floor(pos);
            // the lo-th and (lo+1)-th smallest values by selection (ddogleg), not a full sort: several times faster
            float atLo = QuickSelect.select(s, lo, n);
            float atHi = atLo;
            if (lo + 1 < n) {
                atHi = Float.POSITIVE_INFINITY;
                for (int k = lo + 1; k < n; k++) { // after the selection these are the values above the lo-th
                    atHi = Math.min(atHi, s[k]);
                }
            }
            out[i] = atLo + (pos - lo) * ((double) atHi - atLo);
        }
        return out;
    }

    /**
     * The {@code p}-th percentile (0..100) of the finite values by nearest rank: the value of rank
     * {@code round(p / 100 * (n - 1))}, one of the values itself (a threshold that the values above it exceed).
     */
    public static float nearestRankPercentile(float[] values, double p) {
        if (!(p >= 0 && p <= 100)) {
            throw new IllegalArgumentException("percentile must be in [0, 100], got " + p);
        }
        float[] s = new float[values.length];
        int n = 0;
        for (float v : values) {
            if (Float.isFinite(v)) {
                s[n++] = v;
            }
        }
        if (n == 0) {
            throw new IllegalArgumentException("image has no finite values");
        }
        return QuickSelect.select(s, (int) Math.round(p / 100 * (n - 1)), n);
    }

    /**
     * CSBDeep-style normalisation: {@code (x - p_low) / (p_high - p_low)}, so the low percentile maps to 0 and the
     * high to 1; with {@code clip} the result is limited to [0, 1].
     */
    public static ArrayImg<FloatType, FloatArray> normalizePercentile(
        RandomAccessibleInterval<? extends RealType<?>> img, double lowPercentile, double highPercentile, boolean clip) {
        if (!(lowPercentile < highPercentile)) {
            throw new IllegalArgumentException("low percentile " + lowPercentile + " must be below high percentile "
                + highPercentile);
        }
        float[] v = Planes.copy(img);
        normalizeInPlace(v, lowPercentile, highPercentile, clip);
        return Planes.wrap(v, img.dimension(0), img.dimension(1));
    }

    /**
     * {@link #normalizePercentile} on the values themselves (no copy: a network input or training target of the size
     * of a whole EM image exists once).
     *
     * @return the low and high percentile values used
     */
    public static double[] normalizeInPlace(float[] v, double lowPercentile, double highPercentile, boolean clip) {
        double[] p = percentiles(v, lowPercentile, highPercentile);
        double scale = 1 / (p[1] - p[0] + EPS);
        for (int i = 0; i < v.length; i++) {
            double x = (v[i] - p[0]) * scale;
            v[i] = (float) (clip ? Math.max(0, Math.min(1, x)) : x);
        }
        return p;
    }

    /** Mirrors values in the range [lo, hi]: {@code lo + hi - x} (0..255 for 8-bit, 0..1 for normalised data). */
    public static ArrayImg<FloatType, FloatArray> invert(RandomAccessibleInterval<? extends RealType<?>> img,
        double lo, double hi) {
        float[] v = Planes.copy(img);
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (lo + hi - v[i]);
        }
        return Planes.wrap(v, img.dimension(0), img.dimension(1));
    }

    /** Smallest and largest finite value. */
    public static double[] minMax(float[] v) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (float f : v) {
            if (f < lo) {
                lo = f;
            }
            if (f > hi) {
                hi = f;
            }
        }
        return new double[] {lo, hi};
    }
}
