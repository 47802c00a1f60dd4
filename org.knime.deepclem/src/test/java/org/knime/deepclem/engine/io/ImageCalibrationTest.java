package org.knime.deepclem.engine.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.plugins.tiff.BaselineTIFFTagSet;
import javax.imageio.plugins.tiff.TIFFDirectory;
import javax.imageio.plugins.tiff.TIFFField;
import javax.imageio.plugins.tiff.TIFFTag;
import javax.imageio.stream.ImageOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.measure.Calibration;
import ij.process.ShortProcessor;

/** Pixel sizes read from ImageJ TIFFs, OME-XML, plain TIFF resolution and PNG pHYs, and written for ImageJ. */
class ImageCalibrationTest {

    @TempDir
    Path tmp;

    private static final double EPS = 1e-6;

    @Test
    void parsesUserSizesWithUnits() {
        assertEquals(0.005, PixelSize.parse("5nm").x(), EPS);
        assertEquals(0.1, PixelSize.parse("0.1 um").y(), EPS);
        assertEquals(0.1, PixelSize.parse("0.1µm").x(), EPS);
        assertEquals(0.1, PixelSize.parse("100 nm").x(), EPS);
        assertEquals(2.0, PixelSize.parse("0.002mm").x(), EPS);
        PixelSize p = PixelSize.parse("0.1,0.12um");
        assertEquals(0.1, p.x(), EPS);
        assertEquals(0.12, p.y(), EPS);
        assertEquals("5 nm", PixelSize.parse("5 nm").toString());
        assertEquals(20.0, PixelSize.parse("100nm").scaleOnto(PixelSize.parse("5nm")), EPS);
        for (String bad : new String[] {"5", "5 px", "-1nm", "0nm", "", "nm", "5 pixel"}) {
            var e = assertThrows(IllegalArgumentException.class, () -> PixelSize.parse(bad), bad);
            assertTrue(e.getMessage().contains("write e.g. 5nm"), e.getMessage());
        }
    }

    @Test
    void readsImageJCalibrationInEveryUnitImageJWrites() throws IOException {
        for (String unit : new String[] {"µm", "micron", "um", "nm"}) {
            Path f = tmp.resolve("ij-" + unit.hashCode() + ".tif");
            ImagePlus imp = new ImagePlus("em", new ShortProcessor(40, 30));
            calibrate(imp, 0.25, 0.5, unit);
            assertTrue(new FileSaver(imp).saveAsTiff(f.toString()));
            double um = unit.equals("nm") ? 1e-3 : 1;
            PixelSize p = ImageCalibration.read(f).orElseThrow();
            assertEquals(0.25 * um, p.x(), 1e-9, unit);
            assertEquals(0.5 * um, p.y(), 1e-9, unit);
        }
    }

    @Test
    void readsAnImageJHyperstackAsChannelsWithItsCalibration() throws IOException {
        Path f = tmp.resolve("lm.tif");
        ImageStack st = new ImageStack(50, 40);
        for (int c = 0; c < 3; c++) {
            ShortProcessor sp = new ShortProcessor(50, 40);
            sp.set(1000 * (c + 1));
            st.addSlice(sp);
        }
        ImagePlus imp = new ImagePlus("lm", st);
        imp.setDimensions(3, 1, 1);
        imp = new ij.CompositeImage(imp, ij.IJ.COMPOSITE);
        calibrate(imp, 0.1, 0.1, "µm");
        assertTrue(new FileSaver(imp).saveAsTiff(f.toString()));
        LoadedImage img = ImageFiles.read(f);
        assertEquals(3, img.channels());
        assertEquals(SampleType.UINT16, img.sampleType());
        assertEquals(2000, img.channelArray(1)[0], 0);
        assertEquals(0.1, ImageCalibration.read(f).orElseThrow().x(), EPS);
    }

