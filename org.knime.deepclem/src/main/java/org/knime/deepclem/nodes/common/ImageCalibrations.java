package org.knime.deepclem.nodes.common;

import org.knime.core.node.InvalidSettingsException;
import org.knime.deepclem.engine.io.PixelSize;
import org.knime.knip.base.data.img.ImgPlusValue;

import net.imagej.ImgPlus;
import net.imagej.axis.Axes;
import net.imagej.axis.AxisType;
import net.imagej.axis.CalibratedAxis;
import net.imagej.axis.DefaultLinearAxis;

/**
 * Pixel sizes of KNIP images: read from the X and Y axes' calibration (unit and scale), written onto the X and Y
 * axes of output images in µm.
 * <p>
 * What KNIP's cells carry (knime-ip/knip at the "5.4 ready" commit 961b9b1): an image without calibration, such as a
 * PNG read by the Image Reader (SCIFIO), has imagej-common's default axes, {@code new DefaultLinearAxis(type)}: unit
 * null, scale 1.0. And a cell keeps no unit once written to its file store:
 * {@code org.knime.knip.core/src/org/knime/knip/core/io/externalization/externalizers/CalibratedSpaceExt0.java}
 * (the axis space of {@code ImgMetadataExt1}, which {@code ImgPlusCellMetadataExt0} writes for every
 * {@code ImgPlusCell}) writes only each axis' label and {@code averageScale(0, 1)} and reads them back as
 * {@code new DefaultLinearAxis(type)} with that scale. SCIFIO's readers set calibrated scales without a unit too,
 * in µm (a TIFF's resolution as µm per pixel, OME's PhysicalSize in its default unit µm). So:
 * <ul>
 * <li>a length unit (nm, µm, micron, ...): the scale in that unit;</li>
 * <li>no unit and scale 1: uncalibrated, unknown (never 1 µm);</li>
 * <li>no unit and another positive scale: µm per pixel (SCIFIO's unit; our own output cells are written in µm);</li>
 * <li>a unit that is not a length ("pixel", "unknown"), or a scale that is not positive and finite: unknown.</li>
 * </ul>
 */
public final class ImageCalibrations {

    /** The value of a pixel-size option that means "read it from the image". */
    public static final String FROM_IMAGE = "from image";

    private ImageCalibrations() {
    }

    /** The image's pixel size, or null when its X/Y axes are uncalibrated (see the class comment). */
    public static PixelSize pixelSize(final ImgPlusValue<?> value) {
        ImgPlus<?> img = value.getImgPlus();
        int x = img.dimensionIndex(Axes.X), y = img.dimensionIndex(Axes.Y);
        x = x < 0 ? 0 : x;
        y = y < 0 ? 1 : y;
        if (img.numDimensions() <= Math.max(x, y)) {
            return null;
        }
        CalibratedAxis ax = img.axis(x), ay = img.axis(y);
        String unit = blank(ax.unit()) ? ay.unit() : ax.unit();
        if (!blank(ay.unit()) && !ay.unit().equals(unit)) {
            return null; // x and y in different units: not a calibration we can trust
        }
        double sx = ax.averageScale(0, 1), sy = ay.averageScale(0, 1);
        if (blank(unit)) {
            // KNIP's and SCIFIO's unit-less axes: scale 1 is the default of an uncalibrated image, others are µm
            return sx == 1 && sy == 1 ? null : PixelSize.ofUnit(sx, sy, "µm");
        }
        return PixelSize.ofUnit(sx, sy, unit);
    }

    private static boolean blank(final String unit) {
        return unit == null || unit.isBlank();
    }

    /** Sets the X and Y axes of {@code img} to {@code size} in µm; null leaves them uncalibrated. */
    public static void calibrate(final ImgPlus<?> img, final PixelSize size) {
        if (size == null) {
            return;
        }
        for (int d = 0; d < img.numDimensions(); d++) {
            AxisType t = img.axis(d).type();
            if (Axes.X.equals(t) || Axes.Y.equals(t)) {
                img.setAxis(new DefaultLinearAxis(t, "µm", Axes.X.equals(t) ? size.x() : size.y()), d);
            }
        }
    }

    /**
     * A pixel-size option: null for {@value #FROM_IMAGE} (or empty), else the size given with its unit.
     *
     * @throws InvalidSettingsException naming the option when the value is neither
     */
    public static PixelSize given(final String value, final String optionLabel) throws InvalidSettingsException {
        return given(value, optionLabel, FROM_IMAGE);
    }

    /**
     * A pixel-size option whose default is the word {@code fromWord} (e.g. "from model"): null for that word (or
     * empty), else the size given with its unit.
     *
     * @throws InvalidSettingsException naming the option, saying what to type, when the value is neither
     */
    public static PixelSize given(final String value, final String optionLabel, final String fromWord)
        throws InvalidSettingsException {
        if (value == null || value.isBlank() || value.trim().equalsIgnoreCase(fromWord)) {
            return null;
        }
        try {
            return PixelSize.parse(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingsException("\"" + optionLabel + "\": " + e.getMessage() + ", or \"" + fromWord
                + "\".", e);
        }
    }
}
