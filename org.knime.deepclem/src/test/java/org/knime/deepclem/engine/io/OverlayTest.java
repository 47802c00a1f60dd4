package org.knime.deepclem.engine.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.knime.deepclem.engine.image.Planes;
import org.knime.deepclem.engine.io.Overlay.Colour;

class OverlayTest {

    @Test
    void grayEmPlusChromatinInTheChosenColour() {
        // EM 0..100 stretched to 0..255; chromatin 0..200 with its 0/100 percentiles mapped to 0..255
        var em = Planes.wrap(new float[] {0, 50, 100, 100}, 2, 2);
        var chrom = Planes.wrap(new float[] {0, 0, 100, Float.NaN}, 2, 2);
        LoadedImage blue = Overlay.compose(em, chrom, Colour.BLUE, 0, 100);
        assertTrue(blue.rgb());
        assertEquals(SampleType.UINT8, blue.sampleType());
        assertArrayEquals(new float[] {0, 128, 255, 255}, blue.channelArray(0));
        assertArrayEquals(new float[] {0, 128, 255, 255}, blue.channelArray(1));
        assertArrayEquals(new float[] {0, 128, 255, 255}, blue.channelArray(2)); // 255 + 255 clamps
        var dimEm = Planes.wrap(new float[] {0, 0, 0, 10}, 2, 2);
        LoadedImage mag = Overlay.compose(dimEm, chrom, Colour.MAGENTA, 0, 100);
        assertArrayEquals(new float[] {0, 0, 255, 255}, mag.channelArray(0));
        assertArrayEquals(new float[] {0, 0, 0, 255}, mag.channelArray(1), "no chromatin in green; NaN adds nothing");
        assertArrayEquals(new float[] {0, 0, 255, 255}, mag.channelArray(2));
        assertEquals(Colour.GREEN, Colour.fromId("Green"));
        assertThrows(IllegalArgumentException.class, () -> Overlay.compose(em, Planes.create(3, 2), Colour.BLUE));
    }
}
