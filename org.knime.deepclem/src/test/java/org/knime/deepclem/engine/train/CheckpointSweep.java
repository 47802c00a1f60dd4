package org.knime.deepclem.engine.train;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.knime.deepclem.engine.io.ChannelSelection;

/**
 * Experiment (issue 14, item 4): how much does the choice of the kept weights matter on a held-out section? Trains
 * one leave-one-out model as scripts/train-loo-models.sh does (no averaging) and writes the weights of every
 * {@code EVERY}-th step as OUT/step-NNNN/loo-SECTION.zip, printing each step's validation loss, so that
 * LeaveOneOutEvaluation can register the held-out section with each (bench/checkpoint-sweep.sh; docs/evaluation.md,
 * "Which step to keep").
 * Usage: CheckpointSweep ROOT SECTION SEED EVERY OUT
 */
public final class CheckpointSweep {

    private CheckpointSweep() {
    }

    public static void main(String[] args) throws Exception {
        Path training = Path.of(args[0]).resolve("data/deepclem/training");
        String section = args[1];
        long seed = Long.parseLong(args[2]);
        int every = Integer.parseInt(args[3]);
        Path out = Path.of(args[4]);
        TrainingOptions options = new TrainingOptions(4000, 64, 8, 0.25, true, 1e-3, seed, 0.1, 100, 4.0, 0, false);
        UNetConfig config = UNetConfig.defaults();
        UNetTrainer trainer = new UNetTrainer(config, options);
        List<TrainingPair> pairs = TrainingPair.readFolders(training.resolve("em"), training.resolve("chromatin"),
            Set.of(section), ChannelSelection.parse("max"));
        Map<Integer, Map<String, float[]>> kept = new LinkedHashMap<>();
        Map<Integer, Double> valLoss = new LinkedHashMap<>();
        List<double[]> history = new ArrayList<>();
        TrainedUNet best = trainer.train(pairs, p -> {
            valLoss.put(p.step(), p.valLoss());
            history.add(new double[] {p.step(), p.loss(), p.valLoss()});
        }, () -> false, (weights, step) -> {
            if (step % every == 0) {
                kept.put(step, weights);
            }
        });
        System.out.printf("best validation step %d (%.5f)%n", best.keptStep(), best.bestValLoss());
        List<String> names = pairs.stream().map(TrainingPair::name).toList();
        for (var e : kept.entrySet()) {
            int step = e.getKey();
            Path zip = out.resolve(String.format("step-%04d", step)).resolve("loo-" + section + ".zip");
            Files.createDirectories(zip.getParent());
            List<double[]> upTo = history.stream().filter(h -> h[0] <= step).toList();
            new TrainedUNet(config, trainer.settings(Map.of()), e.getValue(), valLoss.get(step), step, 0, step, upTo,
                names, options, 0).export(zip, Map.of("command", "CheckpointSweep " + String.join(" ", args)));
            System.out.printf("step %4d  val loss %.5f  -> %s%n", step, valLoss.get(step), zip);
        }
    }
}
