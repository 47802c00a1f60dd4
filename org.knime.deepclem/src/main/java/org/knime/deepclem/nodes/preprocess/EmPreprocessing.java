package org.knime.deepclem.nodes.preprocess;

import org.knime.deepclem.engine.preprocess.Equalization;
import org.knime.deepclem.engine.preprocess.Resample;

import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.real.FloatType;

/** The engine's EM preprocessing as the node's options choose it: equalise, rescale, normalise. */
record EmPreprocessing(boolean equalize, double scale, boolean normalize, double pmin, double pmax, boolean clip) {

    /** Runs the chosen steps on one plane (the input is not modified). */
    ArrayImg<FloatType, FloatArray> apply(final ArrayImg<FloatType, FloatArray> plane) {
        ArrayImg<FloatType, FloatArray> img = plane;
        if (equalize) {
            img = Equalization.imageJ(img, bitDepth(img));
        }
        if (scale != 1.0) {
            img = Resample.scale(img, scale);
        }
        if (normalize) {
            throw new IllegalStateException("percentile normalisation is not wired to the engine yet");
        }
        return img;
    }

    /** 16 when any value exceeds 255 (a 16-bit image), else 8: the range ImageJ equalises over. */
    private static int bitDepth(final ArrayImg<FloatType, FloatArray> img) {
        for (FloatType t : img) {
            if (t.get() > 255) {
                return 16;
            }
        }
        return 8;
    }
}