    @Test
    void uncalibratedImagesAreUnknownNotOne() throws IOException {
        Path ij = tmp.resolve("plain-ij.tif");
        assertTrue(new FileSaver(new ImagePlus("p", new ShortProcessor(20, 20))).saveAsTiff(ij.toString()));
        assertEquals(Optional.empty(), ImageCalibration.read(ij));
        Path ours = tmp.resolve("ours.tif");
        ImageFiles.write(gray(20, 20), ours, false);
        assertEquals(Optional.empty(), ImageCalibration.read(ours));
        Path png = tmp.resolve("ours.png");
        ImageFiles.write(gray(20, 20), png, false);
        assertEquals(Optional.empty(), ImageCalibration.read(png));
        // 300 dpi from an image editor is a print setting, not a pixel size
        Path dpi = tmp.resolve("dpi.tif");
        writeTiff(dpi, null, 300, BaselineTIFFTagSet.RESOLUTION_UNIT_INCH);
        assertEquals(Optional.empty(), ImageCalibration.read(dpi));
    }

    @Test
    void readsOmeXmlPhysicalSizesWithTheirUnits() throws IOException {
        Path nm = tmp.resolve("ome-nm.tif");
        writeTiff(nm, ome("PhysicalSizeX=\"5.0\" PhysicalSizeXUnit=\"nm\" PhysicalSizeY=\"6.0\" PhysicalSizeYUnit=\"nm\""),
            0, 0);
        PixelSize p = ImageCalibration.read(nm).orElseThrow();
        assertEquals(0.005, p.x(), EPS);
        assertEquals(0.006, p.y(), EPS);
        Path noUnit = tmp.resolve("ome-default.tif"); // OME's default unit is the micrometre
        writeTiff(noUnit, ome("PhysicalSizeX=\"0.108\" PhysicalSizeY=\"0.108\""), 0, 0);
        assertEquals(0.108, ImageCalibration.read(noUnit).orElseThrow().x(), EPS);
        Path none = tmp.resolve("ome-none.tif");
        writeTiff(none, ome(""), 0, 0);
        assertEquals(Optional.empty(), ImageCalibration.read(none));
        Path bad = tmp.resolve("ome-bad.tif"); // broken XML: unknown, not an exception
        writeTiff(bad, "<?xml version=\"1.0\"?><OME><Pixels PhysicalSizeX=\"x", 0, 0);
        assertEquals(Optional.empty(), ImageCalibration.read(bad));
    }

    @Test
    void readsPlainTiffResolutionInCentimetres() throws IOException {
        Path f = tmp.resolve("cm.tif");
        writeTiff(f, null, 40000, BaselineTIFFTagSet.RESOLUTION_UNIT_CENTIMETER); // 40000 px/cm = 0.25 µm/px
        assertEquals(0.25, ImageCalibration.read(f).orElseThrow().x(), EPS);
    }

    @Test
    void readsAndWritesPngPhys() throws IOException {
        Path f = tmp.resolve("phys.png");
        BufferedImage bi = new BufferedImage(16, 16, BufferedImage.TYPE_BYTE_GRAY);
        ImageWriter w = ImageIO.getImageWritersByFormatName("png").next();
        IIOMetadata meta = w.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(bi), null);
        IIOMetadataNode root = new IIOMetadataNode("javax_imageio_png_1.0");
        IIOMetadataNode phys = new IIOMetadataNode("pHYs");
        phys.setAttribute("pixelsPerUnitXAxis", "10000000"); // 0.1 µm/px
        phys.setAttribute("pixelsPerUnitYAxis", "5000000");
        phys.setAttribute("unitSpecifier", "meter");
        root.appendChild(phys);
        meta.mergeTree("javax_imageio_png_1.0", root);
        try (ImageOutputStream out = ImageIO.createImageOutputStream(f.toFile())) {
            w.setOutput(out);
            w.write(new IIOImage(bi, null, meta));
        }
        PixelSize p = ImageCalibration.read(f).orElseThrow();
        assertEquals(0.1, p.x(), EPS);
        assertEquals(0.2, p.y(), EPS);

