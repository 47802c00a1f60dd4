package org.knime.deepclem.engine.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.ndarray.Shape;

/** Models with the 5-D ProjectionCARE input of the original DeepCLEM network, and plain 2-D ones. */
class ProjectionCareModelTest {

    @TempDir
    Path tmp;

    @Test
    void fiveDimensionalModelGetsThePlaneTwice() throws Exception {
        Path dir = tmp.resolve("pcare");
        ModelFiles.export(dir, Shape.of(-1, 2, -1, -1, 1), 2f);
        int w = 40, h = 24;
        float[] in = new float[w * h];
        for (int i = 0; i < in.length; i++) {
            in[i] = (i % 17) / 17f;
        }
        try (VirtualChromatinModel m = VirtualChromatinModel.load(dir)) {
            assertEquals(new InputLayout(5, 2), m.layout());
            float[] out = m.predictNormalized(in, w, h, Tiling.of(512, 16, 8));
            // had the second plane been zeros, the Z mean would halve the value
            for (int i = 0; i < in.length; i++) {
                assertEquals(2 * in[i] + 1, out[i], 1e-5);
            }
        }
    }

    @Test
    void modelWithoutSidecarUsesDeepClemPreprocessingAndPredictsAtEmSize() throws Exception {
        Path dir = tmp.resolve("plain");
        ModelFiles.export(dir, Shape.of(-1, -1, -1, 1), 1f);
        float[] em = new float[70 * 50];
        for (int i = 0; i < em.length; i++) {
            em[i] = i % 256;
        }
        try (VirtualChromatinModel m = VirtualChromatinModel.load(dir)) {
            assertEquals(ModelSettings.csbDeepDefaults(), m.settings());
            var out = m.predict(org.knime.deepclem.engine.image.Planes.wrap(em, 70, 50));
            assertEquals(70, out.dimension(0));
            assertEquals(50, out.dimension(1));
            float min = Float.MAX_VALUE, max = -Float.MAX_VALUE;
            for (float v : org.knime.deepclem.engine.image.Planes.data(out)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            // normalised and clipped to [0, 1], then + 1
            assertEquals(1f, min, 1e-5);
            assertEquals(2f, max, 1e-5);
        }
    }

    @Test
    void sidecarBesideAFolderModelIsRead() throws Exception {
        Path dir = tmp.resolve("withsidecar");
        ModelFiles.export(dir, Shape.of(-1, -1, -1, 1), 1f);
        ModelSettings s = new ModelSettings(false, 0.5, 1, 99, false, 8, java.util.Map.of("note", "x"));
        s.write(dir.resolve(ModelSettings.FILE_NAME));
        try (VirtualChromatinModel m = VirtualChromatinModel.load(dir)) {
            assertEquals(s, m.settings());
        }
        Files.delete(dir.resolve(ModelSettings.FILE_NAME));
    }
}
