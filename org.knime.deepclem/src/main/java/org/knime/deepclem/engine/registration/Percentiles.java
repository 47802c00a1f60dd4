package org.knime.deepclem.engine.registration;

import org.knime.deepclem.engine.preprocess.Intensity;

/** Rough levels of large planes from a small regular subsample: the registration only needs background levels. */
final class Percentiles {

    private static final int MAX_SAMPLES = 1 << 16;

    private Percentiles() {
    }

    /** The {@code q}-quantile (0..1) of the finite values; 0 when there are none. */
    static float of(float[] v, double q) {
        try {
            return (float) Intensity.sampledPercentiles(v, MAX_SAMPLES, 100 * q)[0];
        } catch (IllegalArgumentException noFiniteValues) {
            return 0;
        }
    }
}
