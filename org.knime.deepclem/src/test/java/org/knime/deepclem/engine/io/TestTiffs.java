package org.knime.deepclem.engine.io;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.IIOImage;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.plugins.tiff.BaselineTIFFTagSet;
import javax.imageio.plugins.tiff.TIFFDirectory;
import javax.imageio.plugins.tiff.TIFFField;
import javax.imageio.plugins.tiff.TIFFTag;
import javax.imageio.stream.FileImageOutputStream;
import javax.imageio.stream.ImageOutputStream;

import com.twelvemonkeys.imageio.metadata.tiff.TIFF;
import com.twelvemonkeys.imageio.metadata.tiff.TIFFEntry;
import com.twelvemonkeys.imageio.plugins.tiff.BigTIFFImageWriterSpi;
import com.twelvemonkeys.imageio.plugins.tiff.TIFFImageMetadata;

/**
 * Writes the TIFF files microscopes and Fiji/Bio-Formats produce, for tests: OME-TIFF (gray pages, one per channel,
 * with OME-XML on the first page) as classic TIFF (the JDK's writer: 8, 16 and 32-bit float) or as BigTIFF
 * (TwelveMonkeys' BigTIFF writer: 8 and 16 bit; it writes no SampleFormat, so no float).
 */
public final class TestTiffs {

    private TestTiffs() {
    }

    /**
     * OME-XML for one image of {@code w x h}, {@code names.size()} channels, and the given z-slices and time points.
     *
     * @param size physical pixel size with its unit, e.g. {@code 65 nm}, or null for none
     */
    public static String omeXml(int w, int h, SampleType type, List<String> names, int sizeZ, int sizeT, String size) {
        StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
            .append("<OME xmlns=\"http://www.openmicroscopy.org/Schemas/OME/2016-06\" Creator=\"DeepCLEM test\">")
            .append("<Image ID=\"Image:0\" Name=\"test\"><Pixels ID=\"Pixels:0\" DimensionOrder=\"XYCZT\" Type=\"")
            .append(switch (type) {
                case UINT8 -> "uint8";
                case UINT16 -> "uint16";
                case FLOAT32 -> "float";
            }).append("\" SizeX=\"").append(w).append("\" SizeY=\"").append(h).append("\" SizeC=\"")
            .append(names.size()).append("\" SizeZ=\"").append(sizeZ).append("\" SizeT=\"").append(sizeT).append('"');
        if (size != null) {
            String[] vu = size.split(" ");
            x.append(" PhysicalSizeX=\"").append(vu[0]).append("\" PhysicalSizeXUnit=\"").append(vu[1])
                .append("\" PhysicalSizeY=\"").append(vu[0]).append("\" PhysicalSizeYUnit=\"").append(vu[1])
                .append('"');
        }
        x.append('>');
        for (int c = 0; c < names.size(); c++) {
            x.append("<Channel ID=\"Channel:0:").append(c).append("\" SamplesPerPixel=\"1\"")
                .append(names.get(c) == null ? "" : " Name=\"" + names.get(c) + "\"").append("/>");
        }
        int planes = names.size() * sizeZ * sizeT;
        x.append("<TiffData IFD=\"0\" PlaneCount=\"").append(planes).append("\"/>");
        return x.append("</Pixels></Image></OME>").toString();
    }

    /** Gray pages of {@code img} (one per channel) as a classic TIFF with {@code description} on the first page. */
    public static void writeTiff(Path f, LoadedImage img, String description) throws IOException {
        ImageWriter w = ImageFiles.jdkWriter("tiff");
        Files.deleteIfExists(f);
        try (ImageOutputStream out = new FileImageOutputStream(f.toFile())) {
            w.setOutput(out);
            w.prepareWriteSequence(null);
            javax.imageio.ImageWriteParam param = w.getDefaultWriteParam();
            for (int c = 0; c < img.channels(); c++) {
                BufferedImage page = gray(img, c);
                IIOMetadata meta = w.getDefaultImageMetadata(new javax.imageio.ImageTypeSpecifier(page), param);
                TIFFDirectory dir = TIFFDirectory.createFromMetadata(meta);
                if (c == 0 && description != null) {
                    dir.addTIFFField(new TIFFField(BaselineTIFFTagSet.getInstance().getTag(
                        BaselineTIFFTagSet.TAG_IMAGE_DESCRIPTION), TIFFTag.TIFF_ASCII, 1, new String[] {description}));
                }
                w.writeToSequence(new IIOImage(page, null, dir.getAsMetadata()), param);
            }
            w.endWriteSequence();
        } finally {
            w.dispose();
        }
    }

