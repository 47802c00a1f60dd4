package org.knime.deepclem.engine.io;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.plugins.tiff.BaselineTIFFTagSet;
import javax.imageio.plugins.tiff.TIFFDirectory;
import javax.imageio.plugins.tiff.TIFFField;
import javax.imageio.plugins.tiff.TIFFTag;
import javax.imageio.stream.ImageInputStream;

import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Pixel sizes in image files, read from the file's own metadata and written so that ImageJ and Fiji see them.
 * <p>
 * Read, in this order: OME-XML in a TIFF's ImageDescription ({@code Pixels PhysicalSizeX/Y} with their units,
 * µm when none is given); ImageJ's ImageDescription ({@code unit=micron}, {@code unit=nm}, ...) with the TIFF's
 * XResolution/YResolution (pixels per unit); a plain TIFF's resolution in pixels per centimetre; a PNG's
 * {@code pHYs} chunk in pixels per metre. A resolution in pixels per inch is a print setting (72 dpi from an image
 * editor), not a microscope's calibration, and so is unknown, as is a file without any of these. TIFF and BigTIFF
 * tags are read with TwelveMonkeys' TIFF metadata reader ({@link TiffFile}), PNG metadata with the JDK's PNG reader.
 * <p>
 * Written: the TIFF resolution tags (pixels per µm, resolution unit "none") with an ImageJ ImageDescription
 * ({@code unit=micron}), which ImageJ 1.x, Fiji and Bio-Formats read as the calibration.
 */
public final class ImageCalibration {

    private static final int IMAGE_DESCRIPTION = BaselineTIFFTagSet.TAG_IMAGE_DESCRIPTION;
    private static final int X_RESOLUTION = BaselineTIFFTagSet.TAG_X_RESOLUTION;
    private static final int Y_RESOLUTION = BaselineTIFFTagSet.TAG_Y_RESOLUTION;
    private static final int RESOLUTION_UNIT = BaselineTIFFTagSet.TAG_RESOLUTION_UNIT;

    /** TIFF rationals are 32-bit numerator / denominator: pixels per µm with this many steps keep 7 digits. */
    private static final long RATIONAL_DENOMINATOR = 1_000_000L;

    private ImageCalibration() {
    }

