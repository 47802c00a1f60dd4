package org.knime.deepclem.nodes.common;

import java.io.IOException;

import org.knime.deepclem.engine.image.Planes;
import org.knime.knip.base.data.img.ImgPlusCell;
import org.knime.knip.base.data.img.ImgPlusCellFactory;
import org.knime.knip.base.data.img.ImgPlusValue;

import net.imagej.ImgPlus;
import net.imagej.axis.Axes;
import net.imagej.axis.AxisType;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

/**
 * Converts between KNIP image cells and the engine's single-channel float planes. KNIP images may carry a channel
 * axis (an RGB PNG reads as X, Y, Channel); the engine works on one plane.
 */
public final class ImagePlanes {

    /** Channel choice meaning "the mean over all channels". */
    public static final int MEAN_OF_CHANNELS = -1;

    private ImagePlanes() {
    }

    /**
     * The image as a 2-D float plane. A 2-D image is copied as is. An image with a channel axis (or a third
     * dimension) gives channel {@code channel}, or the mean over channels for {@link #MEAN_OF_CHANNELS}; a single
     * channel is used whatever {@code channel} says. Singleton extra dimensions are dropped.
     *
     * @throws IllegalArgumentException for images that are not one 2-D plane per channel, or a missing channel
     */
    public static ArrayImg<FloatType, FloatArray> plane(final ImgPlusValue<?> value, final int channel) {
        return planeOf(value.getImgPlus(), channel);
    }

    private static <T extends RealType<T>> ArrayImg<FloatType, FloatArray> planeOf(final ImgPlus<T> img,
        final int channel) {
        RandomAccessibleInterval<T> rai = img;
        int channelDim = img.dimensionIndex(Axes.CHANNEL);
        if (channelDim < 0 && img.numDimensions() == 3) {
            channelDim = 2;
        }
        if (channelDim >= 0 && img.dimension(channelDim) == 1) {
            rai = Views.hyperSlice(rai, channelDim, img.min(channelDim));
            channelDim = -1;
        }
        int spatial = rai.numDimensions() - (channelDim >= 0 ? 1 : 0);
        if (spatial > 2) {
            // drop singleton dimensions other than the channel axis (e.g. Z = 1, Time = 1)
            for (int d = rai.numDimensions() - 1; d >= 2; d--) {
                if (d != channelDim && rai.dimension(d) == 1) {
                    rai = Views.hyperSlice(rai, d, rai.min(d));
                    if (channelDim > d) {
                        channelDim--;
                    }
                }
            }
            spatial = rai.numDimensions() - (channelDim >= 0 ? 1 : 0);
        }
        if (spatial != 2) {
            throw new IllegalArgumentException("image \"" + img.getName() + "\" has " + img.numDimensions()
                + " dimensions; expected a 2-D image (optionally with channels)");
        }
        if (channelDim < 0) {
            return Planes.toFloat(rai);
        }
        long channels = rai.dimension(channelDim);
        if (channel != MEAN_OF_CHANNELS) {
            if (channel < 0 || channel >= channels) {
                throw new IllegalArgumentException("image \"" + img.getName() + "\" has " + channels
                    + " channels; channel " + channel + " does not exist (channels count from 0)");
            }
            return Planes.toFloat(Views.hyperSlice(rai, channelDim, rai.min(channelDim) + channel));
        }
        float[] sum = null;
        for (long c = 0; c < channels; c++) {
            float[] p = Planes.copy(Views.hyperSlice(rai, channelDim, rai.min(channelDim) + c));
            if (sum == null) {
                sum = p;
            } else {
                for (int i = 0; i < p.length; i++) {
                    sum[i] += p[i];
                }
            }
        }
        for (int i = 0; i < sum.length; i++) {
            sum[i] /= channels;
        }
        return Planes.wrap(sum, rai.dimension(channelDim == 0 ? 1 : 0), rai.dimension(channelDim == 2 ? 1 : 2));
    }

    /** A KNIP cell holding a float plane with X and Y axes. */
    public static ImgPlusCell<FloatType> cell(final ImgPlusCellFactory factory,
        final ArrayImg<FloatType, FloatArray> plane, final String name) throws IOException {
        return factory.createCell(new ImgPlus<>(plane, name, new AxisType[]{Axes.X, Axes.Y}));
    }

    /**
     * A KNIP cell holding an 8-bit RGB image (X, Y, Channel) from three planes of values in [0, 255] (clamped); a
     * null plane is black.
     */
    public static ImgPlusCell<UnsignedByteType> rgbCell(final ImgPlusCellFactory factory, final float[] red,
        final float[] green, final float[] blue, final int width, final int height, final String name)
        throws IOException {
        byte[] data = new byte[width * height * 3];
        float[][] channels = {red, green, blue};
        for (int c = 0; c < 3; c++) {
            if (channels[c] == null) {
                continue;
            }
            for (int i = 0; i < width * height; i++) {
                float v = channels[c][i];
                data[c * width * height + i] = (byte)(Float.isNaN(v) ? 0 : Math.round(Math.max(0, Math.min(255, v))));
            }
        }
        ArrayImg<UnsignedByteType, ByteArray> img = ArrayImgs.unsignedBytes(data, width, height, 3);
        return factory.createCell(new ImgPlus<>(img, name, new AxisType[]{Axes.X, Axes.Y, Axes.CHANNEL}));
    }
}
