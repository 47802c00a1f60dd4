package org.knime.deepclem.engine.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import org.knime.deepclem.engine.image.Planes;
import org.knime.deepclem.engine.predict.NetworkInput;
import org.knime.deepclem.engine.predict.ModelSettings;
import org.knime.deepclem.engine.predict.Normalization;
import org.knime.deepclem.engine.predict.TensorFlowNatives;
import org.knime.deepclem.engine.preprocess.Resample;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.framework.optimizers.Adam;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.real.FloatType;

/**
 * Trains a {@link UNetGraph} from registered EM / chromatin pairs with Adam, keeping the weights of the best
 * validation loss. The EM goes through {@link NetworkInput} exactly as at prediction time; the chromatin is
 * scaled to the same working size and percentile-normalised (not clipped, as CSBDeep does for targets). The loss
 * (MSE or MAE) is weighted towards chromatin pixels so that the network does not settle for a dark image.
 */
public final class UNetTrainer {

    private final UNetConfig config;
    private final TrainingOptions options;

    /** A trainer for the given architecture and options. */
    public UNetTrainer(UNetConfig config, TrainingOptions options) {
        if (options.patch() % config.sizeMultiple() != 0) {
            throw new IllegalArgumentException("--patch " + options.patch() + " must be a multiple of 2^depth = "
                + config.sizeMultiple());
        }
        this.config = config;
        this.options = options;
    }

    /** The preprocessing recorded in the model for these options. */
    public ModelSettings settings(Map<String, Object> trainingRecord) {
        Normalization n = Normalization.deepClem();
        return new ModelSettings(options.equalize(), options.workingScale(), n.pmin(), n.pmax(), n.clip(),
            config.sizeMultiple(), trainingRecord);
    }

    /**
     * Trains on {@code pairs}. {@code progress} gets a report every validation interval; {@code cancelled} is
     * checked before every step (a CancellationException ends training).
     */
    public TrainedUNet train(List<TrainingPair> pairs, Consumer<TrainingProgress> progress,
        BooleanSupplier cancelled) {
        return train(pairs, progress, cancelled, null);
    }

