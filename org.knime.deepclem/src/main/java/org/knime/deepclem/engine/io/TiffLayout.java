package org.knime.deepclem.engine.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import com.twelvemonkeys.imageio.metadata.tiff.TIFF;

/**
 * What the pages of a TIFF are, from the OME-XML or ImageJ description on its first page: how many pages hold the
 * image's channels, the channels' names, and the pixel size.
 * <p>
 * Only one 2-D plane per channel is registered, so a file with more than one z-slice or time point, or several
 * images (series), is refused with a message saying how to save one plane, rather than having its slices read as
 * channels. An ImageJ stack without hyperstack dimensions (a description with {@code slices=N} only, as ImageJ writes
 * any plain stack) is read as one channel per page, as before: ImageJ cannot tell channels saved as a plain stack
 * from a z-stack there, and neither can we. A plain multi-page TIFF without either description is one channel per
 * page too.
 *
 * @param pages        the pages to read, from the first (an OME-TIFF may carry more IFDs than its image needs)
 * @param channelNames one name per page ("" for a page without one), or empty when the file names no channels
 */
record TiffLayout(int pages, List<String> channelNames) {

    private static final String Z_HINT = "save one z-plane (Fiji: Image > Stacks > Z Project..., or Image > "
        + "Duplicate... with one slice)";
    private static final String T_HINT = "save one time point (Fiji: Image > Duplicate... with one frame)";

    /**
     * The layout of {@code tiff}, or a one-line IOException naming the file when it holds more than one z-slice,
     * time point or image.
     */
    static TiffLayout of(Path file, TiffFile tiff) throws IOException {
        String description = tiff.description();
        int pages = tiff.pages();
        if (OmeXml.isOme(description)) {
            OmeXml ome = OmeXml.parse(description);
            if (ome != null) {
                return ofOme(file, ome, tiff);
            }
        }
        if (description.startsWith("ImageJ=")) {
            checkImageJ(file, description);
        }
        return new TiffLayout(pages, names(tiff.imageJLabels(), pages));
    }

    private static TiffLayout ofOme(Path file, OmeXml ome, TiffFile tiff) throws IOException {
        if (ome.images() > 1) {
            throw refuse(file, "it holds " + ome.images() + " images (OME series); save the one to register as a "
                + "TIFF of its own (Fiji: open it with Bio-Formats, choose the series, File > Save As > Tiff...)");
        }
        checkPlanes(file, ome.sizeZ(), ome.sizeT());
        // one IFD per Channel element; without them, SizeC samples spread over IFDs of SamplesPerPixel each
        long spp = Math.max(1, tiff.samplesPerPixel(0));
        int planes = ome.channelElements() > 0 ? ome.channelElements() : (int) ((ome.sizeC() + spp - 1) / spp);
        int pages = tiff.pages();
        if (pages < planes) {
            throw refuse(file, "its OME-XML describes " + planes + " planes but the file holds " + pages
                + " (part of a multi-file OME-TIFF set?); open it in Fiji with Bio-Formats and save it as one TIFF");
        }
        return new TiffLayout(planes, names(ome.channelNames(), planes));
    }

    /** ImageJ's hyperstack dimensions: channels are fine, slices (in a hyperstack) and frames are not. */
    private static void checkImageJ(Path file, String description) throws IOException {
        int channels = intProperty(description, "channels");
        int slices = intProperty(description, "slices");
        int frames = intProperty(description, "frames");
        boolean hyperstack = "true".equals(ImageCalibration.imageJProperty(description, "hyperstack"));
        checkPlanes(file, hyperstack || channels > 1 ? slices : 1, frames);
    }

    private static void checkPlanes(Path file, int z, int t) throws IOException {
        if (z > 1) {
            throw refuse(file, "it has " + z + " z-slices" + (t > 1 ? " and " + t + " time points" : "")
                + "; only one 2-D plane per channel can be registered: " + Z_HINT);
        }
        if (t > 1) {
            throw refuse(file, "it has " + t + " time points; only one 2-D plane per channel can be registered: "
                + T_HINT);
        }
    }

    private static int intProperty(String description, String key) {
        String v = ImageCalibration.imageJProperty(description, key);
        try {
            return v == null ? 1 : Math.max(1, Integer.parseInt(v));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /** The first {@code pages} names ("" for missing ones), or empty when there are too few or none at all. */
    private static List<String> names(List<String> given, int pages) {
        if (given.size() < pages || given.stream().limit(pages).allMatch(n -> n == null || n.isBlank())) {
            return List.of();
        }
        List<String> out = new ArrayList<>(pages);
        for (int i = 0; i < pages; i++) {
            String n = given.get(i);
            out.add(n == null ? "" : n.trim());
        }
        return Collections.unmodifiableList(out);
    }

    private static IOException refuse(Path file, String why) {
        return new IOException("cannot read image " + file + ": " + why);
    }

    /**
     * The pixel size the TIFF records (see {@link ImageCalibration}), or null: OME-XML {@code PhysicalSizeX/Y};
     * ImageJ's {@code unit=} with the resolution tags; a plain TIFF's resolution in pixels per centimetre.
     */
    static PixelSize pixelSize(TiffFile tiff) {
        String text = tiff.description();
        if (OmeXml.isOme(text)) {
            OmeXml ome = OmeXml.parse(text);
            return ome == null ? null : ome.pixelSize();
        }
        double xres = tiff.real(0, TIFF.TAG_X_RESOLUTION), yres = tiff.real(0, TIFF.TAG_Y_RESOLUTION);
        if (Double.isNaN(yres)) {
            yres = xres;
        }
        if (text.startsWith("ImageJ=")) {
            String unit = ImageCalibration.imageJProperty(text, "unit");
            return unit == null ? null : PixelSize.ofUnit(1 / xres, 1 / yres, unit);
        }
        long unit = tiff.number(0, TIFF.TAG_RESOLUTION_UNIT, 2); // TIFF's default: inches
        return unit == 3 ? PixelSize.ofUnit(1 / xres, 1 / yres, "cm") : null;
    }
}
