package org.knime.deepclem.engine.predict;

import org.knime.deepclem.engine.image.Planes;
import org.knime.deepclem.engine.preprocess.Equalization;
import org.knime.deepclem.engine.preprocess.Resample;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.real.FloatType;

/**
 * The network input made from an EM plane, shared by training and prediction so that both apply exactly the steps the
 * model's {@link ModelSettings} record (built from the general {@code engine.preprocess} operations): histogram
 * equalisation (optional), scaling to the working scale, percentile normalisation.
 */
public final class NetworkInput {

    private NetworkInput() {
    }

    /** Equalises (if the settings say so) and scales the EM to the working scale; not yet normalised. */
    public static ArrayImg<FloatType, FloatArray> toWorkingScale(RandomAccessibleInterval<? extends RealType<?>> em,
        ModelSettings settings) {
        RandomAccessibleInterval<? extends RealType<?>> img = em;
        if (settings.equalize()) {
            img = Equalization.imageJ(em, bitDepth(em));
        }
        if (settings.workingScale() == 1.0) {
            return img == em ? Planes.toFloat(em) : (ArrayImg<FloatType, FloatArray>) img;
        }
        return Resample.scale(img, settings.workingScale());
    }

    /** The network input: working-scale, normalised plane. */
    public static ArrayImg<FloatType, FloatArray> networkInput(RandomAccessibleInterval<? extends RealType<?>> em,
        ModelSettings settings) {
        ArrayImg<FloatType, FloatArray> w = toWorkingScale(em, settings);
        settings.normalization().applyInPlace(Planes.data(w));
        return w;
    }

    /** 16 when any value exceeds 255 (a 16-bit image), else 8: the range ImageJ equalises over. */
    public static int bitDepth(RandomAccessibleInterval<? extends RealType<?>> img) {
        for (RealType<?> t : net.imglib2.view.Views.flatIterable(img)) {
            if (t.getRealDouble() > 255) {
                return 16;
            }
        }
        return 8;
    }
}
