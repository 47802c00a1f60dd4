package org.knime.deepclem.engine.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Builds the U-Net of a {@link UNetConfig} into a TensorFlow graph. The input is a placeholder of shape
 * (N, H, W, 1) with H and W multiples of 2^depth; the output has the same shape. Weights are graph variables whose
 * initial values come from {@link #initialWeights}, so the same weights can be rebuilt in a fresh graph for export.
 */
public final class UNetGraph {

    /** Name of the input placeholder. */
    public static final String INPUT = "input";

    private final Ops tf;
    private final UNetConfig config;
    private final Map<String, float[]> init;
    private final Map<String, Variable<TFloat32>> variables = new LinkedHashMap<>();
    private final Placeholder<TFloat32> input;
    private final Operand<TFloat32> output;

    private UNetGraph(Graph graph, UNetConfig config, Map<String, float[]> init) {
        this.tf = Ops.create(graph);
        this.config = config;
        this.init = init;
        this.input = tf.withName(INPUT).placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, -1, -1, 1)));
        this.output = build();
    }

    /**
     * Adds the network to {@code graph}, its variables initialised from {@code weights} (variable name to values,
     * e.g. from {@link #initialWeights} or a trained snapshot).
     */
    public static UNetGraph build(Graph graph, UNetConfig config, Map<String, float[]> weights) {
        return new UNetGraph(graph, config, weights);
    }

    /** Glorot-uniform kernels (Keras' default, as CARE uses) and zero biases, drawn from {@code seed}. */
    public static Map<String, float[]> initialWeights(UNetConfig config, long seed) {
        Random rnd = new Random(seed);
        Map<String, float[]> w = new LinkedHashMap<>();
        for (ConvSpec c : convs(config)) {
            float[] k = new float[c.k * c.k * c.in * c.out];
            double limit = Math.sqrt(6.0 / (c.k * c.k * (c.in + c.out)));
            for (int i = 0; i < k.length; i++) {
                k[i] = (float) ((rnd.nextDouble() * 2 - 1) * limit);
            }
            w.put(c.name + "_w", k);
            w.put(c.name + "_b", new float[c.out]);
        }
        return w;
    }

    /** The ops factory of the graph. */
    public Ops ops() {
        return tf;
    }

    /** The (N, H, W, 1) input placeholder. */
    public Placeholder<TFloat32> input() {
        return input;
    }

    /** The (N, H, W, 1) prediction. */
    public Operand<TFloat32> output() {
        return output;
    }

    /** The weight variables by name, in creation order. */
    public Map<String, Variable<TFloat32>> variables() {
        return variables;
    }

    /** One convolution layer: name, kernel size, channels in and out. */
    private record ConvSpec(String name, int k, int in, int out) {
    }

    /** The convolutions in build order; {@link #build} creates them in exactly this order. */
    private static List<ConvSpec> convs(UNetConfig c) {
        List<ConvSpec> l = new ArrayList<>();
        int k = c.kernel(), f = c.filters(), in = 1;
        List<Integer> skips = new ArrayList<>();
        for (int n = 0; n < c.depth(); n++) {
            int ch = f << n;
            l.add(new ConvSpec("down" + n + "a", k, in, ch));
            l.add(new ConvSpec("down" + n + "b", k, ch, ch));
            skips.add(ch);
            in = ch;
        }
        int bottom = f << c.depth();
        l.add(new ConvSpec("bottom_a", k, in, bottom));
        l.add(new ConvSpec("bottom_b", k, bottom, f << (c.depth() - 1)));
        in = f << (c.depth() - 1);
        for (int n = c.depth() - 1; n >= 0; n--) {
            int ch = f << n;
            int out = f << Math.max(0, n - 1);
            l.add(new ConvSpec("up" + n + "a", k, in + skips.get(n), ch));
            l.add(new ConvSpec("up" + n + "b", k, ch, out));
            in = out;
        }
        l.add(new ConvSpec("final", 1, in, 1));
        return l;
    }

    private Operand<TFloat32> build() {
        List<ConvSpec> specs = convs(config);
        int[] next = {0};
        Operand<TFloat32> x = input;
        List<Operand<TFloat32>> skips = new ArrayList<>();
        for (int n = 0; n < config.depth(); n++) {
            x = relu(conv(x, specs.get(next[0]++)));
            x = relu(conv(x, specs.get(next[0]++)));
            skips.add(x);
            x = tf.nn.maxPool(x, tf.constant(new int[] {1, 2, 2, 1}), tf.constant(new int[] {1, 2, 2, 1}), "VALID");
        }
        x = relu(conv(x, specs.get(next[0]++)));
        x = relu(conv(x, specs.get(next[0]++)));
        for (int n = config.depth() - 1; n >= 0; n--) {
            Operand<TFloat32> skip = skips.get(n);
            // up-sample to the skip's exact size (H, W taken from the tensor, so any multiple of 2^depth works)
            Operand<TInt32> hw = tf.slice(tf.shape(skip), tf.constant(new int[] {1}), tf.constant(new int[] {2}));
            Operand<TFloat32> up = tf.image.resizeNearestNeighbor(x, hw);
            x = tf.concat(List.of(skip, up), tf.constant(3));
            x = relu(conv(x, specs.get(next[0]++)));
            x = relu(conv(x, specs.get(next[0]++)));
        }
        x = conv(x, specs.get(next[0]++));
        if (config.residual()) {
            x = tf.math.add(x, input);
        }
        return tf.withName("output").identity(x);
    }

    private Operand<TFloat32> relu(Operand<TFloat32> x) {
        return tf.nn.relu(x);
    }

    private Operand<TFloat32> conv(Operand<TFloat32> x, ConvSpec c) {
        Variable<TFloat32> w = variable(c.name + "_w", Shape.of(c.k, c.k, c.in, c.out));
        Variable<TFloat32> b = variable(c.name + "_b", Shape.of(c.out));
        return tf.nn.biasAdd(tf.nn.conv2d(x, w, List.of(1L, 1L, 1L, 1L), "SAME"), b);
    }

    private Variable<TFloat32> variable(String name, Shape shape) {
        float[] values = init.get(name);
        if (values == null || values.length != shape.size()) {
            throw new IllegalArgumentException("weights for " + name + " missing or not of shape " + shape);
        }
        Variable<TFloat32> v = tf.withName(name).variable(tf.withInitScope().constant(shape, DataBuffers.of(values)));
        variables.put(name, v);
        return v;
    }
}
