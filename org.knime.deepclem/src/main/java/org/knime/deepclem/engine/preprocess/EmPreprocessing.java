package org.knime.deepclem.engine.preprocess;

import java.util.Locale;

import org.knime.deepclem.engine.image.Planes;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.real.FloatType;

/**
 * How an EM image is prepared for the network, in this order: histogram equalisation, percentile normalisation,
 * inversion, rescaling. Used by the "EM Preprocessor" node, {@code deepclem preprocess}, and embedded (as JSON) in a
 * prediction model's sidecar so that prediction prepares images exactly as training did.
 *
 * @param equalize        which equalisation
 * @param claheBlockSize  CLAHE tile edge in px
 * @param claheBins       CLAHE histogram bins
 * @param claheSlope      CLAHE clip limit (maximum slope)
 * @param normalize       whether to normalise to percentiles
 * @param lowPercentile   percentile mapped to 0
 * @param highPercentile  percentile mapped to 1
 * @param clip            limit normalised values to [0, 1]
 * @param invert          mirror the intensities (dark becomes bright)
 * @param scale           resize factor (1 = keep); ignored when both pixel sizes are given
 * @param pixelSizeNm     the input's pixel size, 0 if unknown
 * @param targetPixelSizeNm the wanted pixel size, 0 if none
 */
