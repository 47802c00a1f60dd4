package org.knime.deepclem.engine.predict;

import org.knime.deepclem.engine.io.PixelSize;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.real.FloatType;

/**
 * Predicts virtual chromatin at the network's working scale (a resized copy of the EM's field of view). Implemented by
 * {@link VirtualChromatinModel} and by callers that tile or normalise differently; the registration pipeline needs
 * only this.
 */
@FunctionalInterface
public interface VirtualChromatinPredictor {

    /** The prediction for an EM plane, covering the same field at the working scale (its own pixel grid). */
    ArrayImg<FloatType, FloatArray> predictAtWorkingScale(RandomAccessibleInterval<? extends RealType<?>> em);

    /**
     * This predictor for EM images of {@code emPixelSize} (null: unknown), the network seeing them at the pixel size
     * it was trained at ({@code trained}, null: as the model records it); by default, and when a size is unknown,
     * this predictor unchanged.
     */
    default VirtualChromatinPredictor forEmPixelSize(PixelSize emPixelSize, PixelSize trained) {
        return this;
    }
}
