package org.knime.deepclem.engine.predict;

import java.nio.file.Path;

import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.SessionFunction;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/** Hand-built SavedModels for tests: out = gain * (mean over Z / channels of the input) + 1. */
final class ModelFiles {

    private ModelFiles() {
    }

    /**
     * Exports a model whose input has {@code inputShape} (-1 = any) and whose output is (N, H, W, 1):
     * {@code gain * mean(input over every axis but N, H, W) + 1}.
     */
    static void export(Path dir, Shape inputShape, float gain) throws Exception {
        try (Graph g = new Graph()) {
            Ops tf = Ops.create(g);
            Placeholder<TFloat32> x = tf.withName("input").placeholder(TFloat32.class, Placeholder.shape(inputShape));
            Operand<TFloat32> y = x;
            if (inputShape.numDimensions() == 5) {
                y = tf.math.mean(y, tf.constant(1)); // project Z, as ProjectionCARE does
            }
            y = tf.math.mean(y, tf.constant(3), org.tensorflow.op.math.Mean.keepDims(true));
            Variable<TFloat32> v = tf.variable(tf.withInitScope().constant(gain));
            Operand<TFloat32> out = tf.withName("output").math.add(tf.math.mul(y, v), tf.constant(1f));
            try (Session s = new Session(g)) {
                s.initialize();
                SavedModelBundle.exporter(dir.toString()).withFunction(SessionFunction.create(
                    Signature.builder().key("serving_default").input("input", x).output("output", out).build(), s))
                    .export();
            }
        }
    }

}
