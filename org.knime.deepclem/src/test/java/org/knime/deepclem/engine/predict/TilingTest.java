package org.knime.deepclem.engine.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;

import org.junit.jupiter.api.Test;

class TilingTest {

    @Test
    void mirrorReflectsWithoutRepeatingTheEdge() {
        assertEquals(1, Tiling.mirror(-1, 5));
        assertEquals(3, Tiling.mirror(5, 5));
        assertEquals(0, Tiling.mirror(8, 5));
        assertEquals(1, Tiling.mirror(-9, 5));
        assertEquals(0, Tiling.mirror(7, 1));
    }

    @Test
    void rampsOfNeighboursSumToOne() {
        for (int p = 80; p < 120; p++) {
            float left = Tiling.ramp(p, 0, 100, 8, false, true);
            float right = Tiling.ramp(p, 100, 200, 8, true, true);
            assertEquals(1f, left + right, 1e-6, "at " + p);
        }
        assertEquals(1f, Tiling.ramp(50, 0, 100, 8, false, true), 0f);
        assertEquals(0f, Tiling.ramp(120, 0, 100, 8, false, true), 0f);
    }

    @Test
    void identityNetworkIsReproducedExactly() {
        int w = 301, h = 203; // last cores (13 and 11 px) narrower than the blend band
        float[] img = random(w * h, 1);
        float[] out = Tiling.of(64, 16, 8).apply(img, w, h, (v, th, tw) -> v.clone());
        for (int i = 0; i < img.length; i++) {
            assertEquals(img[i], out[i], 1e-6, "pixel " + i);
        }
    }

    @Test
    void tiledLocalFilterEqualsOnePieceFilter() {
        int w = 250, h = 173;
        float[] img = random(w * h, 2);
        Tiling.TileNet box = TilingTest::box5;
        float[] tiled = Tiling.of(64, 16, 8).apply(img, w, h, box);
        float[] whole = Tiling.of(1024, 16, 8).apply(img, w, h, box); // one tile
        for (int i = 0; i < img.length; i++) {
            assertEquals(whole[i], tiled[i], 1e-5, "pixel " + i);
        }
    }

    @Test
    void badTileSizesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Tiling(60, 16, 8));
        assertThrows(IllegalArgumentException.class, () -> new Tiling(64, 32, 8));
    }

    /** 5x5 mean, clamped at the tile border (a stand-in for a network with a 2 px receptive radius). */
    private static float[] box5(float[] v, int h, int w) {
        float[] o = new float[v.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double s = 0;
                for (int dy = -2; dy <= 2; dy++) {
                    for (int dx = -2; dx <= 2; dx++) {
                        int yy = Math.max(0, Math.min(h - 1, y + dy)), xx = Math.max(0, Math.min(w - 1, x + dx));
                        s += v[yy * w + xx];
                    }
                }
                o[y * w + x] = (float) (s / 25);
            }
        }
        return o;
    }

    private static float[] random(int n, long seed) {
        Random r = new Random(seed);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = r.nextFloat();
        }
        return a;
    }
}
