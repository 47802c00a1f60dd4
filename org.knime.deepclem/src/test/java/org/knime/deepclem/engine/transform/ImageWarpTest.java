package org.knime.deepclem.engine.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.knime.deepclem.engine.geometry.Affine2D;
import org.knime.deepclem.engine.io.LoadedImage;
import org.knime.deepclem.engine.io.SampleType;

class ImageWarpTest {

    @Test
    void everyChannelMovesAndKeepsItsType() {
        int w = 20, h = 10;
        float[] r = new float[w * h], g = new float[w * h], b = new float[w * h];
        for (int i = 0; i < r.length; i++) {
            r[i] = i % 256;
            g[i] = 255 - i % 256;
            b[i] = (i * 7) % 256;
        }
        LoadedImage img = LoadedImage.ofChannels(null, SampleType.UINT8, true, w, h, r, g, b);
        LoadedImage out = ImageWarp.warp(img, Affine2D.translation(3, -2), 25, 12, Interpolation.LINEAR, null);
        assertEquals(25, out.width());
        assertEquals(12, out.height());
        assertEquals(SampleType.UINT8, out.sampleType());
        assertTrue(out.rgb());
        for (int c = 0; c < 3; c++) {
            float[] src = img.channelArray(c), dst = out.channelArray(c);
            assertEquals(src[4 * w + 5], dst[2 * 25 + 8], 0f); // (5, 4) -> (8, 2)
            assertEquals(0f, dst[11 * 25 + 0], 0f); // source (-3, 13) lies outside
        }
    }

    @Test
    void sixteenBitValuesStayExactAndCubicOvershootIsClamped() {
        int w = 8, h = 8;
        float[] v = new float[w * h];
        for (int i = 0; i < v.length; i++) {
            v[i] = (i % 2 == 0) ? 65535 : 0; // a harsh pattern makes cubic interpolation overshoot
        }
        LoadedImage img = LoadedImage.ofChannels(null, SampleType.UINT16, false, w, h, v);
        LoadedImage same = ImageWarp.warp(img, Affine2D.IDENTITY, w, h, Interpolation.CUBIC, null);
        assertEquals(65535f, same.channelArray(0)[0], 0f);
        LoadedImage half = ImageWarp.warp(img, Affine2D.translation(0.5, 0), w, h, Interpolation.CUBIC, null);
        for (float f : half.channelArray(0)) {
            assertTrue(f >= 0 && f <= 65535, "clamped: " + f);
        }
    }
}
