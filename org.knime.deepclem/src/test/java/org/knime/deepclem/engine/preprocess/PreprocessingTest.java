package org.knime.deepclem.engine.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.knime.deepclem.engine.image.Planes;
import org.knime.deepclem.engine.io.ChannelSelection;
import org.knime.deepclem.engine.io.ImageFiles;
import org.knime.deepclem.engine.io.RepoData;
import org.knime.deepclem.engine.preprocess.EmPreprocessing.Equalize;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.real.FloatType;

class PreprocessingTest {

    private static ArrayImg<FloatType, FloatArray> plane(int w, int h, float... v) {
        return Planes.wrap(v, w, h);
    }

    private static ArrayImg<FloatType, FloatArray> em() throws IOException {
        return ImageFiles.read(RepoData.file("training/em/s6.png")).select(ChannelSelection.AUTO);
    }

    @Test
    void standardEqualisationUsesThePlainCumulativeHistogram() {
        float[] out = Planes.copy(Equalization.standard(plane(8, 1, 0, 0, 1, 1, 2, 2, 3, 3), 8));
        assertArrayEquals(new float[] {0, 0, 85, 85, 170, 170, 255, 255}, out);
        float[] skew = Planes.copy(Equalization.standard(plane(4, 1, 10, 10, 10, 200), 8));
        assertArrayEquals(new float[] {0, 0, 0, 255}, skew);
        float[] o16 = Planes.copy(Equalization.standard(plane(4, 1, 1000, 2000, 3000, 4000), 16));
        assertArrayEquals(new float[] {0, 21845, 43690, 65535}, o16);
    }

    @Test
    void standardEqualisationFlattensTheHistogramOfRealEm() throws IOException {
        float[] out = Planes.copy(Equalization.standard(em(), 8));
        double[] mm = Intensity.minMax(out);
        assertEquals(0, mm[0]);
        assertEquals(255, mm[1]);
        // a flat histogram has its median near the middle of the range
        assertEquals(127.5, Intensity.percentile(out, 50), 6);
        assertEquals(63.75, Intensity.percentile(out, 25), 6);
    }

    @Test
    void claheWithSlopeOneIsALinearStretch() {
        Random r = new Random(2);
        float[] v = new float[100 * 80];
        for (int i = 0; i < v.length; i++) {
            v[i] = 40 + r.nextInt(101); // 40..140
        }
        float[] out = Planes.copy(Clahe.apply(plane(100, 80, v.clone()), 30, 101, 1.0));
        for (int i = 0; i < v.length; i++) {
            // clip at the mean bin count gives a flat histogram: mapping (k + 1) / bins of the range
            assertEquals(40 + 100 * (v[i] - 40 + 1) / 101.0, out[i], 1e-4, "pixel " + i);
        }
    }

