package org.knime.deepclem.engine.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.knime.deepclem.engine.image.Planes;

import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.real.FloatType;

class FlipAveragingTest {

    private static ArrayImg<FloatType, FloatArray> plane(int w, int h, java.util.function.IntBinaryOperator f) {
        float[] px = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                px[y * w + x] = f.applyAsInt(x, y);
            }
        }
        return Planes.wrap(px, w, h);
    }

    @Test
    void aPredictorThatCommutesWithMirroringIsUnchanged() {
        var em = plane(7, 5, (x, y) -> 3 * x + 11 * y * y);
        VirtualChromatinPredictor copy = img -> Planes.wrap(Planes.asArray(img), img.dimension(0), img.dimension(1));
        float[] mean = Planes.data(FlipAveraging.predictAtWorkingScale(copy, em, null));
        assertEquals(java.util.Arrays.toString(Planes.data(em)), java.util.Arrays.toString(mean));
    }

    @Test
    void eachMirroredPredictionIsMirroredBackBeforeAveraging() {
        var em = plane(6, 4, (x, y) -> 0);
        // ignores its input and always "predicts" a ramp in x: mirrored back, two of the four terms run the other way
        VirtualChromatinPredictor ramp = img -> plane(6, 4, (x, y) -> x);
        float[] mean = Planes.data(FlipAveraging.predictAtWorkingScale(ramp, em, null));
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 6; x++) {
                assertEquals(2.5f, mean[y * 6 + x], 1e-6, "(x + (5 - x)) / 2 at " + x + "," + y);
            }
        }
    }

    @Test
    void theUnflippedPredictionIsReusedNotRecomputed() {
        var em = plane(4, 4, (x, y) -> 1);
        int[] calls = {0};
        VirtualChromatinPredictor counting = img -> {
            calls[0]++;
            return plane(4, 4, (x, y) -> 1);
        };
        FlipAveraging.predictAtWorkingScale(counting, em, plane(4, 4, (x, y) -> 1));
        assertEquals(3, calls[0]);
    }
}
