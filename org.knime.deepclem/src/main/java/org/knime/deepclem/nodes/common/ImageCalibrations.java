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
 * axes of output images in µm. An axis without a length unit (KNIP's default: no unit, scale 1) is uncalibrated.
 */
public final class ImageCalibrations {

    /** The value of a pixel-size option that means "read it from the image". */
    public static final String FROM_IMAGE = "from image";

    private ImageCalibrations() {
    }

    /** The image's pixel size, or null when its X/Y axes carry no length unit. */
    public static PixelSize pixelSize(final ImgPlusValue<?> value) {
        ImgPlus<?> img = value.getImgPlus();
        int x = img.dimensionIndex(Axes.X), y = img.dimensionIndex(Axes.Y);
        x = x < 0 ? 0 : x;
        y = y < 0 ? 1 : y;
        if (img.numDimensions() <= Math.max(x, y)) {
            return null;
        }
        CalibratedAxis ax = img.axis(x), ay = img.axis(y);
        String unit = ax.unit() == null ? ay.unit() : ax.unit();
        if (ay.unit() != null && !ay.unit().equals(unit)) {
            return null; // x and y in different units: not a calibration we can trust
        }
        return PixelSize.ofUnit(ax.averageScale(0, 1), ay.averageScale(0, 1), unit);
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
        if (value == null || value.isBlank() || value.trim().equalsIgnoreCase(FROM_IMAGE)) {
            return null;
        }
        try {
            return PixelSize.parse(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingsException("\"" + optionLabel + "\": " + e.getMessage() + ", or \"" + FROM_IMAGE
                + "\".", e);
        }
    }
}
