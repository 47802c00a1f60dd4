package org.knime.deepclem.engine.train;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.knime.deepclem.engine.image.Planes;

import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.real.FloatType;

/**
 * Reads PNG/TIFF/JPEG files (JDK ImageIO) as one float plane: gray images as they are, colour images either as
 * luminance (EM stored as RGB) or as their strongest channel (a fluorescence stain in one or two channels).
 */
public final class GrayImages {

    /** How to make one plane of a multi-channel image. */
    public enum ChannelChoice {
        /** Rec. 601 luminance (gray images stored as RGB stay exact) */
        LUMINANCE,
        /** the channel with the highest variance: where a fluorescence signal is */
        STRONGEST
    }

    private GrayImages() {
    }

    /** Reads {@code file}; an unreadable file gives an IOException naming it and what to do. */
    public static ArrayImg<FloatType, FloatArray> read(Path file, ChannelChoice choice) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": no such image file");
        }
        BufferedImage img = ImageIO.read(file.toFile());
        if (img == null) {
            throw new IOException(file + ": not an image ImageIO can read (use PNG or TIFF)");
        }
        Raster r = img.getRaster();
        int w = r.getWidth(), h = r.getHeight(), bands = r.getNumBands();
        if (img.getColorModel().hasAlpha() && bands > 1) {
            bands--; // ignore alpha
        }
        float[][] ch = new float[bands][];
        for (int b = 0; b < bands; b++) {
            ch[b] = r.getSamples(0, 0, w, h, b, (float[]) null);
        }
        float[] out;
        if (bands == 1) {
            out = ch[0];
        } else if (choice == ChannelChoice.LUMINANCE && bands >= 3) {
            out = new float[w * h];
            for (int i = 0; i < out.length; i++) {
                out[i] = (float) (0.299 * ch[0][i] + 0.587 * ch[1][i] + 0.114 * ch[2][i]);
            }
        } else {
            out = ch[strongest(ch)];
        }
        return Planes.wrap(out, w, h);
    }

    private static int strongest(float[][] ch) {
        int best = 0;
        double bestVar = -1;
        for (int b = 0; b < ch.length; b++) {
            double s = 0, s2 = 0;
            for (float v : ch[b]) {
                s += v;
                s2 += (double) v * v;
            }
            double var = s2 / ch[b].length - (s / ch[b].length) * (s / ch[b].length);
            if (var > bestVar) {
                bestVar = var;
                best = b;
            }
        }
        return best;
    }
}
