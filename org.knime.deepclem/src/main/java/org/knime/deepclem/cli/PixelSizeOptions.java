package org.knime.deepclem.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

import org.knime.deepclem.engine.io.ImageCalibration;
import org.knime.deepclem.engine.io.PixelSize;
import org.knime.deepclem.engine.pipeline.PixelSizes;
import org.knime.deepclem.engine.registration.ScalePrior;

import picocli.CommandLine.Option;

/**
 * Pixel sizes of register and batch (a picocli mixin): read from each image file unless given, and with both known a
 * scale prior for the registration.
 */
final class PixelSizeOptions {

    /** The value that means "read it from the file", as the options' default. */
    static final String FROM_IMAGE = "from-image";

    @Option(names = "--em-pixel-size", paramLabel = "SIZE", defaultValue = FROM_IMAGE,
        description = "EM pixel size with its unit: 5nm, 0.005um, or x,y as 5,6nm (default: ${DEFAULT-VALUE}, the EM "
            + "file's calibration from ImageJ/OME-TIFF tags or PNG pHYs; unknown when it has none)")
    String em = FROM_IMAGE;

    @Option(names = "--lm-pixel-size", paramLabel = "SIZE", defaultValue = FROM_IMAGE,
        description = "LM pixel size with its unit, as --em-pixel-size (default: ${DEFAULT-VALUE})")
    String lm = FROM_IMAGE;

    @Option(names = "--model-pixel-size", paramLabel = "SIZE", defaultValue = FROM_IMAGE,
        description = "pixel size of the EM images the model was trained on; with the EM's pixel size known, the EM "
            + "is scaled so that the network sees that size (default: what the model's deepclem.json records as "
            + "emPixelSizeUm; the bundled model records none, so the EM is used at the model's working scale)")
    String model = FROM_IMAGE;

    @Option(names = "--scale-tolerance", paramLabel = "PERCENT", defaultValue = "15",
        description = "with both pixel sizes known, search only LM -> EM scales within this many percent of the one "
            + "they imply (default: ${DEFAULT-VALUE}); 0 searches every scale, as when a size is unknown")
    double tolerancePercent = ScalePrior.DEFAULT_TOLERANCE * 100;

    /** Checks the given values, so that a typo fails before any image is read. */
    void check() {
        given(em, "--em-pixel-size");
        given(lm, "--lm-pixel-size");
        given(model, "--model-pixel-size");
        if (!(tolerancePercent >= 0 && tolerancePercent <= 100)) {
            throw new IllegalArgumentException("--scale-tolerance must be 0..100 %, got " + tolerancePercent);
        }
    }

    /** The pair's pixel sizes: the given ones, else what each file records (null: unknown). */
    PixelSizes resolve(Path emFile, Path lmFile) throws IOException {
        PixelSize e = given(em, "--em-pixel-size");
        PixelSize l = given(lm, "--lm-pixel-size");
        return new PixelSizes(e != null ? e : ImageCalibration.read(emFile).orElse(null),
            l != null ? l : ImageCalibration.read(lmFile).orElse(null));
    }

    /** The given training pixel size of the model, or null: as the model records it. */
    PixelSize modelPixelSize() {
        return given(model, "--model-pixel-size");
    }

    /** The scale prior these sizes allow, or null (a size unknown, or --scale-tolerance 0). */
    ScalePrior prior(PixelSizes sizes) {
        return tolerancePercent == 0 ? null : sizes.scalePrior(tolerancePercent / 100);
    }

    /** The size given as {@code value} to {@code option}, or null for {@value #FROM_IMAGE}. */
    static PixelSize given(String value, String option) {
        if (value == null || value.trim().toLowerCase(Locale.ROOT).equals(FROM_IMAGE)) {
            return null;
        }
        try {
            return PixelSize.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage() + ", or " + FROM_IMAGE);
        }
    }
}
