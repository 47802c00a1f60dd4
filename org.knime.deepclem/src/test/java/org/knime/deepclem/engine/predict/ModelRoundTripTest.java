package org.knime.deepclem.engine.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knime.deepclem.engine.image.Planes;
import org.knime.deepclem.engine.train.SyntheticTrainingPairs;
import org.knime.deepclem.engine.train.TrainedUNet;
import org.knime.deepclem.engine.train.TrainingOptions;
import org.knime.deepclem.engine.train.TrainingPair;
import org.knime.deepclem.engine.train.UNetConfig;
import org.knime.deepclem.engine.train.UNetTrainer;

import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.real.FloatType;

/** Train a tiny U-Net, export, load, predict: the loaded model reproduces the trained weights' output. */
class ModelRoundTripTest {

    @TempDir
    static Path tmp;

    static TrainedUNet trained;
    static Path zip;
    static List<String> progress = new ArrayList<>();

    @BeforeAll
    static void train() throws Exception {
        List<TrainingPair> pairs = List.of(SyntheticTrainingPairs.pair("a", 192, 144, 1), SyntheticTrainingPairs.pair("b", 192, 144, 2));
        UNetConfig cfg = new UNetConfig(2, 4, 3, false, UNetConfig.Loss.MSE);
        TrainingOptions opt = new TrainingOptions(6, 32, 2, 0.5, true, 1e-3, 7, 0.1, 3, 4.0, 0, false);
        trained = new UNetTrainer(cfg, opt).train(pairs, p -> progress.add(p.toString()), () -> false);
        zip = tmp.resolve("m.zip");
        trained.export(zip, Map.of("command", "test"));
    }

    @Test
    void progressIsReportedWithValidationLoss() {
        assertEquals(2, progress.size(), progress.toString());
        assertTrue(progress.get(1).startsWith("step 6/6"), progress.get(1));
        assertEquals(2, trained.history().size());
        assertTrue(Double.isFinite(trained.bestValLoss()));
    }

    @Test
    void loadedModelEqualsInSessionOutput() throws Exception {
        int w = 64, h = 48;
        float[] in = ramp(w, h);
        float[] expected = trained.predictInSession(in, w, h);
        try (VirtualChromatinModel m = VirtualChromatinModel.load(zip)) {
            assertEquals(4, m.layout().rank());
            float[] got = m.predictNormalized(in, w, h, new Tiling(512, 0, 4)); // one tile, no padding
            for (int i = 0; i < got.length; i++) {
                assertEquals(expected[i], got[i], 1e-5, "pixel " + i);
            }
        }
    }

    @Test
    void sidecarRecordsPreprocessingAndTraining() throws Exception {
        try (VirtualChromatinModel m = VirtualChromatinModel.load(zip)) {
            ModelSettings s = m.settings();
            assertEquals(0.5, s.workingScale());
            assertEquals(4, s.tileMultiple());
            assertTrue(s.equalize());
            assertEquals(0.5, s.pmin());
            assertEquals(99.8, s.pmax());
            assertEquals("test", s.training().get("command"));
            assertEquals(6.0, ((Number) s.training().get("steps")).doubleValue());
        }
    }

    @Test
    void tiledEqualsOnePieceAwayFromBorders() throws Exception {
        int w = 203, h = 157;
        float[] in = ramp(w, h);
        try (VirtualChromatinModel m = VirtualChromatinModel.load(zip)) {
            float[] whole = m.predictNormalized(in, w, h, Tiling.of(1024, 48, 4));
            float[] tiled = m.predictNormalized(in, w, h, Tiling.of(144, 48, 4)); // 3 x 3 tiles of 48 px cores
            double range = 0;
            for (float v : whole) {
                range = Math.max(range, Math.abs(v));
            }
            for (int y = 16; y < h - 16; y++) {
                for (int x = 16; x < w - 16; x++) {
                    assertEquals(whole[y * w + x], tiled[y * w + x], 1e-4 * range + 1e-6, "at " + x + "," + y);
                }
            }
        }
    }

    @Test
    void predictGivesPlaneOfTheInputSizeAndIsThreadSafe() throws Exception {
        TrainingPair p = SyntheticTrainingPairs.pair("c", 150, 110, 3);
        try (VirtualChromatinModel m = VirtualChromatinModel.load(zip)) {
            ArrayImg<FloatType, FloatArray> one = m.predict(p.em());
            assertEquals(150, one.dimension(0));
            assertEquals(110, one.dimension(1));
            ExecutorService ex = Executors.newFixedThreadPool(3);
            try {
                List<Future<ArrayImg<FloatType, FloatArray>>> fs = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    fs.add(ex.submit(() -> m.predict(p.em())));
                }
                for (Future<ArrayImg<FloatType, FloatArray>> f : fs) {
                    float[] a = Planes.data(one), b = Planes.data(f.get());
                    for (int i = 0; i < a.length; i++) {
                        assertEquals(a[i], b[i], 1e-5);
                    }
                }
            } finally {
                ex.shutdown();
            }
        }
    }

    private static float[] ramp(int w, int h) {
        float[] a = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                a[y * w + x] = (float) (0.5 + 0.4 * Math.sin(x / 7.0) * Math.cos(y / 5.0));
            }
        }
        return a;
    }
}
