package org.knime.deepclem.engine.io;

import java.nio.file.Path;
import java.util.List;

import org.knime.deepclem.engine.image.Planes;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

/**
 * An image as read from (or to be written to) a file: pixels with dimensions (x, y, c), c = 1 for gray.
 *
 * @param source     the file it came from (or will go to); used in messages, may be null for images made in memory
 * @param pixels     x, y, channel; an array image of UnsignedByteType, UnsignedShortType or FloatType matching
 *                   {@code sampleType}
 * @param sampleType how the samples are stored in the file
 * @param rgb        whether channels 0..2 are red, green, blue (and 3, if present, alpha)
 * @param channelNames the channels' names as the file gives them (OME-XML {@code Channel Name}, ImageJ slice labels;
 *                   "" for an unnamed one), one per channel, or empty when the file names none
 */
public record LoadedImage(Path source, Img<? extends RealType<?>> pixels, SampleType sampleType, boolean rgb,
    List<String> channelNames) {

    /** An image whose channels have no names. */
    public LoadedImage(Path source, Img<? extends RealType<?>> pixels, SampleType sampleType, boolean rgb) {
        this(source, pixels, sampleType, rgb, List.of());
    }

    public LoadedImage {
        channelNames = List.copyOf(channelNames);
        if (!channelNames.isEmpty() && channelNames.size() != pixels.dimension(2)) {
            throw new IllegalArgumentException(channelNames.size() + " channel names for " + pixels.dimension(2)
                + " channels");
        }
        if (pixels.numDimensions() != 3) {
            throw new IllegalArgumentException("image pixels must be (x, y, c), got " + pixels.numDimensions() + " dimensions");
        }
        if (rgb && pixels.dimension(2) < 3) {
            throw new IllegalArgumentException("an RGB image needs at least 3 channels, got " + pixels.dimension(2));
        }
    }

    public int width() {
        return (int) pixels.dimension(0);
    }

    public int height() {
        return (int) pixels.dimension(1);
    }

    public int channels() {
        return (int) pixels.dimension(2);
    }

    /** Whether this is an RGB(A) image whose colour channels are equal everywhere (gray stored as RGB). */
    public boolean isGrayAsRgb() {
        if (!rgb) {
            return false;
        }
        float[] r = channelArray(0), g = channelArray(1), b = channelArray(2);
        for (int i = 0; i < r.length; i++) {
            if (r[i] != g[i] || r[i] != b[i]) {
                return false;
            }
        }
        return true;
    }

    /** A float copy of channel {@code c}. */
    public ArrayImg<FloatType, FloatArray> channel(int c) {
        return Planes.wrap(channelArray(c), width(), height());
    }

    /** A float copy of channel {@code c} as a row-major array. */
    public float[] channelArray(int c) {
        if (c < 0 || c >= channels()) {
            throw new IllegalArgumentException(name() + " has " + channels() + " channel(s), there is no channel " + c);
        }
        return Planes.copy(Views.hyperSlice(pixels, 2, c));
    }

    /** The plane the given selection picks (see {@link ChannelSelection}). */
    public ArrayImg<FloatType, FloatArray> select(ChannelSelection selection) {
        return selection.apply(this);
    }

    /** The same image with these channel names (one per channel). */
    public LoadedImage withChannelNames(List<String> names) {
        return new LoadedImage(source, pixels, sampleType, rgb, names);
    }

    /** The file name (or "image" when made in memory), for messages. */
    public String name() {
        return source == null ? "image" : source.toString();
    }

    /** An image over already typed (x, y, c) pixels (no copy). */
    public static LoadedImage of(Path source, Img<? extends RealType<?>> pixels, SampleType type, boolean rgb) {
        return new LoadedImage(source, pixels, type, rgb);
    }

    /**
     * The plane a selection picks, without a copy where possible: for a single-channel image and a named selection
     * (AUTO, BLUE, ...) or index 0, a view of the image's own pixels (8/16-bit stay 8/16-bit, so a 16384^2 EM is
     * not widened to 1 GB of float); otherwise the float plane {@link #select} makes.
     */
    public RandomAccessibleInterval<? extends RealType<?>> plane(ChannelSelection selection) {
        selection = selection.resolve(this); // a channel name: its index, or refused
        if (channels() == 1 && (selection.kind() != ChannelSelection.Kind.INDEX || selection.index() == 0)) {
            return Views.hyperSlice(pixels, 2, 0);
        }
        return select(selection);
    }

    /** A single-channel image from a float plane; values are rounded and clamped to {@code type}. */
    public static LoadedImage ofPlane(Path source, RandomAccessibleInterval<? extends RealType<?>> plane,
        SampleType type) {
        return ofChannels(source, type, false, plane.dimension(0), plane.dimension(1), Planes.asArray(plane));
    }

    /**
     * An image from row-major float channels of {@code width x height} values each; values are rounded and clamped to
     * {@code type} (NaN becomes 0 for integer types). A single float channel is used as it is, not copied.
     */
    public static LoadedImage ofChannels(Path source, SampleType type, boolean rgb, long width, long height,
        float[]... channels) {
        long n = width * height;
        if (channels.length == 0) {
            throw new IllegalArgumentException("an image needs at least one channel");
        }
        if (n * channels.length > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("image of " + width + "x" + height + "x" + channels.length + " is too large");
        }
        int total = (int) (n * channels.length);
        for (float[] ch : channels) {
            if (ch.length != n) {
                throw new IllegalArgumentException("channel of " + ch.length + " values is not " + width + "x" + height);
            }
        }
        switch (type) {
            case UINT8: {
                byte[] d = new byte[total];
                storeEach(channels, type, (i, v) -> d[i] = (byte) v);
                return new LoadedImage(source, ArrayImgs.unsignedBytes(d, width, height, channels.length), type, rgb);
            }
            case UINT16: {
                short[] d = new short[total];
                storeEach(channels, type, (i, v) -> d[i] = (short) v);
                return new LoadedImage(source, ArrayImgs.unsignedShorts(d, width, height, channels.length), type, rgb);
            }
            default: {
                if (channels.length == 1) { // no copy: the image shares the caller's array
                    return new LoadedImage(source, ArrayImgs.floats(channels[0], width, height, 1), type, rgb);
                }
                float[] d = new float[total];
                for (int c = 0; c < channels.length; c++) {
                    System.arraycopy(channels[c], 0, d, (int) (c * n), (int) n);
                }
                return new LoadedImage(source, ArrayImgs.floats(d, width, height, channels.length), type, rgb);
            }
        }
    }

    private interface StoredSink {
        void put(int index, int storedValue);
    }

    /** Each value of each channel as stored in the integer {@code type}, at its index in the (x, y, c) array. */
    private static void storeEach(float[][] channels, SampleType type, StoredSink sink) {
        int k = 0;
        for (float[] channel : channels) {
            for (float v : channel) {
                sink.put(k++, (int) type.toStored(v));
            }
        }
    }
}
