package org.knime.deepclem.engine.predict;

import org.tensorflow.ndarray.Shape;

/**
 * How a model's input tensor is laid out: 2-D CARE (N, H, W, 1) or the ProjectionCARE stack (N, Z, H, W, 1) that
 * the original DeepCLEM model used, which gets the same plane Z times.
 *
 * @param rank 4 or 5
 * @param z planes to feed (1 for rank 4)
 */
public record InputLayout(int rank, int z) {

    /** Reads the layout from a signature's input shape (-1 = unknown); throws naming the shape when unusable. */
    static InputLayout of(Shape shape, String model) {
        int rank = shape.numDimensions();
        if (rank == 4 && channelsOk(shape.get(3))) {
            return new InputLayout(4, 1);
        }
        if (rank == 5 && channelsOk(shape.get(4))) {
            long z = shape.get(1);
            if (z == 0 || z > 64) {
                throw new IllegalArgumentException(model + ": input shape " + shape + " has " + z + " planes; expected "
                    + "(N,Z,H,W,1) with a small Z");
            }
            return new InputLayout(5, z < 0 ? 2 : (int) z);
        }
        throw new IllegalArgumentException(model + ": input shape " + shape + " is not (N,H,W,1) or (N,Z,H,W,1); "
            + "only single-channel 2-D CARE / ProjectionCARE models are supported");
    }

    private static boolean channelsOk(long c) {
        return c == 1 || c == -1;
    }

    /** The tensor shape of one tile of {@code h x w}. */
    Shape tileShape(int h, int w) {
        return rank == 4 ? Shape.of(1, h, w, 1) : Shape.of(1, z, h, w, 1);
    }
}
