package org.knime.deepclem.engine.transform;

import java.nio.file.Path;
import java.util.stream.IntStream;

import org.knime.deepclem.engine.geometry.Affine2D;
import org.knime.deepclem.engine.io.LoadedImage;
import org.knime.deepclem.engine.io.SampleType;

import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.RealType;

/** Applies a registration transform to every channel of an image (colour, alpha and TIFF pages alike). */
public final class ImageWarp {

    private ImageWarp() {
    }

    /**
     * Warps each channel of {@code img} into a {@code width x height} fixed frame, sampling as {@link Warp} does.
     * Pixels whose source lies outside the image become 0. The result keeps the sample type (integers rounded and
     * clamped, so a cubic overshoot cannot wrap around), the RGB flag and the channel names. Samples go straight into an array of the
     * output type: warping a small LM into a 16384^2 EM frame needs 256 MB per 8-bit channel, not 1 GB of float.
     *
     * @param target the file the result is meant for (recorded as its source), may be null
     */
    public static LoadedImage warp(LoadedImage img, Affine2D movingToFixed, int width, int height,
        Interpolation interpolation, Path target) {
        int channels = img.channels();
        long n = (long) width * height;
        if (n * channels > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("output of " + width + "x" + height + "x" + channels
                + " samples is too large for one image");
        }
        SampleType type = img.sampleType();
        int sw = img.width(), sh = img.height();
        Affine2D inv = movingToFixed.inverse();
        Object storage = switch (type) {
            case UINT8 -> new byte[(int) (n * channels)];
            case UINT16 -> new short[(int) (n * channels)];
            case FLOAT32 -> new float[(int) (n * channels)];
        };
        for (int c = 0; c < channels; c++) {
            float[] src = img.channelArray(c);
            int base = (int) (c * n);
            IntStream.range(0, height).parallel().forEach(y -> { // rows are independent: same result in any order
                for (int x = 0; x < width; x++) {
                    float v = type.toStored(Warp.sample(src, sw, sh, inv.applyX(x, y), inv.applyY(x, y),
                        interpolation, 0f));
                    int i = base + y * width + x;
                    switch (type) {
                        case UINT8 -> ((byte[]) storage)[i] = (byte) (int) v;
                        case UINT16 -> ((short[]) storage)[i] = (short) (int) v;
                        case FLOAT32 -> ((float[]) storage)[i] = v;
                    }
                }
            });
        }
        Img<? extends RealType<?>> pixels = switch (type) {
            case UINT8 -> ArrayImgs.unsignedBytes((byte[]) storage, width, height, channels);
            case UINT16 -> ArrayImgs.unsignedShorts((short[]) storage, width, height, channels);
            case FLOAT32 -> ArrayImgs.floats((float[]) storage, width, height, channels);
        };
        return LoadedImage.of(target, pixels, type, img.rgb()).withChannelNames(img.channelNames());
    }
}
