package org.knime.deepclem.engine.predict;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.knime.deepclem.engine.io.PixelSize;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;

/**
 * The preprocessing a model was trained with, stored as the sidecar {@value #FILE_NAME} inside the model zip (or
 * beside a model folder) so that prediction applies exactly the same steps.
 *
 * @param equalize apply ImageJ's histogram equalisation to the EM first
 * @param workingScale scale factor from the EM as given to the network's input (0.5 = half size)
 * @param pmin lower normalisation percentile
 * @param pmax upper normalisation percentile
 * @param clip clip normalised values to [0, 1]
 * @param tileMultiple network input sizes must be multiples of this (2^depth)
 * @param training free-form record of how the model was trained (command, steps, losses); may be empty
 * @param emPixelSizeUm the pixel size (µm) of the EM images the model was trained on, before the working scale;
 *                      null when not recorded. With it and an EM's pixel size, that EM is scaled so that the network
 *                      sees the trained pixel size ({@link #workingScaleFor})
 */
public record ModelSettings(boolean equalize, double workingScale, double pmin, double pmax, boolean clip,
    int tileMultiple, Map<String, Object> training, Double emPixelSizeUm) {

    /** The sidecar's file name. */
    public static final String FILE_NAME = "deepclem.json";

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    /** Checks the values. */
    public ModelSettings {
        if (!(workingScale > 0 && workingScale <= 8)) {
            throw new IllegalArgumentException("model settings: workingScale must be in (0, 8], got " + workingScale);
        }
        if (tileMultiple < 1 || tileMultiple > 256) {
            throw new IllegalArgumentException("model settings: tileMultiple must be 1..256, got " + tileMultiple);
        }
        new Normalization(pmin, pmax, clip); // validates the percentiles
        if (emPixelSizeUm != null && !(emPixelSizeUm > 0 && Double.isFinite(emPixelSizeUm))) {
            throw new IllegalArgumentException("model settings: emPixelSizeUm must be positive, got " + emPixelSizeUm);
        }
        Map<String, Object> t = new LinkedHashMap<>();
        if (training != null) {
            training.forEach((k, v) -> {
                if (k != null && v != null) { // JSON omits nulls; keep order for a readable file
                    t.put(k, v);
                }
            });
        }
        training = java.util.Collections.unmodifiableMap(t);
    }

    /** Settings without a recorded training pixel size. */
    public ModelSettings(boolean equalize, double workingScale, double pmin, double pmax, boolean clip,
        int tileMultiple, Map<String, Object> training) {
        this(equalize, workingScale, pmin, pmax, clip, tileMultiple, training, null);
    }

    /** These settings recording (or, with null, not) the EM pixel size of the training data. */
    public ModelSettings withEmPixelSize(Double um) {
        return new ModelSettings(equalize, workingScale, pmin, pmax, clip, tileMultiple, training, um);
    }

    /**
     * The working scale for an EM of {@code emPixelSizeUm} µm per px: the recorded one times the ratio of that size
     * to the trained size ({@code trainedUm}, else {@link #emPixelSizeUm()}), so that the network sees its training
     * data's pixel size; the recorded working scale when either size is unknown (NaN / null).
     */
    public double workingScaleFor(double emPixelSizeUm, Double trainedUm) {
        Double trained = trainedUm != null ? trainedUm : this.emPixelSizeUm;
        if (trained == null || !(emPixelSizeUm > 0)) {
            return workingScale;
        }
        return workingScale * emPixelSizeUm / trained;
    }

    /**
     * These settings for an EM of {@code emPixelSize} (null: unknown): the working scale at which the network sees the
     * pixel size it was trained at ({@code trained}, null: {@link #emPixelSizeUm()}; {@link #workingScaleFor}); these
     * settings themselves when either size is unknown or the two agree (to 1e-9).
     *
     * @throws IllegalArgumentException when the EM would be enlarged more than 8 times (a pixel size that cannot be
     *             right, e.g. a size given in µm meant in nm)
     */
    public ModelSettings atEmPixelSize(PixelSize emPixelSize, PixelSize trained) {
        double scale = workingScaleFor(emPixelSize == null ? Double.NaN : emPixelSize.mean(),
            trained == null ? null : trained.mean());
        if (Math.abs(scale - workingScale) <= 1e-9 * workingScale) {
            return this; // the same size, up to rounding (a mean of x and y, a unit conversion)
        }
        if (!(scale <= 8)) {
            throw new IllegalArgumentException("the EM's pixel size " + emPixelSize + " would be enlarged " + scale
                + " times to the model's trained pixel size; check the EM and model pixel sizes");
        }
        return withWorkingScale(scale);
    }

    /** These settings with another working scale (checked as any). */
    public ModelSettings withWorkingScale(double scale) {
        return new ModelSettings(equalize, scale, pmin, pmax, clip, tileMultiple, training, emPixelSizeUm);
    }

    /**
     * What a model without a sidecar gets: the original DeepCLEM preprocessing (equalise, 0.5 / 99.8 clipped)
     * at full scale, tiles in multiples of 16 (enough for CSBDeep's usual depths).
     */
    public static ModelSettings csbDeepDefaults() {
        return new ModelSettings(true, 1.0, 0.5, 99.8, true, 16, Map.of());
    }

    /** The normalisation these settings describe. */
    public Normalization normalization() {
        return new Normalization(pmin, pmax, clip);
    }

    /** Reads a sidecar file; a malformed file gives an IOException naming it. */
    public static ModelSettings read(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Json j = GSON.fromJson(r, Json.class);
            if (j == null) {
                throw new IOException(file + ": empty model settings file");
            }
            ModelSettings d = csbDeepDefaults();
            return new ModelSettings(j.equalize == null ? d.equalize : j.equalize,
                j.workingScale == null ? d.workingScale : j.workingScale, j.pmin == null ? d.pmin : j.pmin,
                j.pmax == null ? d.pmax : j.pmax, j.clip == null ? d.clip : j.clip,
                j.tileMultiple == null ? d.tileMultiple : j.tileMultiple, j.training, j.emPixelSizeUm);
        } catch (JsonParseException | IllegalArgumentException e) {
            throw new IOException(file + ": not valid DeepCLEM model settings (" + e.getMessage() + ")", e);
        }
    }

    /** Writes the sidecar file. */
    public void write(Path file) throws IOException {
        Json j = new Json();
        j.equalize = equalize;
        j.workingScale = workingScale;
        j.pmin = pmin;
        j.pmax = pmax;
        j.clip = clip;
        j.tileMultiple = tileMultiple;
        j.training = training;
        j.emPixelSizeUm = emPixelSizeUm;
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            GSON.toJson(j, w);
        }
    }

    /** The JSON form; boxed so missing keys can take defaults. */
    private static final class Json {
        Boolean equalize;
        Double workingScale;
        Double pmin;
        Double pmax;
        Boolean clip;
        Integer tileMultiple;
        Map<String, Object> training;
        Double emPixelSizeUm;
    }
}
