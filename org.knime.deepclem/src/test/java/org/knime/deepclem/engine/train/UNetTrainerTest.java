package org.knime.deepclem.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class UNetTrainerTest {

    private static final List<TrainingPair> PAIRS = List.of(SyntheticTrainingPairs.pair("a", 96, 96, 1),
        SyntheticTrainingPairs.pair("b", 96, 96, 2));

    private static final UNetConfig TINY = new UNetConfig(2, 4, 3, false, UNetConfig.Loss.MAE);

    private static TrainingOptions options(int steps, long seed) {
        return new TrainingOptions(steps, 32, 2, 1.0, true, 1e-3, seed, 0.1, 2, 4.0, 0, false);
    }

    @Test
    void sameSeedGivesTheSameLosses() {
        TrainedUNet a = new UNetTrainer(TINY, options(4, 11)).train(PAIRS, p -> { }, () -> false);
        TrainedUNet b = new UNetTrainer(TINY, options(4, 11)).train(PAIRS, p -> { }, () -> false);
        assertEquals(a.history().size(), b.history().size());
        for (int i = 0; i < a.history().size(); i++) {
            // TF CPU kernels may reduce in a thread-dependent order; in practice the losses agree to float precision
            assertEquals(a.history().get(i)[1], b.history().get(i)[1], 1e-5);
            assertEquals(a.history().get(i)[2], b.history().get(i)[2], 1e-5);
        }
    }

    @Test
    void cancellationStopsTraining() {
        AtomicInteger calls = new AtomicInteger();
        CancellationException e = assertThrows(CancellationException.class, () -> new UNetTrainer(TINY,
            options(50, 1)).train(PAIRS, p -> { }, () -> calls.incrementAndGet() > 3));
        assertTrue(e.getMessage().contains("step 4"), e.getMessage());
    }

    @Test
    void patchMustFitTheDepth() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> new UNetTrainer(new UNetConfig(3, 4, 3, false, UNetConfig.Loss.MSE),
                new TrainingOptions(1, 36, 2, 1.0, true, 1e-3, 1, 0, 1, 0, 0, false)));
        assertTrue(e.getMessage().contains("--patch 36"), e.getMessage());
    }

    @Test
    void withoutValidationTheLastWeightsAreExported(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
        throws Exception {
        TrainedUNet m = new UNetTrainer(TINY, new TrainingOptions(2, 32, 2, 1.0, false, 1e-3, 1, 0, 1, 0, 0, false))
            .train(PAIRS, p -> { }, () -> false);
        assertTrue(Double.isNaN(m.bestValLoss()));
        java.nio.file.Path zip = tmp.resolve("noval.zip");
        m.export(zip, java.util.Map.of());
        var s = org.knime.deepclem.engine.predict.ModelSettings.read(unzipSidecar(zip, tmp));
        assertEquals(false, s.equalize());
        assertTrue(!s.training().containsKey("bestValLoss"));
        assertEquals(2.0, ((Number) s.training().get("steps")).doubleValue());
    }

    private static java.nio.file.Path unzipSidecar(java.nio.file.Path zip, java.nio.file.Path tmp) throws Exception {
        java.nio.file.Path dir = tmp.resolve("unz");
        java.nio.file.Files.createDirectories(dir);
        org.knime.deepclem.engine.predict.ModelArchive.unzip(zip, dir);
        return dir.resolve(org.knime.deepclem.engine.predict.ModelSettings.FILE_NAME);
    }

    @Test
    void lossDecreasesOnAnEasyTask() {
        TrainedUNet m = new UNetTrainer(new UNetConfig(2, 8, 3, false, UNetConfig.Loss.MSE),
            new TrainingOptions(60, 32, 4, 1.0, true, 3e-3, 3, 0.1, 20, 4.0, 0, false)).train(PAIRS, p -> { }, () -> false);
        double first = m.history().get(0)[2], last = m.bestValLoss();
        assertTrue(last < 0.7 * first, "validation loss " + first + " -> " + last);
    }

    @Test
    void averagedWeightsAreTheMeanOverTheSecondHalf() {
        float[] input = new float[32 * 32];
        for (int i = 0; i < input.length; i++) {
            input[i] = (float) Math.sin(i * 0.37);
        }
        // one validation step in the second half: the mean is the last weights, exactly
        float[] last = lastWeights(2, false).predictInSession(input, 32, 32);
        assertTrue(java.util.Arrays.equals(last, lastWeights(2, true).predictInSession(input, 32, 32)));
        // steps 4, 5 and 6: the mean differs from the last weights, and is kept as step 6 with its own loss
        TrainedUNet averaged = new UNetTrainer(TINY, new TrainingOptions(6, 32, 2, 1.0, true, 1e-3, 1, 0.1, 1, 0, 0,
            true)).train(PAIRS, p -> { }, () -> false);
        assertEquals(6, averaged.keptStep());
        assertEquals(3, averaged.averagedSnapshots());
        assertTrue(Double.isFinite(averaged.bestValLoss()));
        assertTrue(!java.util.Arrays.equals(lastWeights(6, false).predictInSession(input, 32, 32),
            lastWeights(6, true).predictInSession(input, 32, 32)));
    }

    @Test
    void checkpointsGetEveryValidationStepsWeights() {
        java.util.Map<Integer, java.util.Map<String, float[]>> seen = new java.util.TreeMap<>();
        UNetTrainer trainer = new UNetTrainer(TINY, new TrainingOptions(3, 32, 2, 1.0, true, 1e-3, 1, 0, 1, 0, 0, false));
        TrainedUNet last = trainer.train(PAIRS, p -> { }, () -> false, (w, step) -> seen.put(step, w));
        assertEquals(java.util.List.of(1, 2, 3), java.util.List.copyOf(seen.keySet()));
        float[] input = new float[32 * 32];
        for (int i = 0; i < input.length; i++) {
            input[i] = (float) Math.cos(i * 0.21);
        }
        // without validation blocks the last weights are kept: step 3's checkpoint is that model
        TrainedUNet third = new TrainedUNet(TINY, trainer.settings(java.util.Map.of()), seen.get(3), Double.NaN, 3, 0,
            3, java.util.List.of(), java.util.List.of("p"), TrainingOptions.defaults(), 0);
        assertTrue(java.util.Arrays.equals(last.predictInSession(input, 32, 32), third.predictInSession(input, 32, 32)));
        assertTrue(!java.util.Arrays.equals(seen.get(1).values().iterator().next(),
            seen.get(3).values().iterator().next()), "weights change between steps");
    }

    /** Without validation blocks (the last weights are kept unless averaged), one report per step. */
    private static TrainedUNet lastWeights(int steps, boolean average) {
        return new UNetTrainer(TINY, new TrainingOptions(steps, 32, 2, 1.0, true, 1e-3, 1, 0, 1, 0, 0, average))
            .train(PAIRS, p -> { }, () -> false);
    }
}