    /**
     * As {@link #train(List, Consumer, BooleanSupplier)}; {@code checkpoints}, when given, gets the step and the
     * weights at every validation step (for experiments on which weights to keep; a snapshot costs a copy).
     */
    TrainedUNet train(List<TrainingPair> pairs, Consumer<TrainingProgress> progress, BooleanSupplier cancelled,
        java.util.function.ObjIntConsumer<Map<String, float[]>> checkpoints) {
        if (pairs.isEmpty()) {
            throw new IllegalArgumentException("no training pairs given");
        }
        TensorFlowNatives.missing().ifPresent(m -> {
            throw new IllegalStateException(m);
        });
        ModelSettings settings = settings(Map.of());
        List<PatchSampler.Plane> planes = new ArrayList<>();
        for (TrainingPair p : pairs) {
            ArrayImg<FloatType, FloatArray> in = NetworkInput.networkInput(p.em(), settings);
            int w = (int) in.dimension(0), h = (int) in.dimension(1);
            float[] target = Planes.data(Resample.toSize(p.chromatin(), w, h));
            new Normalization(settings.pmin(), settings.pmax(), false).applyInPlace(target);
            planes.add(new PatchSampler.Plane(p.name(), Planes.data(in), target, w, h));
        }
        PatchSampler sampler = new PatchSampler(planes, options.patch(), options.valFraction(), options.seed());

        long start = System.nanoTime();
        try (Graph g = new Graph()) {
            UNetGraph net = UNetGraph.build(g, config, UNetGraph.initialWeights(config, options.seed()));
            Ops tf = net.ops();
            Placeholder<TFloat32> target = tf.withName("target").placeholder(TFloat32.class,
                Placeholder.shape(Shape.of(-1, -1, -1, 1)));
            Operand<TFloat32> loss = loss(tf, net.output(), target);
            Op train = new Adam(g, (float) options.learningRate()).minimize(loss, "train");
            try (Session s = new Session(g)) {
                s.initialize();
                int n = options.patch() * options.patch();
                float[] xb = new float[options.batch() * n], yb = new float[options.batch() * n];
                Shape batchShape = Shape.of(options.batch(), options.patch(), options.patch(), 1);
                Map<String, float[]> best = snapshot(s, net);
                double bestVal = Double.NaN, intervalSum = 0;
                int intervalCount = 0;
                List<double[]> history = new ArrayList<>();
                int stepsDone = 0, bestStep = 0;
                WeightAverage average = options.averageWeights() ? new WeightAverage() : null;
                for (int step = 1; step <= options.steps(); step++) {
                    if (cancelled.getAsBoolean()) {
                        throw new CancellationException("training cancelled at step " + step);
                    }
                    sampler.trainingBatch(options.batch(), xb, yb);
                    intervalSum += run(s, net, target, loss, train, batchShape, xb, yb);
                    intervalCount++;
                    stepsDone = step;
                    boolean outOfTime = options.maxSeconds() > 0
                        && (System.nanoTime() - start) / 1e9 >= options.maxSeconds();
                    if (step % options.validateEvery() == 0 || step == options.steps() || outOfTime) {
                        double val = validate(s, net, target, loss, sampler, n);
                        if (checkpoints != null) {
                            checkpoints.accept(snapshot(s, net), step);
                        }
                        if (average != null && 2 * step > options.steps()) {
                            average.add(snapshot(s, net));
                        }
                        if (sampler.validationCount() == 0 || !(val >= bestVal)) {
                            bestVal = val;
                            bestStep = step;
                            best = snapshot(s, net);
                        }
                        double elapsed = (System.nanoTime() - start) / 1e9;
                        TrainingProgress p = new TrainingProgress(step, options.steps(), intervalSum / intervalCount,
                            val, bestVal, elapsed, elapsed / step * (options.steps() - step));
                        history.add(new double[] {step, p.loss(), val});
                        progress.accept(p);
                        intervalSum = 0;
                        intervalCount = 0;
                    }
                    if (outOfTime) {
                        break;
                    }
                }
                int averaged = 0;
                if (average != null && average.count() > 0) {
                    best = average.mean();
                    bestVal = validate(best, sampler, n);
                    bestStep = stepsDone;
                    averaged = average.count();
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                return new TrainedUNet(config, settings, best, bestVal, bestStep, seconds, stepsDone, history,
                    pairs.stream().map(TrainingPair::name).toList(), options, averaged);
            }
        }
    }

    private Operand<TFloat32> loss(Ops tf, Operand<TFloat32> out, Operand<TFloat32> y) {
        Operand<TFloat32> err = config.loss() == UNetConfig.Loss.MAE ? tf.math.abs(tf.math.sub(out, y))
            : tf.math.squaredDifference(out, y);
        // weight = 1 + c * clip(target, 0, 1); normalised by the mean weight so the scale stays that of MSE/MAE
        Operand<TFloat32> w = tf.math.add(tf.constant(1f), tf.math.mul(tf.constant((float) options.chromatinWeight()),
            tf.clipByValue(y, tf.constant(0f), tf.constant(1f))));
        Operand<org.tensorflow.types.TInt32> all = tf.constant(new int[] {0, 1, 2, 3});
        return tf.withName("loss").math.div(tf.math.mean(tf.math.mul(w, err), all), tf.math.mean(w, all));
    }

    private static double run(Session s, UNetGraph net, Placeholder<TFloat32> target, Operand<TFloat32> loss, Op train,
        Shape shape, float[] x, float[] y) {
        try (TFloat32 xt = TFloat32.tensorOf(shape, DataBuffers.of(x, true, false));
            TFloat32 yt = TFloat32.tensorOf(shape, DataBuffers.of(y, true, false))) {
            Session.Runner r = s.runner().feed(net.input(), xt).feed(target, yt).fetch(loss);
            if (train != null) {
                r.addTarget(train);
            }
            try (Result res = r.run()) {
                return ((TFloat32) res.get(0)).getFloat();
            }
        }
    }

    private double validate(Session s, UNetGraph net, Placeholder<TFloat32> target, Operand<TFloat32> loss,
        PatchSampler sampler, int n) {
        if (sampler.validationCount() == 0) {
            return Double.NaN;
        }
        double sum = 0;
        int total = 0;
        float[] x = new float[options.batch() * n], y = new float[options.batch() * n];
        for (int from = 0; from < sampler.validationCount(); from += options.batch()) {
            int c = sampler.validationBatch(from, options.batch(), x, y);
            Shape shape = Shape.of(c, options.patch(), options.patch(), 1);
            float[] xs = c == options.batch() ? x : java.util.Arrays.copyOf(x, c * n);
            float[] ys = c == options.batch() ? y : java.util.Arrays.copyOf(y, c * n);
            sum += run(s, net, target, loss, null, shape, xs, ys) * c;
            total += c;
        }
        return sum / total;
    }

    /** The validation loss of {@code weights}, in a graph of their own. */
    private double validate(Map<String, float[]> weights, PatchSampler sampler, int n) {
        try (Graph g = new Graph()) {
            UNetGraph net = UNetGraph.build(g, config, weights);
            Placeholder<TFloat32> target = net.ops().withName("target").placeholder(TFloat32.class,
                Placeholder.shape(Shape.of(-1, -1, -1, 1)));
            Operand<TFloat32> loss = loss(net.ops(), net.output(), target);
            try (Session s = new Session(g)) {
                s.initialize();
                return validate(s, net, target, loss, sampler, n);
            }
        }
    }

    /** Running sum of weight snapshots (stochastic weight averaging, Izmailov et al. 2018). */
    private static final class WeightAverage {
        private final Map<String, double[]> sum = new LinkedHashMap<>();
        private int count;

        void add(Map<String, float[]> weights) {
            weights.forEach((name, w) -> {
                double[] acc = sum.computeIfAbsent(name, k -> new double[w.length]);
                for (int i = 0; i < w.length; i++) {
                    acc[i] += w[i];
                }
            });
            count++;
        }

        int count() {
            return count;
        }

        Map<String, float[]> mean() {
            Map<String, float[]> m = new LinkedHashMap<>();
            sum.forEach((name, acc) -> {
                float[] w = new float[acc.length];
                for (int i = 0; i < w.length; i++) {
                    w[i] = (float) (acc[i] / count);
                }
                m.put(name, w);
            });
            return m;
        }
    }

    /** The current values of all weights, by variable name. */
    static Map<String, float[]> snapshot(Session s, UNetGraph net) {
        Map<String, float[]> w = new LinkedHashMap<>();
        Session.Runner r = s.runner();
        List<String> names = new ArrayList<>(net.variables().keySet());
        for (Variable<TFloat32> v : net.variables().values()) {
            r.fetch(v);
        }
        try (Result res = r.run()) {
            for (int i = 0; i < names.size(); i++) {
                TFloat32 t = (TFloat32) res.get(i);
                float[] a = new float[(int) t.size()];
                t.copyTo(DataBuffers.of(a, false, false));
                w.put(names.get(i), a);
            }
        }
        return w;
    }
}
