package org.knime.deepclem.nodes.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeHarness;
import org.knime.deepclem.engine.io.PixelSize;
import org.knime.knip.base.data.img.ImgPlusCellFactory;
import org.knime.knip.base.data.img.ImgPlusValue;

import net.imagej.ImgPlus;
import net.imagej.axis.Axes;
import net.imagej.axis.AxisType;
import net.imagej.axis.DefaultLinearAxis;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.real.FloatType;

/**
 * Pixel sizes from KNIP image axes as KNIP and SCIFIO leave them (see {@link ImageCalibrations}): an uncalibrated
 * image (unit null, scale 1, what KNIP gives for a PNG) is unknown, never 1 µm; a unit-less other scale is µm.
 */
class ImageCalibrationsTest {

    /** A 4x3 image cell whose X and Y axes have this unit and scale. */
    private static ImgPlusValue<?> cell(final String unit, final double sx, final double sy) throws Exception {
        ImgPlus<FloatType> img = new ImgPlus<>(ArrayImgs.floats(4, 3), "t", new AxisType[]{Axes.X, Axes.Y});
        img.setAxis(new DefaultLinearAxis(Axes.X, unit, sx), 0);
        img.setAxis(new DefaultLinearAxis(Axes.Y, unit, sy), 1);
        return new ImgPlusCellFactory(NodeHarness.executionContext()).createCell(img);
    }

    @Test
    void uncalibratedAxesAreUnknown() throws Exception {
        ImgPlus<UnsignedByteType> png = new ImgPlus<>(ArrayImgs.unsignedBytes(4, 3), "png",
            new AxisType[]{Axes.X, Axes.Y});
        assertNull(png.axis(0).unit(), "imagej-common's default axis, as KNIP reads a PNG");
        assertNull(ImageCalibrations.pixelSize(new ImgPlusCellFactory(NodeHarness.executionContext())
            .createCell(png)));
        assertNull(ImageCalibrations.pixelSize(cell(null, 1, 1)), "no unit, scale 1: not 1 µm");
        assertNull(ImageCalibrations.pixelSize(cell("", 1, 1)));
        assertNull(ImageCalibrations.pixelSize(cell("pixel", 0.5, 0.5)), "not a length");
        assertNull(ImageCalibrations.pixelSize(cell(null, 0, 0)), "no positive scale");
    }

    @Test
    void calibratedAxesGiveMicrometres() throws Exception {
        assertEquals(new PixelSize(0.005, 0.005), ImageCalibrations.pixelSize(cell("nm", 5, 5)));
        assertEquals(0.1, ImageCalibrations.pixelSize(cell("micron", 0.1, 0.1)).x(), 1e-15);
        // SCIFIO's calibrated scales and KNIP's stored cells have no unit: µm
        assertEquals(new PixelSize(0.005, 0.006), ImageCalibrations.pixelSize(cell(null, 0.005, 0.006)));
        assertEquals(1.0, ImageCalibrations.pixelSize(cell("µm", 1, 1)).x(), 0, "1 µm when the unit says so");
    }

    @Test
    void givenSizesNeedAUnitOrTheDefaultWord() throws Exception {
        assertNull(ImageCalibrations.given("from image", "EM pixel size"));
        assertNull(ImageCalibrations.given(" From Model ", "Model's training pixel size", "from model"));
        assertEquals(0.005, ImageCalibrations.given("5 nm", "x", "from model").x(), 1e-15);
        var e = assertThrows(InvalidSettingsException.class,
            () -> ImageCalibrations.given("from image", "Model's training pixel size", "from model"));
        assertTrue(e.getMessage().startsWith("\"Model's training pixel size\": pixel size 'from image' is not a "
            + "positive value with a length unit") && e.getMessage().endsWith("or \"from model\"."), e.getMessage());
    }
}
