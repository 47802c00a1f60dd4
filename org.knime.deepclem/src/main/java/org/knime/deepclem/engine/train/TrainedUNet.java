package org.knime.deepclem.engine.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.knime.deepclem.engine.predict.ModelArchive;
import org.knime.deepclem.engine.predict.ModelSettings;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.SessionFunction;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/**
 * The outcome of {@link UNetTrainer#train}: the kept weights (averaged, or of the best validation step) with their
 * architecture and preprocessing, exportable as a CSBDeep-compatible SavedModel zip with the
 * {@value ModelSettings#FILE_NAME} sidecar.
 */
public final class TrainedUNet {

    private final UNetConfig config;
    private final ModelSettings settings;
    private final Map<String, float[]> weights;
    private final double bestValLoss;
    private final int bestStep;
    private final double seconds;
    private final int stepsDone;
    private final List<double[]> history;
    private final List<String> pairs;
    private final TrainingOptions options;
    private final int averagedSnapshots;

    TrainedUNet(UNetConfig config, ModelSettings settings, Map<String, float[]> weights, double bestValLoss,
        int bestStep, double seconds, int stepsDone, List<double[]> history, List<String> pairs, TrainingOptions options,
        int averagedSnapshots) {
        this.stepsDone = stepsDone;
        this.config = config;
        this.settings = settings;
        this.weights = weights;
        this.bestValLoss = bestValLoss;
        this.bestStep = bestStep;
        this.seconds = seconds;
        this.history = List.copyOf(history);
        this.pairs = pairs;
        this.options = options;
        this.averagedSnapshots = averagedSnapshots;
    }

    /** Validation loss of the kept weights, the best step's or the averaged ones (NaN without validation). */
    public double bestValLoss() {
        return bestValLoss;
    }

    /**
     * The step whose weights were kept (best validation loss; the last step without validation or when the weights
     * were averaged).
     */
    public int keptStep() {
        return bestStep;
    }

    /** How many validation steps' weights were averaged into the kept weights; 0 when one step's were kept. */
    public int averagedSnapshots() {
        return averagedSnapshots;
    }

    /** Which weights were kept, for messages: "kept step N" or "kept the mean of the last N validation steps". */
    public String keptWeights() {
        return averagedSnapshots > 0 ? "kept the mean of the last " + averagedSnapshots + " validation steps"
            : "kept step " + bestStep;
    }

    /**
     * The validation loss must fall below this share of its first value for the kept weights to count as trained.
     * With few validation blocks (about 4 of 45 on the training pairs), one seed can pick blocks on which the
     * validation loss only rises: the best step is then the first, and without this check the model is written as if
     * it were trained (seed 7 on the held-out splits, docs/model.md "Seeds").
     */
    public static final double LEARNT_VAL_LOSS_SHARE = 0.8;

    /**
     * A one-line warning when the kept weights' validation loss is not below {@link #LEARNT_VAL_LOSS_SHARE} of the
     * first validation loss, saying what to do; null when it is, or without validation. It judges the kept weights, averaged or not: of
     * three seeds' held-out models, the one averaged model it warned about registered worst (docs/model.md, "Weight
     * averaging").
     */
    public String notLearntWarning() {
        if (Double.isNaN(bestValLoss) || history.isEmpty() || Double.isNaN(history.get(0)[2])) {
            return null;
        }
        double first = history.get(0)[2];
        if (bestValLoss < LEARNT_VAL_LOSS_SHARE * first) {
            return null;
        }
        return String.format(java.util.Locale.ROOT, "the validation loss of the kept weights is not below %.0f %% of "
            + "the first validation loss (%.5f at step %d; %s of %d, %.5f): the model has learnt little that holds on "
            + "the validation blocks. Train again with another seed (it also picks the validation blocks) or check "
            + "that each chromatin image is registered to its EM image.", LEARNT_VAL_LOSS_SHARE * 100, first,
            (int)history.get(0)[0], keptWeights(), stepsDone, bestValLoss);
    }

    /** Training wall time in seconds. */
    public double seconds() {
        return seconds;
    }

    /** Steps actually done (fewer than planned when the time budget ran out). */
    public int stepsDone() {
        return stepsDone;
    }

    /** (step, training loss, validation loss) at each report. */
    public List<double[]> history() {
        return history;
    }

    /** The architecture. */
    public UNetConfig config() {
        return config;
    }