    @Test
    void claheRaisesLocalContrastInBothHalves() {
        int w = 256, h = 128;
        Random r = new Random(4);
        float[] v = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                v[y * w + x] = (x < w / 2 ? 20 : 220) + r.nextInt(10);
            }
        }
        float[] out = Planes.copy(Clahe.apply(plane(w, h, v.clone()), 64, 256, 8));
        double[] mm = Intensity.minMax(out);
        assertTrue(mm[0] >= 20 && mm[1] <= 229, "stays in the input range");
        // inside each half (away from the seam) the 10-level spread becomes much wider
        assertTrue(spread(out, w, 0, 100) > 4 * spread(v, w, 0, 100), "left");
        assertTrue(spread(out, w, 156, 256) > 4 * spread(v, w, 156, 256), "right");
        assertArrayEquals(new float[] {7, 7, 7, 7}, Planes.copy(Clahe.apply(plane(2, 2, 7, 7, 7, 7), 2, 256, 3)));
    }

    private static double spread(float[] v, int w, int x0, int x1) {
        double lo = Double.MAX_VALUE, hi = -Double.MAX_VALUE;
        for (int i = 0; i < v.length; i++) {
            int x = i % w;
            if (x >= x0 && x < x1) {
                lo = Math.min(lo, v[i]);
                hi = Math.max(hi, v[i]);
            }
        }
        return hi - lo;
    }

    @Test
    void percentilesMatchNumpyLinear() {
        float[] v = {10, 1, 2, 3, 4, 5, 6, 7, 8, 9, Float.NaN};
        assertEquals(5.5, Intensity.percentile(v, 50), 1e-12); // numpy.percentile(range(1,11), 50)
        assertEquals(1.045, Intensity.percentile(v, 0.5), 1e-12);
        assertEquals(9.982, Intensity.percentile(v, 99.8), 1e-12);
        assertEquals(1, Intensity.percentile(v, 0));
        assertEquals(10, Intensity.percentile(v, 100));
    }

    @Test
    void percentileNormalisationAsCsbDeep() {
        float[] v = new float[101];
        for (int i = 0; i <= 100; i++) {
            v[i] = i * 2; // 0..200, p10 = 20, p90 = 180
        }
        float[] n = Planes.copy(Intensity.normalizePercentile(plane(101, 1, v), 10, 90, false));
        assertEquals(0, n[10], 1e-6);
        assertEquals(1, n[90], 1e-6);
        assertEquals(-0.125, n[0], 1e-6);
        assertEquals(0.5, n[50], 1e-6);
        float[] c = Planes.copy(Intensity.normalizePercentile(plane(101, 1, v), 10, 90, true));
        assertEquals(0, c[0]);
        assertEquals(1, c[100]);
        assertThrows(IllegalArgumentException.class, () -> Intensity.normalizePercentile(plane(1, 1, 0), 90, 10, true));
    }

    @Test
    void inversionMirrorsTheRange() {
        assertArrayEquals(new float[] {255, 155, 0}, Planes.copy(Intensity.invert(plane(3, 1, 0, 100, 255), 0, 255)));
        assertArrayEquals(new float[] {1, 0.75f, 0}, Planes.copy(Intensity.invert(plane(3, 1, 0, 0.25f, 1), 0, 1)));
    }

    @Test
    void downscalingAPeriodTwoCheckerboardGivesUniformGray() {
        int n = 60;
        float[] v = new float[n * n];
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                v[y * n + x] = (x + y) % 2 == 0 ? 0 : 1;
            }
        }
        float[] half = Planes.copy(Resample.toPixelSize(plane(n, n, v), 5, 10));
        assertEquals(30 * 30, half.length);
        for (float f : half) {
            assertEquals(0.5f, f, 1e-6f);
        }
        float[] third = Planes.copy(Resample.scale(plane(n, n, v), 1 / 3.0));
        assertEquals(20 * 20, third.length);
        for (float f : third) {
            assertEquals(0.5f, f, 0.06f); // 3x3 footprints: 4/9 or 5/9
        }
        assertEquals(0.5, Resample.factor(5, 10));
        assertThrows(IllegalArgumentException.class, () -> Resample.factor(0, 10));
        assertThrows(IllegalArgumentException.class, () -> Resample.scale(plane(1, 1, 0), Double.NaN));
    }

    @Test
    void deepClemDefaultIsImageJEqualisation() throws IOException {
        ArrayImg<FloatType, FloatArray> em = em();
        assertArrayEquals(Planes.copy(Equalization.imageJ(em, 8)), Planes.copy(EmPreprocessing.DEEPCLEM.apply(em, 8)));
        assertArrayEquals(Planes.copy(Equalization.imageJ(em, 8)), Planes.copy(EmPreprocessing.DEEPCLEM.apply(em)),
            "8-bit is inferred from the values");
        assertArrayEquals(Planes.copy(em), Planes.copy(EmPreprocessing.NONE.apply(em)));
    }

    @Test
    void chainAppliesEqualiseNormaliseInvertScaleInOrder() {
        float[] v = {0, 0, 1, 1, 2, 2, 3, 3};
        EmPreprocessing s = EmPreprocessing.NONE.withEqualize(Equalize.STANDARD).withNormalization(true, 0, 100, true)
            .withInvert(true).withScale(0.5);
        float[] out = Planes.copy(s.apply(plane(8, 1, v), 8));
        // standard: 0 0 85 85 170 170 255 255 -> normalised 0 0 1/3 .. 1 -> inverted 1 1 2/3 .. 0 -> pairs averaged
        assertArrayEquals(new float[] {1, 2 / 3f, 1 / 3f, 0}, out, 1e-6f);
        EmPreprocessing inv = EmPreprocessing.NONE.withInvert(true);
        assertArrayEquals(new float[] {255, 205}, Planes.copy(inv.apply(plane(2, 1, 0, 50), 8)));
        assertArrayEquals(new float[] {65535, 65485}, Planes.copy(inv.apply(plane(2, 1, 0, 50), 16)));
        EmPreprocessing px = EmPreprocessing.NONE.withPixelSizes(4, 8);
        assertEquals(0.5, px.effectiveScale());
        assertEquals(2, px.apply(plane(4, 2, 0, 0, 0, 0, 0, 0, 0, 0)).dimension(0));
    }

    @Test
    void settingsRoundTripThroughJson() {
        EmPreprocessing s = EmPreprocessing.DEEPCLEM.withEqualize(Equalize.CLAHE).withClahe(63, 128, 2.5)
            .withNormalization(true, 1, 99.5, true).withInvert(true).withPixelSizes(3.3, 10);
        JsonObject o = s.toJson();
        assertEquals("clahe", o.get("equalize").getAsString());
        assertEquals(s, EmPreprocessing.fromJson(JsonParser.parseString(o.toString()).getAsJsonObject()));
        assertEquals(EmPreprocessing.DEEPCLEM, EmPreprocessing.fromJson(new JsonObject()));
        JsonObject bad = s.toJson();
        bad.addProperty("high_percentile", 0.1);
        assertThrows(IllegalArgumentException.class, () -> EmPreprocessing.fromJson(bad));
        JsonObject bad2 = s.toJson();
        bad2.addProperty("equalize", "magic");
        assertThrows(IllegalArgumentException.class, () -> EmPreprocessing.fromJson(bad2));
        JsonObject bad3 = s.toJson();
        bad3.addProperty("invert", "yes");
        assertThrows(IllegalArgumentException.class, () -> EmPreprocessing.fromJson(bad3));
    }
}
