package org.knime.deepclem.engine.registration;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;

import javax.imageio.ImageIO;

import org.knime.deepclem.engine.geometry.Affine2D;
import org.knime.deepclem.engine.image.Planes;
import org.knime.deepclem.engine.transform.Interpolation;
import org.knime.deepclem.engine.transform.Warp;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;

/**
 * Registration test cases with a known answer, made from a chromatin image that is already registered to its EM image
 * (data/deepclem/training/chromatin). The fixed image is a crop of it (the "EM frame"), optionally Gaussian-blurred
 * to mimic the CNN's virtual chromatin. The moving image is a simulated light-microscope view: a field larger than
 * the crop, seen under a random similarity transform (any rotation, scale 0.7-2.4 moving -> fixed), with optical
 * blur, a gain and offset, noise, 8-bit quantisation and sometimes as RGB with the chromatin in green or blue.
 * {@link Options} narrow the scale range or put the chromatin in green and blue (cyan, as in the DeepCLEM demo). The
 * crop origin is kept, so that the EM image of the same section can be cropped identically (held-out evaluation of the
 * whole pipeline). Used by the accuracy tests and by the leave-one-out evaluation.
 */
public final class SyntheticPairs {

    /**
     * @param fixed          the EM-frame chromatin image, row-major
     * @param moving         the LM channels, row-major; one channel, or three (R, G, B)
     * @param chromatin      the index in {@code moving} that holds the chromatin
     * @param truth          the true moving px -> fixed px transform
     * @param cropX          left edge of the fixed frame in the source image (px)
     * @param cropY          top edge of the fixed frame in the source image (px)
     */
    public record Case(long seed, float[] fixed, int fixedWidth, int fixedHeight, float[][] moving, int movingWidth,
        int movingHeight, int chromatin, Affine2D truth, int cropX, int cropY) {

        /** The true moving px -> source (uncropped) px transform. */
        public Affine2D truthInSource() {
            return Affine2D.translation(cropX, cropY).after(truth);
        }

        /** The same crop of another image of the source's size (e.g. the EM image the chromatin is registered to). */
        public float[] crop(float[] image, int width) {
            float[] out = new float[fixedWidth * fixedHeight];
            for (int y = 0; y < fixedHeight; y++) {
                System.arraycopy(image, (y + cropY) * width + cropX, out, y * fixedWidth, fixedWidth);
            }
            return out;
        }

        /**
         * The same case with the LM mirrored left-right (every channel), as a section seen from the other side: the
         * truth is the flip (x -> movingWidth - 1 - x) followed by the old truth, so its determinant is negative.
         */
        public Case mirrored() {
            float[][] flipped = new float[moving.length][];
            for (int c = 0; c < moving.length; c++) {
                float[] src = moving[c], out = new float[src.length];
                for (int y = 0; y < movingHeight; y++) {
                    for (int x = 0; x < movingWidth; x++) {
                        out[y * movingWidth + x] = src[y * movingWidth + movingWidth - 1 - x];
                    }
                }
                flipped[c] = out;
            }
            Affine2D flip = new Affine2D(-1, 0, movingWidth - 1, 0, 1, 0);
            return new Case(seed, fixed, fixedWidth, fixedHeight, flipped, movingWidth, movingHeight, chromatin,
                truth.after(flip), cropX, cropY);
        }

        /** Registration error of {@code found}: RMS distance in fixed px over a 16x16 grid covering the fixed frame. */
        public double error(Affine2D found) {
            if (found == null || !found.isFinite()) {
                return Double.POSITIVE_INFINITY;
            }
            return found.after(truth.inverse()).rmsDistance(Affine2D.IDENTITY, fixedWidth, fixedHeight, 16);
        }

        public String describe() {
            return String.format("seed %d: fixed %dx%d, moving %dx%d%s, scale %.3f, rotation %.1f deg", seed,
                fixedWidth, fixedHeight, movingWidth, movingHeight, moving.length > 1 ? " RGB ch" + chromatin : "",
                truth.scale(), truth.rotationDegrees());
        }
    }

