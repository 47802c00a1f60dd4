package org.knime.deepclem.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

import org.knime.deepclem.engine.io.ImageCalibration;
import org.knime.deepclem.engine.io.PixelSize;
import org.knime.deepclem.engine.train.TrainedUNet;
import org.knime.deepclem.engine.train.TrainingOptions;
import org.knime.deepclem.engine.train.TrainingPair;
import org.knime.deepclem.engine.train.TrainingPixelSize;
import org.knime.deepclem.engine.train.UNetConfig;
import org.knime.deepclem.engine.train.UNetTrainer;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code deepclem train}: trains a virtual-chromatin U-Net from registered pairs and exports a model zip. */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = "Train a virtual-chromatin network on registered EM/chromatin pairs (matched by file name) and "
        + "write a CSBDeep-compatible model zip with its preprocessing (deepclem.json).")
public final class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--em", required = true, description = "folder of EM images (png/tif)")
    Path emDir;

    @Option(names = "--chromatin", required = true, description = "folder of chromatin images registered to the EM, "
        + "same file names")
    Path chromatinDir;

    @Option(names = "--chromatin-channel", defaultValue = "max", description = "chromatin plane of colour images: "
        + "red, green, blue, luminance, max (brightest channel per pixel) or an index (default ${DEFAULT-VALUE})")
    String chromatinChannel;

    @Option(names = "--out", required = true, description = "model zip to write")
    Path out;

    @Option(names = "--steps", defaultValue = "4000", description = "optimiser steps (default ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--patch", defaultValue = "64", description = "patch size in working-scale pixels "
        + "(default ${DEFAULT-VALUE})")
    int patch;

    @Option(names = "--batch", defaultValue = "8", description = "patches per step (default ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--depth", defaultValue = "3", description = "U-Net depth (default ${DEFAULT-VALUE})")
    int depth;

    @Option(names = "--filters", defaultValue = "16", description = "first-level filters (default ${DEFAULT-VALUE})")
    int filters;

    @Option(names = "--kernel", defaultValue = "3", description = "kernel size (default ${DEFAULT-VALUE})")
    int kernel;

    @Option(names = "--residual", description = "add the input to the output (CARE residual)")
    boolean residual;

    @Option(names = "--scale", defaultValue = "0.25", description = "working scale of the EM (default ${DEFAULT-VALUE})")
    double scale;

    @Option(names = "--no-equalize", description = "skip ImageJ histogram equalisation of the EM")
    boolean noEqualize;

    @Option(names = "--loss", defaultValue = "mse", description = "mse or mae (default ${DEFAULT-VALUE})")
    String loss;

    @Option(names = "--learning-rate", defaultValue = "0.001", description = "Adam learning rate (default ${DEFAULT-VALUE})")
    double learningRate;

    @Option(names = "--chromatin-weight", defaultValue = "4", description = "extra loss weight on chromatin pixels "
        + "(default ${DEFAULT-VALUE})")
    double chromatinWeight;

    @Option(names = "--seed", defaultValue = "42", description = "random seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--val-fraction", defaultValue = "0.1", description = "fraction of held-out validation blocks "
        + "(default ${DEFAULT-VALUE})")
    double valFraction;

    @Option(names = "--validate-every", defaultValue = "100", description = "steps between validations and progress "
        + "lines (default ${DEFAULT-VALUE})")
    int validateEvery;

    @Option(names = "--max-minutes", defaultValue = "0", description = "stop after this many minutes and keep the "
        + "best weights so far (0 = no limit)")
    double maxMinutes;

    @Option(names = "--average-weights", description = "keep the mean of the weights over the second half of "
        + "training (stochastic weight averaging) instead of those of the best validation loss")
    boolean averageWeights;

    @Option(names = "--exclude", split = ",", description = "pair names to leave out, e.g. s8 (repeatable)")
    List<String> exclude = List.of();

    @Option(names = "--em-pixel-size", paramLabel = "SIZE", defaultValue = PixelSizeOptions.FROM_IMAGE,
        description = "pixel size of the training EM images (e.g. 5nm, 0.005um), recorded in the model (deepclem.json "
            + "emPixelSizeUm): an EM of a known other pixel size is then resampled to it before prediction. Default: "
            + "${DEFAULT-VALUE}, the EM files' calibration, which must agree to 1 %%; none recorded when no file has one")
    String emPixelSize = PixelSizeOptions.FROM_IMAGE;

    @Option(names = "--overwrite", description = "replace an existing --out file")
    boolean overwrite;

    /**
     * The pixel size to record: the given one, else the one the EM files agree on ({@link TrainingPixelSize}), else
     * null.
     */
    private Double trainingPixelSizeUm() throws java.io.IOException {
        PixelSize given = PixelSizeOptions.given(emPixelSize, "--em-pixel-size");
        if (given != null) {
            return given.mean();
        }
        Map<String, PixelSize> sizes = new LinkedHashMap<>();
        for (Path em : TrainingPair.emFiles(emDir, Set.copyOf(exclude))) {
            sizes.put(em.getFileName().toString(), ImageCalibration.read(em).orElse(null));
        }
        PixelSize agreed = TrainingPixelSize.agreed(sizes, "--em-pixel-size");
        return agreed == null ? null : agreed.mean();
    }

    @Override
    public Integer call() throws Exception {
        if (Files.exists(out) && !overwrite) {
            throw new IllegalArgumentException(out + " exists; choose another --out or add --overwrite");
        }
        // checked before training: a typo or disagreeing files must not cost the training run
        Double emPixelSizeUm = trainingPixelSizeUm();
        UNetConfig.Loss lossKind = switch (loss.toLowerCase(java.util.Locale.ROOT)) {
            case "mse" -> UNetConfig.Loss.MSE;
            case "mae" -> UNetConfig.Loss.MAE;
            default -> throw new IllegalArgumentException("--loss must be mse or mae, got " + loss);
        };
        UNetConfig config = new UNetConfig(depth, filters, kernel, residual, lossKind);
        TrainingOptions options = new TrainingOptions(steps, patch, batch, scale, !noEqualize, learningRate, seed,
            valFraction, validateEvery, chromatinWeight, maxMinutes * 60, averageWeights);
        UNetTrainer trainer = new UNetTrainer(config, options);
        List<TrainingPair> pairs = TrainingPair.readFolders(emDir, chromatinDir, Set.copyOf(exclude),
            org.knime.deepclem.engine.io.ChannelSelection.parse(chromatinChannel));
        var outStream = spec.commandLine().getOut();
        outStream.println("training on " + pairs.stream().map(TrainingPair::name).toList() + ", " + steps + " steps");
        outStream.flush();
        // Ctrl-C: stop after the running step and let TensorFlow shut down cleanly (killing the JVM while a
        // session runs can crash in native code)
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.set(true);
            try {
                done.await(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        TrainedUNet model;
        try {
            model = trainer.train(pairs, p -> {
                outStream.println(p);
                outStream.flush();
            }, () -> stop.get() || Thread.currentThread().isInterrupted());
        } finally {
            done.countDown();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("command", "deepclem " + String.join(" ", spec.commandLine().getParseResult().originalArgs()));
        model.export(out, extra, emPixelSizeUm);
        outStream.printf(java.util.Locale.ROOT, "wrote %s (%d bytes) after %d steps, %.0f s; %s, val loss %.5f%n",
            out, Files.size(out), model.stepsDone(), model.seconds(), model.keptWeights(), model.bestValLoss());
        String notLearnt = model.notLearntWarning();
        if (notLearnt != null) {
            spec.commandLine().getErr().println("deepclem train: warning: " + notLearnt);
        }
        return ExitCode.OK;
    }
}
