package org.knime.deepclem.nodes.common;

import java.io.IOException;
import java.util.List;

import org.knime.core.node.InvalidSettingsException;
import org.knime.deepclem.engine.io.ChannelSelection;
import org.knime.deepclem.engine.io.LoadedImage;
import org.knime.deepclem.engine.io.PixelSize;
import org.knime.deepclem.engine.io.SampleType;
import org.knime.deepclem.engine.image.Planes;
import org.knime.knip.base.data.img.ImgPlusCell;
import org.knime.knip.base.data.img.ImgPlusCellFactory;
import org.knime.knip.base.data.img.ImgPlusValue;

import net.imagej.ImgPlus;
import net.imagej.axis.Axes;
import net.imagej.axis.AxisType;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

/**
 * Converts between KNIP image cells and the engine's single-channel float planes. KNIP images may carry a channel
 * axis (an RGB PNG reads as X, Y, Channel); the engine works on one plane.
 */
public final class ImagePlanes {

    /** The channel choices offered in dialogs (an index 0, 1, ... may be typed as well). */
    public static final List<String> CHANNEL_CHOICES = List.of("auto", "luminance", "red", "green", "blue", "max");

    private ImagePlanes() {
    }

    /**
     * The plane a channel choice picks from an image cell, as the engine picks it from an image file (see
     * {@link ChannelSelection}).
     *
     * @throws IllegalArgumentException for images that are not one 2-D plane per channel, or a missing channel
     */
    public static ArrayImg<FloatType, FloatArray> plane(final ImgPlusValue<?> value, final ChannelSelection channel) {
        return channel.apply(loaded(value));
    }

    /** Parses a channel option; the message names the option. */
    public static ChannelSelection channel(final String choice, final String optionLabel)
        throws InvalidSettingsException {
        try {
            return ChannelSelection.parse(choice == null ? "" : choice);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingsException("\"" + optionLabel + "\": " + e.getMessage(), e);
        }
    }

    /**
     * An image cell as the engine's image record: x, y, channel. The channel axis is the one typed Channel, else
     * the third dimension of a 3-D image; singleton extra dimensions are dropped. Three or four 8/16-bit channels
     * are taken as RGB(A), as the KNIP reader gives for colour files.
     */
    public static LoadedImage loaded(final ImgPlusValue<?> value) {
        return loadedOf(value.getImgPlus());
    }

    private static <T extends RealType<T>> LoadedImage loadedOf(final ImgPlus<T> img) {
        RandomAccessibleInterval<T> rai = img;
        int channelDim = img.dimensionIndex(Axes.CHANNEL);
        if (channelDim < 0 && img.numDimensions() == 3) {
            channelDim = 2;
        }
        for (int d = rai.numDimensions() - 1; d >= 2; d--) {
            if (d != channelDim && rai.dimension(d) == 1) {
                rai = Views.hyperSlice(rai, d, rai.min(d));
                if (channelDim > d) {
                    channelDim--;
                }
            }
        }
        int spatial = rai.numDimensions() - (channelDim >= 0 ? 1 : 0);
        if (spatial != 2) {
            throw new IllegalArgumentException("image \"" + img.getName() + "\" has dimensions "
                + java.util.Arrays.toString(dims(img)) + "; expected a 2-D image, optionally with channels");
        }
        if (channelDim >= 0 && channelDim != 2) {
            rai = Views.moveAxis(rai, channelDim, 2);
        }
        int channels = rai.numDimensions() == 3 ? (int)rai.dimension(2) : 1;
        float[][] planes = new float[channels][];
        for (int c = 0; c < channels; c++) {
            planes[c] = Planes.copy(channels == 1 && rai.numDimensions() == 2 ? rai
                : Views.hyperSlice(rai, 2, rai.min(2) + c));
        }
        T t = img.firstElement();
        SampleType type = t instanceof UnsignedByteType ? SampleType.UINT8
            : t instanceof UnsignedShortType ? SampleType.UINT16 : SampleType.FLOAT32;
        boolean rgb = type.isInteger() && (channels == 3 || channels == 4);
        return LoadedImage.ofChannels(null, type, rgb, rai.dimension(0), rai.dimension(1), planes);
    }

    private static long[] dims(final ImgPlus<?> img) {
        long[] d = new long[img.numDimensions()];
        img.dimensions(d);
        return d;
    }

    /** A KNIP cell holding a float plane with X and Y axes. */
    public static ImgPlusCell<FloatType> cell(final ImgPlusCellFactory factory,
        final ArrayImg<FloatType, FloatArray> plane, final String name) throws IOException {
        return cell(factory, plane, name, null);
    }

    /** A KNIP cell holding a float plane with X and Y axes calibrated to {@code pixelSize} (null: uncalibrated). */
    public static ImgPlusCell<FloatType> cell(final ImgPlusCellFactory factory,
        final ArrayImg<FloatType, FloatArray> plane, final String name, final PixelSize pixelSize) throws IOException {
        ImgPlus<FloatType> img = new ImgPlus<>(plane, name, new AxisType[]{Axes.X, Axes.Y});
        ImageCalibrations.calibrate(img, pixelSize);
        return factory.createCell(img);
    }

    /**
     * A KNIP cell holding an engine image: X, Y for one channel, else X, Y, Channel; the pixel type follows the
     * sample type (8-bit, 16-bit unsigned or float).
     */
    public static ImgPlusCell<?> cell(final ImgPlusCellFactory factory, final LoadedImage image, final String name)
        throws IOException {
        return cell(factory, image, name, null);
    }

    /** As {@link #cell(ImgPlusCellFactory, LoadedImage, String)}, X and Y calibrated to {@code pixelSize} (or not). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static ImgPlusCell<?> cell(final ImgPlusCellFactory factory, final LoadedImage image, final String name,
        final PixelSize pixelSize) throws IOException {
        Img pixels = image.pixels();
        ImgPlus img;
        if (image.channels() == 1) {
            Img plane = image.sampleType() == SampleType.FLOAT32 ? Planes.toFloat(Views.hyperSlice(pixels, 2, 0))
                : copyPlane(image);
            img = new ImgPlus(plane, name, new AxisType[]{Axes.X, Axes.Y});
        } else {
            img = new ImgPlus(pixels, name, new AxisType[]{Axes.X, Axes.Y, Axes.CHANNEL});
        }
        ImageCalibrations.calibrate(img, pixelSize);
        return factory.createCell(img);
    }

    /** Channel 0 of an integer image as a 2-D image of the same pixel type. */
    private static Img<?> copyPlane(final LoadedImage image) {
        float[] v = image.channelArray(0);
        int n = v.length;
        if (image.sampleType() == SampleType.UINT8) {
            byte[] d = new byte[n];
            for (int i = 0; i < n; i++) {
                d[i] = (byte)(int)SampleType.UINT8.toStored(v[i]);
            }
            return ArrayImgs.unsignedBytes(d, image.width(), image.height());
        }
        short[] d = new short[n];
        for (int i = 0; i < n; i++) {
            d[i] = (short)(int)SampleType.UINT16.toStored(v[i]);
        }
        return ArrayImgs.unsignedShorts(d, image.width(), image.height());
    }
}