    /** A gray plane read from a PNG/TIFF (first band), with its size. */
    public record Source(float[] px, int width, int height) {
        public static Source read(Path file) throws IOException {
            BufferedImage img = ImageIO.read(file.toFile());
            if (img == null) {
                throw new IOException(file + ": not an image javax.imageio can read");
            }
            Raster r = img.getRaster();
            int w = img.getWidth(), h = img.getHeight();
            float[] px = r.getSamples(0, 0, w, h, r.getNumBands() >= 3 ? 2 : 0, new float[w * h]);
            return new Source(px, w, h);
        }
    }

    /** Where the chromatin goes in the simulated LM image. */
    public enum Colour {
        /** gray in two thirds of the cases, else RGB with the chromatin in green or blue (the accuracy tests) */
        MIXED,
        /** always RGB with the chromatin in green and blue (cyan, as the DeepCLEM demo); {@code chromatin} = blue */
        CYAN
    }

    /**
     * @param minScale smallest moving -> fixed scale (LM px size / EM px size)
     * @param maxScale largest moving -> fixed scale
     * @param wholeFrame the fixed image is the whole source image instead of a crop of 55-85 % of each side
     */
    public record Options(double minScale, double maxScale, Colour colour, boolean wholeFrame) {
        public static final Options DEFAULT = new Options(0.7, 2.4, Colour.MIXED, false);

        public Options {
            if (!(minScale > 0 && maxScale >= minScale)) {
                throw new IllegalArgumentException("scale range must be 0 < min <= max, got " + minScale + ".." + maxScale);
            }
        }
    }

    private SyntheticPairs() {
    }

    /** As {@link #make(Source, long, double, Options)} with {@link Options#DEFAULT}. */
    public static Case make(Source src, long seed, double blurFixedSigma) {
        return make(src, seed, blurFixedSigma, Options.DEFAULT);
    }

    /** As {@link #make(Source, long, double)}; with {@code wholeFrame} the fixed image is the whole source image. */
    public static Case make(Source src, long seed, double blurFixedSigma, boolean wholeFrame) {
        Options d = Options.DEFAULT;
        return make(src, seed, blurFixedSigma, new Options(d.minScale(), d.maxScale(), d.colour(), wholeFrame));
    }

    /**
     * One case, fully determined by {@code seed}.
     *
     * @param blurFixedSigma Gaussian sigma (px) applied to the fixed image; 0 for none
     */
    public static Case make(Source src, long seed, double blurFixedSigma, Options options) {
        return make(src, seed, seed, blurFixedSigma, options);
    }

