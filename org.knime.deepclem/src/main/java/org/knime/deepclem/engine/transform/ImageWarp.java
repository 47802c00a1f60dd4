package org.knime.deepclem.engine.transform;

import java.nio.file.Path;

import org.knime.deepclem.engine.image.Planes;
import org.knime.deepclem.engine.io.LoadedImage;

/** Applies a registration transform to every channel of an image (colour, alpha and TIFF pages alike). */
public final class ImageWarp {

    private ImageWarp() {
    }

    /**
     * Warps each channel of {@code img} into a {@code width x height} fixed frame with {@link Warp}. Pixels whose
     * source lies outside the image become 0. The result keeps the sample type (integers rounded and clamped, so a
     * cubic overshoot cannot wrap around) and the RGB flag.
     *
     * @param target the file the result is meant for (recorded as its source), may be null
     */
    public static LoadedImage warp(LoadedImage img, Affine2D movingToFixed, int width, int height,
        Interpolation interpolation, Path target) {
        float[][] out = new float[img.channels()][];
        for (int c = 0; c < out.length; c++) {
            out[c] = Planes.data(Warp.warp(img.channel(c), movingToFixed, width, height, interpolation, 0f));
        }
        return LoadedImage.ofChannels(target, img.sampleType(), img.rgb(), width, height, out);
    }
}