public record EmPreprocessing(Equalize equalize, int claheBlockSize, int claheBins, double claheSlope,
    boolean normalize, double lowPercentile, double highPercentile, boolean clip, boolean invert, double scale,
    double pixelSizeNm, double targetPixelSizeNm) {

    /** Histogram equalisation methods. */
    public enum Equalize {
        /** Leave intensities as they are. */
        NONE,
        /** ImageJ "Enhance Contrast equalize" (square-root weighted), as the original DeepCLEM. */
        IMAGEJ,
        /** Plain cumulative-histogram equalisation. */
        STANDARD,
        /** Contrast-limited adaptive histogram equalisation. */
        CLAHE;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Equalize fromId(String id) {
            for (Equalize e : values()) {
                if (e.id().equalsIgnoreCase(id.trim())) {
                    return e;
                }
            }
            throw new IllegalArgumentException("unknown equalisation '" + id + "': use imagej, standard, clahe or none");
        }
    }

    /** The original DeepCLEM preparation: ImageJ equalisation only. */
    public static final EmPreprocessing DEEPCLEM = new EmPreprocessing(Equalize.IMAGEJ, Clahe.DEFAULT_BLOCK_SIZE,
        Clahe.DEFAULT_BINS, Clahe.DEFAULT_SLOPE, false, 0.5, 99.8, false, false, 1, 0, 0);

    /** Nothing at all. */
    public static final EmPreprocessing NONE = DEEPCLEM.withEqualize(Equalize.NONE);

    public EmPreprocessing {
        if (equalize == null) {
            throw new IllegalArgumentException("equalisation method missing");
        }
        if (equalize == Equalize.CLAHE && (claheBlockSize < 2 || claheBins < 2 || !(claheSlope >= 1)
            || !Double.isFinite(claheSlope))) {
            throw new IllegalArgumentException("CLAHE needs block size >= 2, bins >= 2 and slope >= 1");
        }
        if (normalize && !(lowPercentile >= 0 && lowPercentile < highPercentile && highPercentile <= 100)) {
            throw new IllegalArgumentException("normalisation percentiles must satisfy 0 <= low < high <= 100, got "
                + lowPercentile + ", " + highPercentile);
        }
        if (!(scale > 0) || !Double.isFinite(scale)) {
            throw new IllegalArgumentException("scale must be a positive number, got " + scale);
        }
        if (!(pixelSizeNm >= 0) || !(targetPixelSizeNm >= 0) || !Double.isFinite(pixelSizeNm)
            || !Double.isFinite(targetPixelSizeNm) || ((pixelSizeNm > 0) != (targetPixelSizeNm > 0))) {
            throw new IllegalArgumentException("give both pixel size and target pixel size (positive), or neither");
        }
    }

    public EmPreprocessing withEqualize(Equalize e) {
        return new EmPreprocessing(e, claheBlockSize, claheBins, claheSlope, normalize, lowPercentile, highPercentile,
            clip, invert, scale, pixelSizeNm, targetPixelSizeNm);
    }

    public EmPreprocessing withNormalization(boolean on, double low, double high, boolean clipTo01) {
        return new EmPreprocessing(equalize, claheBlockSize, claheBins, claheSlope, on, low, high, clipTo01, invert,
            scale, pixelSizeNm, targetPixelSizeNm);
    }

    public EmPreprocessing withInvert(boolean on) {
        return new EmPreprocessing(equalize, claheBlockSize, claheBins, claheSlope, normalize, lowPercentile,
            highPercentile, clip, on, scale, pixelSizeNm, targetPixelSizeNm);
    }

    public EmPreprocessing withScale(double factor) {
        return new EmPreprocessing(equalize, claheBlockSize, claheBins, claheSlope, normalize, lowPercentile,
            highPercentile, clip, invert, factor, 0, 0);
    }

    public EmPreprocessing withPixelSizes(double pixelNm, double targetNm) {
        return new EmPreprocessing(equalize, claheBlockSize, claheBins, claheSlope, normalize, lowPercentile,
            highPercentile, clip, invert, 1, pixelNm, targetNm);
    }

    public EmPreprocessing withClahe(int blockSize, int bins, double slope) {
        return new EmPreprocessing(equalize, blockSize, bins, slope, normalize, lowPercentile, highPercentile, clip,
            invert, scale, pixelSizeNm, targetPixelSizeNm);
    }

    /** The resize factor actually applied: pixel size / target pixel size when both are given, else {@link #scale}. */
    public double effectiveScale() {
        return pixelSizeNm > 0 ? Resample.factor(pixelSizeNm, targetPixelSizeNm) : scale;
    }

    /**
     * Applies the chain, binning integer equalisations as 8-bit when all values fit 0..255, else as 16-bit (values
     * beyond 0..65535 or fractional are first stretched linearly to 0..65535, since histogram bins need integers).
     */
    public ArrayImg<FloatType, FloatArray> apply(RandomAccessibleInterval<? extends RealType<?>> plane) {
        return apply(plane, 0);
    }

    /**
     * Applies the chain to a plane read from a file of {@code bitDepth} bits (8, 16, 32; 0 = infer from the values).
     */
    public ArrayImg<FloatType, FloatArray> apply(RandomAccessibleInterval<? extends RealType<?>> plane, int bitDepth) {
        ArrayImg<FloatType, FloatArray> p = Planes.toFloat(plane);
        int bits = bitDepth == 8 || bitDepth == 16 ? bitDepth : 0;
        double lo = 0, hi = bits == 16 ? 65535 : 255; // the range inversion mirrors
        if (equalize == Equalize.IMAGEJ || equalize == Equalize.STANDARD) {
            if (bits == 0) {
                bits = fitIntegerBins(Planes.data(p));
                hi = bits == 16 ? 65535 : 255;
            }
            p = equalize == Equalize.IMAGEJ ? Equalization.imageJ(p, bits) : Equalization.standard(p, bits);
        } else if (equalize == Equalize.CLAHE) {
            p = Clahe.apply(p, claheBlockSize, claheBins, claheSlope);
        }
        if (bits == 0) { // no integer range known: mirror the data's own range
            double[] mm = Intensity.minMax(Planes.data(p));
            lo = mm[0];
            hi = mm[1];
        }
        if (normalize) {
            p = Intensity.normalizePercentile(p, lowPercentile, highPercentile, clip);
            lo = 0;
            hi = 1;
        }
        if (invert) {
            p = Intensity.invert(p, lo, hi);
        }
        double f = effectiveScale();
        if (f != 1) {
            p = Resample.scale(p, f);
        }
        return p;
    }

    /** 8 or 16 for integer data in those ranges; otherwise stretches {@code v} in place to 0..65535 and says 16. */
    private static int fitIntegerBins(float[] v) {
        boolean integral = true;
        double[] mm = Intensity.minMax(v);
        for (float f : v) {
            if (f != Math.rint(f)) {
                integral = false;
                break;
            }
        }
        if (integral && mm[0] >= 0 && mm[1] <= 255) {
            return 8;
        }
        if (integral && mm[0] >= 0 && mm[1] <= 65535) {
            return 16;
        }
        double s = mm[1] > mm[0] ? 65535 / (mm[1] - mm[0]) : 0;
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) Math.rint((v[i] - mm[0]) * s);
        }
        return 16;
    }

    /** The settings as a JSON object (keys in snake_case). */
    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("equalize", equalize.id());
        o.addProperty("clahe_block_size", claheBlockSize);
        o.addProperty("clahe_bins", claheBins);
        o.addProperty("clahe_slope", claheSlope);
        o.addProperty("normalize", normalize);
        o.addProperty("low_percentile", lowPercentile);
        o.addProperty("high_percentile", highPercentile);
        o.addProperty("clip", clip);
        o.addProperty("invert", invert);
        o.addProperty("scale", scale);
        o.addProperty("pixel_size_nm", pixelSizeNm);
        o.addProperty("target_pixel_size_nm", targetPixelSizeNm);
        return o;
    }

    /** Reads settings written by {@link #toJson}; missing keys take the {@link #DEEPCLEM} values. */
    public static EmPreprocessing fromJson(JsonObject o) {
        EmPreprocessing d = DEEPCLEM;
        try {
            return new EmPreprocessing(
                o.has("equalize") ? Equalize.fromId(o.get("equalize").getAsString()) : d.equalize,
                (int) num(o, "clahe_block_size", d.claheBlockSize), (int) num(o, "clahe_bins", d.claheBins),
                num(o, "clahe_slope", d.claheSlope), bool(o, "normalize", d.normalize),
                num(o, "low_percentile", d.lowPercentile), num(o, "high_percentile", d.highPercentile),
                bool(o, "clip", d.clip), bool(o, "invert", d.invert), num(o, "scale", d.scale),
                num(o, "pixel_size_nm", d.pixelSizeNm), num(o, "target_pixel_size_nm", d.targetPixelSizeNm));
        } catch (IllegalStateException | UnsupportedOperationException | NumberFormatException e) {
            throw new IllegalArgumentException("EM preprocessing settings: " + e.getMessage(), e);
        }
    }

    private static double num(JsonObject o, String key, double dflt) {
        JsonElement e = o.get(key);
        if (e == null || e.isJsonNull()) {
            return dflt;
        }
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            throw new IllegalArgumentException("EM preprocessing settings: \"" + key + "\" must be a number");
        }
        return e.getAsDouble();
    }

    private static boolean bool(JsonObject o, String key, boolean dflt) {
        JsonElement e = o.get(key);
        if (e == null || e.isJsonNull()) {
            return dflt;
        }
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isBoolean()) {
            throw new IllegalArgumentException("EM preprocessing settings: \"" + key + "\" must be true or false");
        }
        return e.getAsBoolean();
    }
}
