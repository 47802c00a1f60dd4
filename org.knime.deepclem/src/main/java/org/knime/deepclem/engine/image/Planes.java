package org.knime.deepclem.engine.image;

import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

/**
 * Single-channel float planes: the working representation of the numeric stages (registration, warping,
 * prediction), which need flat arrays for speed. Wrapping is free; copying happens only where the source is not
 * already a float array image.
 */
public final class Planes {

    private Planes() {
    }

    /** A new zero plane. */
    public static ArrayImg<FloatType, FloatArray> create(long width, long height) {
        return ArrayImgs.floats(width, height);
    }

    /** Wraps (no copy) a row-major array of {@code width*height} values. */
    public static ArrayImg<FloatType, FloatArray> wrap(float[] data, long width, long height) {
        if (data.length != width * height) {
            throw new IllegalArgumentException("array of " + data.length + " values is not " + width + "x" + height);
        }
        return ArrayImgs.floats(data, width, height);
    }

    /** The backing array of a float array image (no copy). */
    public static float[] data(ArrayImg<FloatType, FloatArray> img) {
        return img.update(null).getCurrentStorageArray();
    }

    /**
     * The plane's values as a row-major array: the backing array itself when {@code img} is a 2-D float array image
     * starting at the origin, otherwise a copy.
     */
    @SuppressWarnings("unchecked")
    public static float[] asArray(RandomAccessibleInterval<? extends RealType<?>> img) {
        if (img.numDimensions() != 2) {
            throw new IllegalArgumentException("expected a 2-D image, got " + img.numDimensions() + " dimensions");
        }
        if (img instanceof ArrayImg<?, ?> a && a.firstElement() instanceof FloatType && img.min(0) == 0 && img.min(1) == 0) {
            return data((ArrayImg<FloatType, FloatArray>) img);
        }
        return copy(img);
    }

    /** Always a fresh row-major copy of a 2-D image's values. */
    public static float[] copy(RandomAccessibleInterval<? extends RealType<?>> img) {
        long w = img.dimension(0), h = img.dimension(1);
        if (w * h > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("image of " + w + "x" + h + " pixels is too large for one plane");
        }
        float[] out = new float[(int) (w * h)];
        Cursor<? extends RealType<?>> c = Views.flatIterable(img).cursor();
        for (int i = 0; i < out.length; i++) {
            out[i] = c.next().getRealFloat();
        }
        return out;
    }

    /** A float copy of any real-typed 2-D image, as an array image at the origin. */
    public static ArrayImg<FloatType, FloatArray> toFloat(RandomAccessibleInterval<? extends RealType<?>> img) {
        return wrap(copy(img), img.dimension(0), img.dimension(1));
    }
}
