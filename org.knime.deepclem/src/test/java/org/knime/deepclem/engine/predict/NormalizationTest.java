package org.knime.deepclem.engine.predict;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.knime.deepclem.engine.preprocess.Intensity;

class NormalizationTest {

    @Test
    void percentilesInterpolateLikeNumpy() {
        float[] v = {10, 1, 9, 2, 8, 3, 7, 4, 6, 5};
        // numpy.percentile(range(1, 11), [25, 0.5]) = [3.25, 1.045]
        double[] p = Intensity.percentiles(v, 25, 0.5);
        assertEquals(3.25, p[0], 1e-6);
        assertEquals(1.045, p[1], 1e-6);
        assertArrayEquals(new double[] {1, 10}, Intensity.percentiles(v, 0, 100), 0);
        // a subsample of every second value: 10, 9, 8, 7, 6 -> median 8
        assertEquals(8, Intensity.sampledPercentiles(v, 5, 50)[0], 0);
    }

    @Test
    void deepClemNormalisationMapsPercentilesToZeroOneAndClips() {
        float[] v = new float[1001];
        for (int i = 0; i < v.length; i++) {
            v[i] = i;
        }
        float[] lohi = Normalization.deepClem().applyInPlace(v);
        assertEquals(5f, lohi[0], 1e-4); // 0.5 % of 0..1000
        assertEquals(998f, lohi[1], 1e-3); // 99.8 %
        assertEquals(0f, v[0], 0f); // clipped
        assertEquals(0f, v[5], 1e-6);
        assertEquals((500 - 5) / 993f, v[500], 1e-6);
        assertEquals(1f, v[998], 1e-6);
        assertEquals(1f, v[1000], 0f); // clipped
    }

    @Test
    void withoutClipValuesExtendBeyondZeroOne() {
        float[] v = new float[1001];
        for (int i = 0; i < v.length; i++) {
            v[i] = i;
        }
        new Normalization(0.5, 99.8, false).applyInPlace(v);
        assertEquals(-5 / 993f, v[0], 1e-6);
        assertEquals(995 / 993f, v[1000], 1e-6);
    }

    @Test
    void badPercentilesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Normalization(50, 10, true));
        assertThrows(IllegalArgumentException.class, () -> new Normalization(-1, 10, true));
    }
}
