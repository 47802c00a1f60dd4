package org.knime.deepclem.reliability;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.knime.deepclem.engine.predict.VirtualChromatinModel;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.SessionFunction;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * Models for the reliability tests. The bundled default model is used when the build has it; otherwise a small
 * convolutional SavedModel is exported: a 3x3 convolution to 8 ReLU channels and a 1x1 convolution back to one, with
 * positive weights, so its output is a slightly blurred copy of the (normalised) input. That keeps the pipeline's
 * real TensorFlow path (multi-threaded convolutions) while letting a synthetic LM (a warped copy of the EM) register.
 */
public final class TestModels {

    private TestModels() {
    }

    /** Whether the bundled default model is on the classpath. */
    public static boolean hasDefaultModel() {
        return VirtualChromatinModel.class.getResource(VirtualChromatinModel.DEFAULT_MODEL_RESOURCE) != null;
    }

    /** The CLI arguments that pick the model: none (the default model) or {@code --model DIR}. */
    public static List<Object> modelArgs(Path workDir) throws Exception {
        List<Object> args = new ArrayList<>();
        if (!hasDefaultModel()) {
            args.add("--model");
            args.add(blurModel(workDir.resolve("blur-model")));
        }
        return args;
    }

    /** The model {@link #modelArgs} picks, loaded (close it). */
    public static VirtualChromatinModel load(Path workDir) throws Exception {
        return hasDefaultModel() ? VirtualChromatinModel.loadDefault()
            : VirtualChromatinModel.load(blurModel(workDir.resolve("blur-model")));
    }

    /** Exports (once per folder) the blur-like convolutional SavedModel described above. */
    public static Path blurModel(Path dir) throws Exception {
        if (Files.isRegularFile(dir.resolve("saved_model.pb"))) {
            return dir;
        }
        exportConv(dir, Shape.of(-1, -1, -1, 1), 8, 42);
        return dir;
    }

    /** Exports conv3x3(1 -> features, ReLU) then conv1x1(features -> 1) with positive pseudo-random weights. */
    public static void exportConv(Path dir, Shape inputShape, int features, long seed) throws Exception {
        Random rnd = new Random(seed);
        int inChannels = (int) inputShape.get(inputShape.numDimensions() - 1);
        float[] w1 = new float[9 * inChannels * features];
        for (int i = 0; i < w1.length; i++) {
            w1[i] = (float) ((0.8 + 0.4 * rnd.nextDouble()) / 9);
        }
        float[] w2 = new float[features];
        for (int i = 0; i < w2.length; i++) {
            w2[i] = (float) ((0.8 + 0.4 * rnd.nextDouble()) / features);
        }
        try (Graph g = new Graph()) {
            Ops tf = Ops.create(g);
            Placeholder<TFloat32> x = tf.withName("input").placeholder(TFloat32.class, Placeholder.shape(inputShape));
            Operand<TFloat32> k1 = tf.variable(tf.withInitScope().constant(Shape.of(3, 3, inChannels, features),
                DataBuffers.of(w1, true, false)));
            Operand<TFloat32> k2 = tf.variable(tf.withInitScope().constant(Shape.of(1, 1, features, 1),
                DataBuffers.of(w2, true, false)));
            List<Long> ones = List.of(1L, 1L, 1L, 1L);
            Operand<TFloat32> h = tf.nn.relu(tf.nn.conv2d(x, k1, ones, "SAME"));
            Operand<TFloat32> out = tf.withName("output").nn.conv2d(h, k2, ones, "SAME");
            try (Session s = new Session(g)) {
                s.initialize();
                SavedModelBundle.exporter(dir.toString()).withFunction(SessionFunction.create(
                    Signature.builder().key("serving_default").input("input", x).output("output", out).build(), s))
                    .export();
            }
        }
    }
}
