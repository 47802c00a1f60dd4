package org.knime.deepclem.engine.predict;

import org.knime.deepclem.engine.preprocess.Intensity;

/**
 * CSBDeep's percentile normalisation ({@code normalize(x, pmin, pmax, clip)}): maps the {@code pmin} percentile to 0
 * and the {@code pmax} percentile to 1, optionally clipping to [0, 1], by
 * {@link Intensity#normalizeInPlace(float[], double, double, boolean)} (numpy's linear interpolation of percentiles).
 *
 * @param pmin lower percentile (CSBDeep default 0.5; DeepCLEM uses 0.5)
 * @param pmax upper percentile (CSBDeep default 99.8)
 * @param clip clip the result to [0, 1] (DeepCLEM's Fiji plugin does)
 */
public record Normalization(double pmin, double pmax, boolean clip) {

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
        if (values.length == 0) {
            throw new IllegalArgumentException("cannot normalise an empty image");
        }
        double[] p = Intensity.normalizeInPlace(values, pmin, pmax, clip);
        return new float[] {(float) p[0], (float) p[1]};
    }
}
