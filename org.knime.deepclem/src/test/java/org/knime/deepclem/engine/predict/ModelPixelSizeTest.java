package org.knime.deepclem.engine.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knime.deepclem.engine.image.Planes;
import org.knime.deepclem.engine.io.PixelSize;
import org.knime.deepclem.reliability.TestModels;

/** A model's sidecar records the EM pixel size it was trained at; an EM of another size is scaled to it. */
class ModelPixelSizeTest {

    @TempDir
    Path tmp;

    @Test
    void sidecarRecordsTheTrainingPixelSize() throws Exception {
        Path f = tmp.resolve(ModelSettings.FILE_NAME);
        new ModelSettings(true, 0.25, 0.5, 99.8, true, 16, Map.of(), 0.01).write(f);
        assertEquals(0.01, ModelSettings.read(f).emPixelSizeUm(), 0);
        Files.writeString(f, "{\"workingScale\": 0.5}"); // older sidecars: not recorded
        ModelSettings old = ModelSettings.read(f);
        assertNull(old.emPixelSizeUm());
        assertEquals(0.5, old.workingScaleFor(0.02, null), 0, "unknown training size: the recorded scale");
        ModelSettings s = old.withEmPixelSize(0.01);
        assertEquals(1.0, s.workingScaleFor(0.02, null), 1e-12, "an EM at twice the size: twice the scale");
        assertEquals(0.5, s.workingScaleFor(Double.NaN, null), 0, "unknown EM size: the recorded scale");
        assertEquals(0.25, s.workingScaleFor(0.02, 0.04), 1e-12, "a given training size overrides the record");
    }

    @Test
    void theNetworkSeesTheTrainedPixelSize() throws Exception {
        Path model = TestModels.blurModel(tmp.resolve("model"));
        new ModelSettings(false, 0.25, 0.5, 99.8, true, 8, Map.of(), 0.01).write(model.resolve(ModelSettings.FILE_NAME));
        float[] px = new float[256 * 128];
        for (int i = 0; i < px.length; i++) {
            px[i] = (i * 31) % 200;
        }
        var em = Planes.wrap(px, 256, 128);
        try (VirtualChromatinModel m = VirtualChromatinModel.load(model)) {
            assertEquals(64, m.predictAtWorkingScale(em).dimension(0), "as recorded: 0.25");
            // EM at 20 nm, trained at 10 nm: scaled by 0.5 instead of 0.25, so the network sees 40 nm either way
            assertEquals(128, m.forEmPixelSize(PixelSize.parse("20nm"), null).predictAtWorkingScale(em).dimension(0));
            assertSame(m, m.forEmPixelSize(null, null), "unknown EM size: the model as it is");
            assertSame(m, m.forEmPixelSize(PixelSize.parse("10nm"), null), "the trained size: the model as it is");
            assertEquals(32, m.forEmPixelSize(PixelSize.parse("20nm"), PixelSize.parse("40nm"))
                .predictAtWorkingScale(em).dimension(0), "a given training size");
        }
    }
}