    /** The preprocessing (without the training record). */
    public ModelSettings settings() {
        return settings;
    }

    /**
     * Runs the kept weights on one normalised working-scale plane in a fresh session (no export involved);
     * width and height must be multiples of 2^depth.
     */
    public float[] predictInSession(float[] input, int width, int height) {
        try (Graph g = new Graph()) {
            UNetGraph net = UNetGraph.build(g, config, weights);
            try (Session s = new Session(g)) {
                s.initialize();
                try (TFloat32 x = TFloat32.tensorOf(Shape.of(1, height, width, 1), DataBuffers.of(input, true, false));
                    Result r = s.runner().feed(net.input(), x).fetch(net.output()).run()) {
                    float[] out = new float[width * height];
                    ((TFloat32) r.get(0)).copyTo(DataBuffers.of(out, false, false));
                    return out;
                }
            }
        }
    }

    /**
     * Writes the model as a zip holding {@code saved_model.pb}, {@code variables/} (tag "serve", signature
     * "serving_default", keys "input"/"output", input (N, H, W, 1)) and {@value ModelSettings#FILE_NAME}, which also
     * records {@code extra} (e.g. the command line). Written to a temporary name and then moved, so an
     * interrupted export leaves no half file.
     */
    public void export(Path zip, Map<String, Object> extra) throws IOException {
        export(zip, extra, null);
    }

    /**
     * As {@link #export(Path, Map)}, recording {@code emPixelSizeUm} (µm per px of the training EM images, null: not
     * recorded) so that EM images of another pixel size are resampled to it before prediction.
     */
    public void export(Path zip, Map<String, Object> extra, Double emPixelSizeUm) throws IOException {
        Path dir = Files.createTempDirectory("deepclem-export");
        try {
            Path model = dir.resolve("model");
            try (Graph g = new Graph()) {
                UNetGraph net = UNetGraph.build(g, config, weights);
                try (Session s = new Session(g)) {
                    s.initialize();
                    Signature sig = Signature.builder().key(Signature.DEFAULT_KEY).input("input", net.input())
                        .output("output", net.output()).build();
                    SavedModelBundle.exporter(model.toString()).withFunction(SessionFunction.create(sig, s)).export();
                }
            }
            settingsWithRecord(extra, emPixelSizeUm).write(model.resolve(ModelSettings.FILE_NAME));
            ModelArchive.zip(model, zip);
        } finally {
            ModelArchive.deleteRecursively(dir);
        }
    }

    /** The settings with the training record (architecture, options, losses, time, {@code extra}). */
    public ModelSettings settingsWithRecord(Map<String, Object> extra) {
        return settingsWithRecord(extra, null);
    }

    /** As {@link #settingsWithRecord(Map)}, with the training EM's pixel size when given (null: as trained). */
    public ModelSettings settingsWithRecord(Map<String, Object> extra, Double emPixelSizeUm) {
        Map<String, Object> rec = new LinkedHashMap<>();
        rec.put("architecture", "CARE-like 2D U-Net");
        rec.put("depth", config.depth());
        rec.put("filters", config.filters());
        rec.put("kernel", config.kernel());
        rec.put("residual", config.residual());
        rec.put("loss", config.loss().name().toLowerCase(java.util.Locale.ROOT));
        rec.put("steps", stepsDone);
        rec.put("stepsPlanned", options.steps());
        rec.put("patch", options.patch());
        rec.put("batch", options.batch());
        rec.put("learningRate", options.learningRate());
        rec.put("seed", options.seed());
        rec.put("valFraction", options.valFraction());
        rec.put("chromatinWeight", options.chromatinWeight());
        rec.put("pairs", pairs);
        rec.put("bestValLoss", Double.isNaN(bestValLoss) ? null : bestValLoss);
        rec.put("keptStep", bestStep);
        rec.put("averagedSnapshots", averagedSnapshots);
        rec.put("finalLoss", history.isEmpty() ? null : history.get(history.size() - 1)[1]);
        rec.put("seconds", Math.round(seconds));
        rec.putAll(extra);
        return new ModelSettings(settings.equalize(), settings.workingScale(), settings.pmin(), settings.pmax(),
            settings.clip(), settings.tileMultiple(), rec, emPixelSizeUm != null ? emPixelSizeUm
                : settings.emPixelSizeUm());
    }
}