    /**
     * The pixel size a PNG or TIFF file records, or empty when it records none. Metadata that cannot be read counts as
     * none: reading the pixels reports a damaged file.
     */
    public static Optional<PixelSize> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new java.nio.file.NoSuchFileException(null, null, "cannot read image " + file + ": no such file");
        }
        try (ImageInputStream in = ImageFiles.open(file)) {
            if (ImageFiles.isTiff(in)) {
                return Optional.ofNullable(TiffLayout.pixelSize(TiffFile.read(file, in)));
            }
            ImageReader reader = ImageFiles.pngReader(file, in);
            try {
                reader.setInput(in, true, false);
                return Optional.ofNullable(fromPng(reader.getImageMetadata(0)));
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // reading the pixels reports a damaged or unsupported file
        }
    }

    private static PixelSize fromPng(IIOMetadata meta) {
        Node root = meta.getAsTree("javax_imageio_png_1.0");
        for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeName().equals("pHYs") && n instanceof Element e
                && "meter".equals(e.getAttribute("unitSpecifier"))) {
                double px = Double.parseDouble(e.getAttribute("pixelsPerUnitXAxis"));
                double py = Double.parseDouble(e.getAttribute("pixelsPerUnitYAxis"));
                return PixelSize.ofUnit(1 / px, 1 / py, "m");
            }
        }
        return null;
    }

    /** A {@code key=value} line of ImageJ's description; ImageJ may write µ as the escape {@code \u00B5}. */
    static String imageJProperty(String description, String key) {
        for (String line : description.split("\n")) {
            if (line.startsWith(key + "=")) {
                return line.substring(key.length() + 1).trim().replace("\\u00B5", "µ").replace("\\u00b5", "µ");
            }
        }
        return null;
    }

    /** The first {@code Pixels} element's PhysicalSizeX/Y (µm unless PhysicalSizeXUnit/YUnit say otherwise). */
    static PixelSize fromOmeXml(String xml) {
        OmeXml ome = OmeXml.parse(xml);
        return ome == null ? null : ome.pixelSize();
    }

    /**
     * TIFF metadata for one page written by {@code writer}: resolution in pixels per µm and, on the first page, ImageJ's
     * description with the unit (and the channel count for several gray pages, so that ImageJ opens them as channels).
     */
    static IIOMetadata tiffMetadata(ImageWriter writer, ImageWriteParam param, BufferedImage page, PixelSize size,
        int pages, boolean first, List<String> labels) throws IOException {
        IIOMetadata meta = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(page), param);
        TIFFDirectory dir = TIFFDirectory.createFromMetadata(meta);
        BaselineTIFFTagSet tags = BaselineTIFFTagSet.getInstance();
        // unknown: 1 px per unit "none", since the writer's default (72 dpi) reads in ImageJ as a size in inches
        dir.addTIFFField(rationalField(tags.getTag(X_RESOLUTION), size == null ? 1 : 1 / size.x()));
        dir.addTIFFField(rationalField(tags.getTag(Y_RESOLUTION), size == null ? 1 : 1 / size.y()));
        dir.addTIFFField(new TIFFField(tags.getTag(RESOLUTION_UNIT), TIFFTag.TIFF_SHORT, 1,
            new char[] {(char) BaselineTIFFTagSet.RESOLUTION_UNIT_NONE}));
        boolean named = labels.size() == pages && labels.stream().anyMatch(l -> !l.isEmpty());
        if (first && (size != null || named)) {
            StringBuilder d = new StringBuilder("ImageJ=1.54p\n");
            if (pages > 1) {
                d.append("images=").append(pages).append("\nchannels=").append(pages)
                    .append("\nhyperstack=true\nmode=grayscale\n");
            }
            if (size != null) {
                d.append("unit=\\u00B5m\n"); // as ImageJ writes µm
            }
            dir.addTIFFField(new TIFFField(tags.getTag(IMAGE_DESCRIPTION), TIFFTag.TIFF_ASCII, 1,
                new String[] {d.toString()}));
        }
        if (first && named) {
            addImageJLabels(dir, labels);
        }
        return dir.getAsMetadata();
    }

    /**
     * The channel names as ImageJ's slice labels: its private tags IJMetadataByteCounts (50838) and IJMetadata (50839),
     * a block "IJIJ" + ("labl", count) followed by each label in UTF-16, big-endian as the file
     * ({@link ImageFiles#write} writes big-endian TIFF). ImageJ and Fiji show them as the channels' labels, and
     * {@link TiffFile#imageJLabels} reads them back as channel names.
     */
    private static void addImageJLabels(TIFFDirectory dir, List<String> labels) {
        int header = 4 + 8;
        long[] counts = new long[1 + labels.size()];
        counts[0] = header;
        int size = header;
        for (int i = 0; i < labels.size(); i++) {
            counts[i + 1] = 2L * labels.get(i).length();
            size += (int) counts[i + 1];
        }
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(size).order(java.nio.ByteOrder.BIG_ENDIAN);
        b.putInt(0x494a494a).putInt(0x6c61626c).putInt(labels.size()); // "IJIJ", "labl", how many
        labels.forEach(l -> l.chars().forEach(c -> b.putChar((char) c)));
        dir.addTIFFField(new TIFFField(new TIFFTag("IJMetadataByteCounts", TiffFile.IJ_METADATA_BYTE_COUNTS,
            1 << TIFFTag.TIFF_LONG), TIFFTag.TIFF_LONG, counts.length, counts));
        dir.addTIFFField(new TIFFField(new TIFFTag("IJMetadata", TiffFile.IJ_METADATA, 1 << TIFFTag.TIFF_BYTE),
            TIFFTag.TIFF_BYTE, size, b.array()));
    }

    private static TIFFField rationalField(TIFFTag tag, double value) {
        long num = Math.round(value * RATIONAL_DENOMINATOR);
        long den = RATIONAL_DENOMINATOR;
        while (num > 0xFFFFFFFFL) { // huge pixels-per-µm (sub-picometre pixels): give up digits, not range
            num >>= 1;
            den >>= 1;
        }
        return new TIFFField(tag, TIFFTag.TIFF_RATIONAL, 1, new long[][] {{Math.max(num, 1), Math.max(den, 1)}});
    }

    /** The root node ImageIO's PNG writer takes for a {@code pHYs} chunk in pixels per metre. */
    static IIOMetadataNode pngPhys(PixelSize size) {
        IIOMetadataNode root = new IIOMetadataNode("javax_imageio_png_1.0");
        IIOMetadataNode phys = new IIOMetadataNode("pHYs");
        phys.setAttribute("pixelsPerUnitXAxis", Long.toString(Math.round(1e6 / size.x())));
        phys.setAttribute("pixelsPerUnitYAxis", Long.toString(Math.round(1e6 / size.y())));
        phys.setAttribute("unitSpecifier", "meter");
        root.appendChild(phys);
        return root;
    }
}