    /**
     * A case whose EM frame (the crop) is drawn from {@code cropSeed} and everything else (the LM view's pose, field,
     * optics, detector) from {@code poseSeed}: cases that share a crop differ only in how the LM sees it. With equal
     * seeds, the same case as {@link #make(Source, long, double, Options)}.
     */
    public static Case make(Source src, long cropSeed, long poseSeed, double blurFixedSigma, Options options) {
        boolean wholeFrame = options.wholeFrame();
        Random rnd = random(cropSeed);
        // the EM frame: a crop of 55-85 % of each side
        double cropX = 0.55 + 0.3 * rnd.nextDouble(), cropY = 0.55 + 0.3 * rnd.nextDouble();
        int fw = wholeFrame ? src.width : (int) Math.round(src.width * cropX);
        int fh = wholeFrame ? src.height : (int) Math.round(src.height * cropY);
        int ox = rnd.nextInt(src.width - fw + 1), oy = rnd.nextInt(src.height - fh + 1);
        if (poseSeed != cropSeed) {
            rnd = random(poseSeed);
        }
        float[] fixed = new float[fw * fh];
        for (int y = 0; y < fh; y++) {
            System.arraycopy(src.px, (y + oy) * src.width + ox, fixed, y * fw, fw);
        }
        if (blurFixedSigma > 0) {
            fixed = Blur.gaussian(fixed, fw, fh, blurFixedSigma);
        }
        // the LM view: moving -> fixed similarity; the moving field holds the whole crop with a margin
        double scale = options.minScale() + (options.maxScale() - options.minScale()) * rnd.nextDouble();
        double angle = (rnd.nextDouble() * 2 - 1) * Math.PI;
        double cos = Math.abs(Math.cos(angle)), sin = Math.abs(Math.sin(angle));
        double bw = (fw * cos + fh * sin) / scale, bh = (fw * sin + fh * cos) / scale;
        double grow = 1.15 + 0.35 * rnd.nextDouble();
        int mw = (int) Math.ceil(bw * grow), mh = (int) Math.ceil(bh * grow);
        // where the crop's centre lies in the moving frame: anywhere that keeps the crop inside
        double cx = mw / 2.0 + (rnd.nextDouble() - 0.5) * (mw - bw), cy = mh / 2.0 + (rnd.nextDouble() - 0.5) * (mh - bh);
        Affine2D rot = Affine2D.similarity(scale, angle, 0, 0);
        double tx = (fw - 1) / 2.0 - rot.applyX(cx, cy), ty = (fh - 1) / 2.0 - rot.applyY(cx, cy);
        Affine2D truth = Affine2D.similarity(scale, angle, tx, ty);
        Affine2D movingToSource = Affine2D.translation(ox, oy).after(truth);

        // optics: anti-aliasing for the coarser LM pixels plus 0.5-1.5 LM px of blur, applied in source px
        double lmBlur = 0.5 + rnd.nextDouble();
        double sigmaSrc = Math.hypot(scale > 1 ? 0.45 * scale : 0, lmBlur * scale);
        float[] blurred = Blur.gaussian(src.px, src.width, src.height, sigmaSrc);
        float[] chromatin = Planes.data(Warp.warp(Planes.wrap(blurred, src.width, src.height),
            movingToSource.inverse(), mw, mh, Interpolation.LINEAR, 0f));
        double gain = 0.5 + rnd.nextDouble(), offset = 20 * rnd.nextDouble(), noise = 2 + 6 * rnd.nextDouble();
        float[] lm = detector(chromatin, gain, offset, noise, rnd);
        float[][] channels = new float[3][];
        int ch;
        if (options.colour() == Colour.CYAN) {
            ch = 2;
            channels[2] = lm;
            // green: the same stain through another detector (a little dimmer, its own noise)
            channels[1] = detector(chromatin, 0.8 * gain, offset, noise, rnd);
        } else {
            boolean rgb = rnd.nextInt(3) == 0;
            if (!rgb) {
                return new Case(poseSeed, fixed, fw, fh, new float[][] {lm}, mw, mh, 0, truth, ox, oy);
            }
            ch = rnd.nextBoolean() ? 1 : 2;
            channels[ch] = lm;
        }
        for (int c = 0; c < 3; c++) {
            if (channels[c] == null) {
                // another fluorescence signal: the chromatin image mirrored and coarsely blurred, dimmer
                float[] other = new float[mw * mh];
                for (int y = 0; y < mh; y++) {
                    for (int x = 0; x < mw; x++) {
                        other[y * mw + x] = 0.6f * chromatin[(mh - 1 - y) * mw + x];
                    }
                }
                channels[c] = detector(Blur.gaussian(other, mw, mh, 6), 1, 5, noise, rnd);
            }
        }
        return new Case(poseSeed, fixed, fw, fh, channels, mw, mh, ch, truth, ox, oy);
    }

    private static Random random(long seed) {
        // scrambled: java.util.Random's first draws from neighbouring seeds are nearly equal
        return new Random(seed * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L);
    }

    /** Gain, offset, Gaussian noise, then 8-bit clipping and rounding. */
    private static float[] detector(float[] v, double gain, double offset, double noise, Random rnd) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            double x = gain * v[i] + offset + noise * rnd.nextGaussian();
            out[i] = (float) Math.rint(Math.max(0, Math.min(255, x)));
        }
        return out;
    }
}