        Path ours = tmp.resolve("ours.png");
        ImageFiles.write(gray(16, 16), ours, false, PixelSize.parse("5nm"));
        assertEquals(0.005, ImageCalibration.read(ours).orElseThrow().x(), 1e-9);
    }

    @Test
    void writtenTiffCalibrationIsWhatImageJSees() throws IOException {
        Path f = tmp.resolve("cal.tif");
        ImageFiles.write(gray(30, 20), f, false, PixelSize.parse("5nm"));
        assertEquals(0.005, ImageCalibration.read(f).orElseThrow().x(), 1e-9);
        ImagePlus imp = IJ.openImage(f.toString());
        Calibration cal = imp.getCalibration();
        assertEquals("µm", cal.getUnit());
        assertEquals(0.005, cal.pixelWidth, 1e-9);
        assertEquals(0.005, cal.pixelHeight, 1e-9);

        Path multi = tmp.resolve("cal3.tif"); // three gray pages: ImageJ opens three channels, calibrated
        float[][] ch = {new float[600], new float[600], new float[600]};
        ImageFiles.write(LoadedImage.ofChannels(multi, SampleType.UINT16, false, 30, 20, ch), multi, false,
            PixelSize.parse("0.1,0.2um"));
        ImagePlus m = IJ.openImage(multi.toString());
        assertEquals(3, m.getNChannels());
        assertEquals(0.1, m.getCalibration().pixelWidth, 1e-7);
        assertEquals(0.2, m.getCalibration().pixelHeight, 1e-7);
        assertEquals("µm", m.getCalibration().getUnit());
        assertEquals(3, ImageFiles.read(multi).channels());
    }

    @Test
    void anUncalibratedWriteStaysUncalibratedForImageJ() throws IOException {
        Path f = tmp.resolve("plain.tif");
        ImageFiles.write(gray(30, 20), f, false);
        Calibration cal = IJ.openImage(f.toString()).getCalibration();
        // ImageJ shows 1 px per blank unit (the TIFF's resolution unit "none"), not a size in inches
        assertEquals(1.0, cal.pixelWidth, 0);
        assertTrue(cal.getUnit().isBlank() || cal.getUnit().equals("pixel"), cal.getUnit());
    }

    private static void calibrate(ImagePlus imp, double pw, double ph, String unit) {
        Calibration c = imp.getCalibration();
        c.pixelWidth = pw;
        c.pixelHeight = ph;
        c.setUnit(unit);
    }

    private static LoadedImage gray(int w, int h) {
        return LoadedImage.ofChannels(null, SampleType.UINT8, false, w, h, new float[w * h]);
    }

    private static String ome(String sizes) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><OME xmlns=\"http://www.openmicroscopy.org/Schemas/OME/2016-06\">"
            + "<Image ID=\"Image:0\"><Pixels ID=\"Pixels:0\" DimensionOrder=\"XYCZT\" Type=\"uint8\" SizeX=\"16\" "
            + "SizeY=\"16\" SizeC=\"1\" SizeZ=\"1\" SizeT=\"1\" " + sizes + "/></Image></OME>";
    }

    /** A 16x16 8-bit TIFF with the given description and resolution (both optional). */
    private static void writeTiff(Path f, String description, double resolution, int unit) throws IOException {
        BufferedImage bi = new BufferedImage(16, 16, BufferedImage.TYPE_BYTE_GRAY);
        ImageWriter w = ImageFiles.jdkWriter("tiff");
        IIOMetadata meta = w.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(bi),
            w.getDefaultWriteParam());
        TIFFDirectory dir = TIFFDirectory.createFromMetadata(meta);
        BaselineTIFFTagSet tags = BaselineTIFFTagSet.getInstance();
        if (description != null) {
            dir.addTIFFField(new TIFFField(tags.getTag(BaselineTIFFTagSet.TAG_IMAGE_DESCRIPTION), TIFFTag.TIFF_ASCII, 1,
                new String[] {description}));
        }
        if (resolution > 0) {
            long[][] r = {{(long) resolution, 1}};
            dir.addTIFFField(new TIFFField(tags.getTag(BaselineTIFFTagSet.TAG_X_RESOLUTION), TIFFTag.TIFF_RATIONAL, 1, r));
            dir.addTIFFField(new TIFFField(tags.getTag(BaselineTIFFTagSet.TAG_Y_RESOLUTION), TIFFTag.TIFF_RATIONAL, 1, r));
            dir.addTIFFField(new TIFFField(tags.getTag(BaselineTIFFTagSet.TAG_RESOLUTION_UNIT), TIFFTag.TIFF_SHORT, 1,
                new char[] {(char) unit}));
        }
        try (ImageOutputStream out = ImageIO.createImageOutputStream(f.toFile())) {
            w.setOutput(out);
            w.write(null, new IIOImage(bi, null, dir.getAsMetadata()), w.getDefaultWriteParam());
        }
    }
}