    /**
     * Gray 8 or 16-bit pages of {@code img} as a BigTIFF (header magic 43, 64-bit offsets) with {@code description}
     * on the first page, written by TwelveMonkeys' BigTIFF writer.
     */
    public static void writeBigTiff(Path f, LoadedImage img, String description) throws IOException {
        if (!img.sampleType().isInteger()) {
            throw new IllegalArgumentException("the BigTIFF writer writes no SampleFormat: 8 or 16 bit only");
        }
        ImageWriter w = new BigTIFFImageWriterSpi().createWriterInstance(null);
        Files.deleteIfExists(f);
        try (ImageOutputStream out = new FileImageOutputStream(f.toFile())) {
            w.setOutput(out);
            w.prepareWriteSequence(null);
            for (int c = 0; c < img.channels(); c++) {
                TIFFImageMetadata meta = new TIFFImageMetadata(c == 0 && description != null
                    ? List.of(new TIFFEntry(TIFF.TAG_IMAGE_DESCRIPTION, description)) : List.of());
                w.writeToSequence(new IIOImage(gray(img, c), null, meta), null);
            }
            w.endWriteSequence();
        } finally {
            w.dispose();
        }
        if (!isBigTiff(f)) {
            throw new IllegalStateException(f + " is not a BigTIFF");
        }
    }

    /** Whether the file's header is BigTIFF's (version 43). */
    /**
     * Writes a classic TIFF IFD's entry count and entries, one value each: {tag, type (3 SHORT or 4 LONG), value}. For
     * hand-made hostile files, whose point is a header no writer would produce.
     */
    public static void putEntries(java.nio.ByteBuffer b, int[][] tags) {
        b.putShort((short) tags.length);
        for (int[] t : tags) {
            b.putShort((short) t[0]).putShort((short) t[1]).putInt(1);
            if (t[1] == 3) {
                b.putShort((short) t[2]).putShort((short) 0);
            } else {
                b.putInt(t[2]);
            }
        }
    }

    public static boolean isBigTiff(Path f) throws IOException {
        byte[] h = Files.readAllBytes(f);
        return h.length > 8 && ((h[0] == 'I' && h[2] == 43 && h[3] == 0) || (h[0] == 'M' && h[2] == 0 && h[3] == 43));
    }

    /** Channel {@code c} of {@code img} as a gray BufferedImage of its sample type. */
    static BufferedImage gray(LoadedImage img, int c) {
        int w = img.width(), h = img.height();
        float[] v = img.channelArray(c);
        switch (img.sampleType()) {
            case UINT8: {
                BufferedImage b = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
                b.getRaster().setSamples(0, 0, w, h, 0, v);
                return b;
            }
            case UINT16: {
                BufferedImage b = new BufferedImage(w, h, BufferedImage.TYPE_USHORT_GRAY);
                b.getRaster().setSamples(0, 0, w, h, 0, v);
                return b;
            }
            default: {
                ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY), false,
                    false, Transparency.OPAQUE, DataBuffer.TYPE_FLOAT);
                WritableRaster r = cm.createCompatibleWritableRaster(w, h);
                r.setSamples(0, 0, w, h, 0, v);
                return new BufferedImage(cm, r, false, null);
            }
        }
    }

    /** A deterministic test pattern: channel c, pixel i. */
    public static float[] pattern(int n, int c, SampleType type) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = switch (type) {
                case UINT8 -> (i * 7 + c * 50) % 256;
                case UINT16 -> (i * 331 + c * 12345) % 65536;
                case FLOAT32 -> (float) ((i - 40) * 0.37 + c * 1e3);
            };
        }
        return v;
    }

}
