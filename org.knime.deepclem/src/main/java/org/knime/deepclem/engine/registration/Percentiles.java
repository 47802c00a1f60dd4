package org.knime.deepclem.engine.registration;

import java.util.Arrays;

/** Approximate percentiles of large planes from a regular subsample (exact for planes up to 64k values). */
final class Percentiles {

    private static final int MAX_SAMPLES = 1 << 16;

    private Percentiles() {
    }

    /** The {@code q}-quantile (0..1) of the non-NaN values; 0 when there are none. */
    static float of(float[] v, double q) {
        int step = Math.max(1, v.length / MAX_SAMPLES);
        float[] s = new float[(v.length + step - 1) / step];
        int n = 0;
        for (int i = 0; i < v.length; i += step) {
            if (!Float.isNaN(v[i])) {
                s[n++] = v[i];
            }
        }
        if (n == 0) {
            return 0;
        }
        Arrays.sort(s, 0, n);
        return s[(int) Math.min(n - 1, Math.max(0, Math.round(q * (n - 1))))];
    }
}
