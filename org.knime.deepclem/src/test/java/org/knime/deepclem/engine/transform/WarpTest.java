package org.knime.deepclem.engine.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.knime.deepclem.engine.geometry.Affine2D;
import org.knime.deepclem.engine.image.Planes;

class WarpTest {

    /** A smooth ramp: linear and cubic interpolation reproduce it exactly inside the image. */
    private static float[] ramp(int w, int h) {
        float[] v = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                v[y * w + x] = 2 * x + 3 * y;
            }
        }
        return v;
    }

    @Test
    void shiftMovesPixels() {
        var src = Planes.wrap(ramp(20, 10), 20, 10);
        var out = Planes.data(Warp.warp(src, Affine2D.translation(2, 1), 20, 10, Interpolation.NEAREST, Float.NaN));
        // out(x, y) = src(x - 2, y - 1)
        assertEquals(2 * 3 + 3 * 4, out[5 * 20 + 5], 0);
        assertTrue(Float.isNaN(out[0]), "pixels with no source are marked outside");
    }

    @Test
    void linearAndCubicAreExactOnARamp() {
        var src = Planes.wrap(ramp(40, 30), 40, 30);
        Affine2D t = Affine2D.similarity(1.3, Math.toRadians(17), 4.25, -2.5);
        for (Interpolation i : new Interpolation[] {Interpolation.LINEAR, Interpolation.CUBIC}) {
            float[] out = Planes.data(Warp.warp(src, t, 40, 30, i, Float.NaN));
            Affine2D inv = t.inverse();
            int checked = 0;
            for (int y = 0; y < 30; y++) {
                for (int x = 0; x < 40; x++) {
                    double sx = inv.applyX(x, y), sy = inv.applyY(x, y);
                    if (sx > 2 && sy > 2 && sx < 37 && sy < 27) {
                        assertEquals(2 * sx + 3 * sy, out[y * 40 + x], 1e-3, i + " at " + x + "," + y);
                        checked++;
                    }
                }
            }
            assertTrue(checked > 200);
        }
    }
}
