package org.knime.deepclem.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.knime.deepclem.engine.io.PixelSize;

/** The training EM images must agree on one pixel size (1 %) for the model to record it. */
class TrainingPixelSizeTest {

    private static Map<String, PixelSize> sizes(final Object... nameSize) {
        Map<String, PixelSize> m = new LinkedHashMap<>();
        for (int i = 0; i < nameSize.length; i += 2) {
            m.put((String)nameSize[i], nameSize[i + 1] == null ? null : PixelSize.parse((String)nameSize[i + 1]));
        }
        return m;
    }

    @Test
    void noCalibrationRecordsNothing() {
        assertNull(TrainingPixelSize.agreed(sizes("a", null, "b", null), "--em-pixel-size"));
    }

    @Test
    void sizesWithinOnePercentGiveTheirMean() {
        PixelSize s = TrainingPixelSize.agreed(sizes("a", "5nm", "b", "5.04nm", "c", "0.00502um"), "x");
        assertEquals(0.00502, s.x(), 1e-12);
        assertEquals(0.00502, s.mean(), 1e-12);
        assertEquals(0.005, TrainingPixelSize.agreed(sizes("only", "5nm"), "x").mean(), 1e-15);
    }

    @Test
    void sizesFurtherApartAreRefusedNamingImagesAndSizes() {
        var e = assertThrows(IllegalArgumentException.class, () -> TrainingPixelSize.agreed(
            sizes("s1", "5nm", "s2", "5nm", "s3", "5.1nm", "s4", "10nm"), "\"EM pixel size\""));
        String m = e.getMessage();
        assertTrue(m.contains("different pixel sizes (more than 1 % apart)"), m);
        assertTrue(m.contains("5 nm: s1, s2; 5.1 nm: s3; 10 nm: s4"), m);
        assertTrue(m.contains("give it with \"EM pixel size\""), m);
    }

    @Test
    void someCalibratedAndSomeNotIsRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> TrainingPixelSize.agreed(
            sizes("a", "5nm", "b", null, "c", null, "d", null, "e", null, "f", null, "g", null), "--em-pixel-size"));
        String m = e.getMessage();
        assertTrue(m.startsWith("only some training EM images have a pixel size: 5 nm: a; none: b, c, d, e, f and 1 "
            + "more."), m);
        assertTrue(m.contains("--em-pixel-size"), m);
    }
}
