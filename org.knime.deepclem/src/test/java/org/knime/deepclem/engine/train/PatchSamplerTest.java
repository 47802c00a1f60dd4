package org.knime.deepclem.engine.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class PatchSamplerTest {

    private static final int W = 160, H = 96, P = 32;

    /** Target = pixel index (so a patch reveals where it came from), with a bright square as "chromatin". */
    private static PatchSampler.Plane plane() {
        float[] in = new float[W * H], t = new float[W * H];
        for (int i = 0; i < t.length; i++) {
            t[i] = i;
            in[i] = 0.5f;
        }
        return new PatchSampler.Plane("p", in, t, W, H);
    }

    @Test
    void sameSeedSameBatches() {
        PatchSampler a = new PatchSampler(List.of(plane()), P, 0.1, 5);
        PatchSampler b = new PatchSampler(List.of(plane()), P, 0.1, 5);
        float[] xa = new float[4 * P * P], ya = new float[4 * P * P], xb = xa.clone(), yb = ya.clone();
        for (int k = 0; k < 5; k++) {
            a.trainingBatch(4, xa, ya);
            b.trainingBatch(4, xb, yb);
            assertArrayEquals(xa, xb);
            assertArrayEquals(ya, yb);
        }
    }

    @Test
    void trainingPatchesNeverTouchValidationPixels() {
        PatchSampler s = new PatchSampler(List.of(plane()), P, 0.2, 3);
        assertEquals(3, s.validationCount()); // 20 % of 5 x 3 blocks
        float[] x = new float[s.validationCount() * P * P], y = x.clone();
        s.validationBatch(0, s.validationCount(), x, y);
        Set<Integer> held = new HashSet<>();
        for (float v : y) {
            held.add((int) v);
        }
        assertEquals(3 * P * P, held.size());
        float[] tx = new float[8 * P * P], ty = tx.clone();
        for (int k = 0; k < 50; k++) {
            s.trainingBatch(8, tx, ty);
            for (float v : ty) {
                assertFalse(held.contains((int) v), "training patch uses held-out pixel " + (int) v);
            }
        }
    }

    @Test
    void augmentationJittersInputButNotTarget() {
        PatchSampler s = new PatchSampler(List.of(plane()), P, 0, 1);
        float[] x = new float[8 * P * P], y = x.clone();
        s.trainingBatch(8, x, y);
        Set<Float> inputs = new HashSet<>();
        for (float v : x) {
            inputs.add(v);
        }
        assertTrue(inputs.size() > 1, "gain/bias jitter changes the constant input");
        assertTrue(inputs.stream().allMatch(v -> v > 0.5f * 0.8f - 0.1f - 1e-6 && v < 0.5f * 1.2f + 0.1f + 1e-6));
    }

    @Test
    void halfThePatchesSitOnChromatin() {
        // chromatin: a 10 x 10 square at (120, 60)
        float[] in = new float[W * H], t = new float[W * H];
        for (int y = 60; y < 70; y++) {
            for (int x = 120; x < 130; x++) {
                t[y * W + x] = 1;
            }
        }
        PatchSampler s = new PatchSampler(List.of(new PatchSampler.Plane("c", in, t, W, H)), P, 0, 9);
        float[] xb = new float[2 * P * P], yb = xb.clone();
        int onEven = 0;
        for (int k = 0; k < 40; k++) {
            s.trainingBatch(2, xb, yb);
            float sum = 0;
            for (int i = 0; i < P * P; i++) {
                sum += yb[i];
            }
            onEven += sum > 0 ? 1 : 0;
        }
        assertEquals(40, onEven, "every chromatin-centred patch contains chromatin");
    }
}
