package org.knime.deepclem.engine.predict;

import java.util.Arrays;

/**
 * CSBDeep's percentile normalisation ({@code normalize(x, pmin, pmax, clip)}): maps the {@code pmin} percentile to 0
 * and the {@code pmax} percentile to 1, optionally clipping to [0, 1]. Percentiles interpolate linearly between
 * order statistics, as numpy's default does.
 *
 * @param pmin lower percentile (CSBDeep default 0.5; DeepCLEM uses 0.5)
 * @param pmax upper percentile (CSBDeep default 99.8)
 * @param clip clip the result to [0, 1] (DeepCLEM's Fiji plugin does)
 */
public record Normalization(double pmin, double pmax, boolean clip) {

    /** Above this many pixels percentiles are taken from a regular subsample, to bound memory and time. */
    private static final int MAX_EXACT = 1 << 24;

    /** DeepCLEM's settings: 0.5 / 99.8, clipped. */
    public static Normalization deepClem() {
        return new Normalization(0.5, 99.8, true);
    }

    /** Checks 0 <= pmin < pmax <= 100. */
    public Normalization {
        if (!(pmin >= 0 && pmin < pmax && pmax <= 100)) {
            throw new IllegalArgumentException("normalisation percentiles must satisfy 0 <= pmin < pmax <= 100, got "
                + pmin + " / " + pmax);
        }
    }

    /** Normalises {@code values} in place and returns the (low, high) values used. */
    public float[] applyInPlace(float[] values) {
        float[] lohi = percentiles(values, pmin, pmax);
        double lo = lohi[0], scale = 1.0 / (lohi[1] - lo + 1e-20);
        for (int i = 0; i < values.length; i++) {
            double v = (values[i] - lo) * scale;
            if (clip) {
                v = v < 0 ? 0 : (v > 1 ? 1 : v);
            }
            values[i] = (float) v;
        }
        return lohi;
    }

    /** The two percentiles of {@code values} (numpy's linear interpolation). */
    public static float[] percentiles(float[] values, double p1, double p2) {
        if (values.length == 0) {
            throw new IllegalArgumentException("cannot normalise an empty image");
        }
        float[] s;
        if (values.length <= MAX_EXACT) {
            s = values.clone();
        } else {
            int stride = (values.length + MAX_EXACT - 1) / MAX_EXACT;
            s = new float[values.length / stride];
            for (int i = 0; i < s.length; i++) {
                s[i] = values[i * stride];
            }
        }
        Arrays.sort(s);
        return new float[] {at(s, p1), at(s, p2)};
    }

    private static float at(float[] sorted, double p) {
        double pos = p / 100.0 * (sorted.length - 1);
        int i = (int) Math.floor(pos);
        if (i >= sorted.length - 1) {
            return sorted[sorted.length - 1];
        }
        double f = pos - i;
        return (float) (sorted[i] + f * (sorted[i + 1] - sorted[i]));
    }
}
