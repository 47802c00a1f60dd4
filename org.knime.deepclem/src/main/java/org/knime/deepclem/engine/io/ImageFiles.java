package org.knime.deepclem.engine.io;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;

import com.twelvemonkeys.imageio.plugins.tiff.TIFFImageReaderSpi;
import com.twelvemonkeys.imageio.stream.BufferedFileImageInputStream;

import net.imglib2.type.numeric.RealType;
import net.imglib2.view.Views;

/**
 * Reads PNG with the JDK's javax.imageio reader and TIFF (classic and BigTIFF) with TwelveMonkeys' TIFF reader;
 * writes both with the JDK's writers.
 * <p>
 * Reading: 8/16-bit gray, 32-bit float, RGB/RGBA (8 or 16 bit), palette images (expanded to RGB, or gray when the
 * palette is gray), multi-page TIFF (each page one channel: ImageJ hyperstacks with channels only, OME-TIFF with
 * SizeZ = SizeT = 1; channel names from OME-XML or ImageJ's slice labels, see {@link TiffLayout}). Signed 16-bit,
 * 32-bit integer and 64-bit float samples are read as 32-bit float. Every failure is an {@link IOException} whose
 * one-line message names the file.
 * <p>
 * Writing: 8/16-bit unsigned and 32-bit float TIFF (uncompressed or deflate), 8/16-bit PNG (gray, RGB, RGBA). Files
 * are written to a hidden temporary file in the target folder and then renamed, so a reader never sees half a file
 * and a failed write leaves no debris.
 */
public final class ImageFiles {

    /** Largest plane: ArrayImg planes are single Java arrays. */
    static final long MAX_PIXELS = Integer.MAX_VALUE - 8L;
    /**
     * Decoded bytes per file byte above which a header is treated as lying. Deflate cannot exceed about 1032:1 and
     * LZW about 2700:1 on 8-bit data, so a real image stays far below this.
     */
    static final long MAX_EXPANSION = 5000;

    /** TIFF compression for {@link #write}. */
    public enum TiffCompression {
        NONE, DEFLATE
    }

    private ImageFiles() {
    }

    /** Reads a PNG or TIFF (BigTIFF, OME-TIFF, ImageJ) file. */
    public static LoadedImage read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(null, null, "cannot read image " + file + ": no such file");
        }
        long fileSize = Files.size(file);
        if (fileSize == 0) {
            throw new IOException("cannot read image " + file + ": the file is empty");
        }
        try (ImageInputStream in = open(file)) {
            if (isTiff(in)) {
                return readTiff(file, fileSize, in);
            }
            ImageReader reader = pngReader(file, in);
            try {
                reader.setInput(in, false, true);
                return readPng(file, fileSize, reader);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            throw readFailure(file, e);
        } catch (OutOfMemoryError e) {
            throw new IOException("cannot read image " + file + ": too large for the available memory (" + describe(e)
                + "); give Java more memory (-Xmx)", e);
        }
    }

    /**
     * The file as an image input stream, made directly rather than through ImageIO's registry (which KNIME's other
     * ImageIO plugins may change): TwelveMonkeys' buffered file stream, which its TIFF reader's many small reads need.
     */
    static ImageInputStream open(Path file) throws IOException {
        return new BufferedFileImageInputStream(file.toFile());
    }

    /** Whether the stream starts with a TIFF or BigTIFF header (its position is back at 0 afterwards). */
    static boolean isTiff(ImageInputStream in) throws IOException {
        byte[] head = new byte[4];
        in.seek(0);
        int n = in.read(head, 0, 4);
        in.seek(0);
        return n == 4 && TiffFile.isTiff(head);
    }

    /**
     * TwelveMonkeys' TIFF reader (TIFF, BigTIFF; strips and tiles; none, LZW, deflate, PackBits, JPEG compression),
     * made directly, not looked up in ImageIO's registry: which reader runs does not depend on what else is on the
     * class path (KNIME brings other ImageIO plugins, and in OSGi TwelveMonkeys' META-INF/services entries, which
     * register it with ImageIO on a plain class path, are never scanned; this needs neither).
     */
    static ImageReader tiffReader() {
        return new TIFFImageReaderSpi().createReaderInstance(null);
    }

    /** ImageIO's PNG reader, the JDK's own when another plugin registered one too; other formats are refused. */
    static ImageReader pngReader(Path file, ImageInputStream in) throws IOException {
        Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
        in.seek(0);
        ImageReader chosen = null;
        String other = null;
        while (readers.hasNext()) {
            ImageReader r = readers.next();
            String format = r.getFormatName().toUpperCase(Locale.ROOT);
            if (!format.equals("PNG")) {
                other = other == null ? format : other;
            } else if (chosen == null || r.getOriginatingProvider().getClass().getName().startsWith("com.sun.imageio.")) {
                chosen = r;
            }
        }
        if (chosen == null) {
            throw new IOException("cannot read image " + file + ": " + (other == null ? "not a PNG or TIFF image"
                : other + " is not supported, use PNG or TIFF"));
        }
        return chosen;
    }

    /** One line naming the file, whatever the reader threw (its own "cannot read image" message is kept). */
    private static IOException readFailure(Path file, Exception e) {
        String msg = e.getMessage() != null && e.getMessage().startsWith("cannot read image ") ? e.getMessage()
            : "cannot read image " + file + ": " + describe(e);
        return new IOException(msg.replace('\n', ' '), e);
    }

    /** Width and height of the first image in a PNG or TIFF file, read from the header only. */
    public static int[] size(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(null, null, "cannot read image " + file + ": no such file");
        }
        try (ImageInputStream in = open(file)) {
            if (isTiff(in)) {
                TiffFile tiff = TiffFile.read(file, in);
                int w = tiff.width(0), h = tiff.height(0);
                checkSize(file, Files.size(file), w, h, 1, 1);
                return new int[] {w, h};
            }
            ImageReader reader = pngReader(file, in);
            try {
                reader.setInput(in, true, true);
                int w = reader.getWidth(0), h = reader.getHeight(0);
                checkSize(file, Files.size(file), w, h, 1, 1);
                return new int[] {w, h};
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            throw readFailure(file, e);
        }
    }

    private static LoadedImage readPng(Path file, long fileSize, ImageReader reader) throws IOException {
        int w = reader.getWidth(0), h = reader.getHeight(0);
        checkSize(file, fileSize, w, h, 1, 1);
        return fromRaster(file, reader.read(0));
    }

    /**
     * A TIFF: its pages' tags first (sizes checked, z-stacks and time series refused, channel names found), then the
     * pages decoded by TwelveMonkeys' reader: one page of any supported kind, or several gray pages as channels.
     */
    private static LoadedImage readTiff(Path file, long fileSize, ImageInputStream in) throws IOException {
        TiffFile tiff = TiffFile.read(file, in);
        TiffLayout layout = TiffLayout.of(file, tiff);
        int pages = layout.pages();
        int w = tiff.width(0), h = tiff.height(0);
        long samples = tiff.samplesPerPixel(0);
        if (pages > 1) {
            for (int p = 0; p < pages; p++) {
                if (tiff.width(p) != w || tiff.height(p) != h) {
                    throw new IOException("cannot read image " + file + ": page " + (p + 1) + " is " + tiff.width(p)
                        + "x" + tiff.height(p) + ", page 1 is " + w + "x" + h);
                }
                if (tiff.samplesPerPixel(p) != 1) {
                    throw new IOException("cannot read image " + file + ": multi-page colour TIFF is not supported; "
                        + "save the channels as gray pages");
                }
            }
            samples = pages;
        }
        // every sample of every page the reader will decode, before it allocates anything
        checkSize(file, fileSize, w, h, samples, tiff.bitsPerSample(0));
        ImageReader reader = tiffReader();
        try {
            in.seek(0);
            reader.setInput(in, false, true);
            LoadedImage img;
            if (pages == 1) {
                img = page(file, tiff, reader, 0);
            } else {
                List<LoadedImage> planes = new ArrayList<>();
                for (int p = 0; p < pages; p++) {
                    LoadedImage page = page(file, tiff, reader, p);
                    if (page.channels() != 1) {
                        throw new IOException("cannot read image " + file + ": multi-page colour TIFF is not "
                            + "supported; save the channels as gray pages");
                    }
                    if (!planes.isEmpty() && page.sampleType() != planes.get(0).sampleType()) {
                        throw new IOException("cannot read image " + file + ": page " + (p + 1)
                            + " has a different bit depth");
                    }
                    planes.add(page);
                }
                float[][] channels = planes.stream().map(pl -> pl.channelArray(0)).toArray(float[][]::new);
                img = LoadedImage.ofChannels(file, planes.get(0).sampleType(), false, w, h, channels);
            }
            if (img.width() != w || img.height() != h) {
                throw new IOException("cannot read image " + file + ": decoded " + img.width() + "x" + img.height()
                    + ", the header says " + w + "x" + h);
            }
            return layout.channelNames().size() == img.channels() ? img.withChannelNames(layout.channelNames()) : img;
        } finally {
            reader.dispose();
        }
    }

    /**
     * One TIFF page. Floating-point samples are read as they are stored: TwelveMonkeys' {@code read} would clamp
     * them to 0..1 (its colour normalisation), so they come from {@code readRaster}, at the price of one more copy.
     * Integer samples go through {@code read}, which turns WhiteIsZero, YCbCr and Lab into what viewers show.
     */
    private static LoadedImage page(Path file, TiffFile tiff, ImageReader reader, int p) throws IOException {
        if (tiff.number(p, TIFF_SAMPLE_FORMAT, 1) != TIFF_SAMPLE_FORMAT_FLOAT) {
            return fromRaster(file, reader.read(p));
        }
        Raster raster = reader.readRaster(p, null);
        return fromRaster(file, reader.getRawImageType(p).getColorModel(), raster);
    }

    private static final int TIFF_SAMPLE_FORMAT = 339, TIFF_SAMPLE_FORMAT_FLOAT = 3;

    /**
     * Refuses dimensions that cannot be true for a file of this size, before anything is allocated.
     *
     * @param channels all samples per pixel the reader decodes (pages x samples per pixel)
     * @param bits     bits per sample as the header says (1 when unknown: the smallest, so never too strict)
     */
    static void checkSize(Path file, long fileSize, long w, long h, long channels, long bits) throws IOException {
        if (w <= 0 || h <= 0) {
            throw new IOException("cannot read image " + file + ": invalid size " + w + "x" + h);
        }
        if (channels <= 0) {
            throw new IOException("cannot read image " + file + ": invalid number of samples per pixel " + channels);
        }
        if (w * h > MAX_PIXELS || w * h * channels > MAX_PIXELS) {
            throw new IOException("cannot read image " + file + ": " + w + "x" + h + "x" + channels
                + " pixels is too large (at most " + MAX_PIXELS + " samples)");
        }
        long bitsKnown = Math.max(1, Math.min(bits, 64));
        if (w * h * channels * bitsKnown / 8 > fileSize * MAX_EXPANSION) { // decoded bytes: w*h*channels*bits/8
            throw new IOException("cannot read image " + file + ": header claims " + w + "x" + h + " pixels"
                + (channels > 1 ? " of " + channels + " samples" : "") + ", impossible for a file of " + fileSize
                + " bytes (corrupt file?)");
        }
    }

    private static LoadedImage fromRaster(Path file, BufferedImage bi) throws IOException {
        return fromRaster(file, bi.getColorModel(), bi.getRaster());
    }

    private static LoadedImage fromRaster(Path file, ColorModel cm, Raster r) throws IOException {
        if (cm instanceof IndexColorModel icm) {
            return fromPalette(file, r, icm);
        }
        int w = r.getWidth(), h = r.getHeight(), bands = r.getNumBands();
        int colour = cm.getNumColorComponents();
        boolean rgb = cm.getColorSpace().getType() == ColorSpace.TYPE_RGB && colour == 3 && bands >= 3;
        if (!rgb && colour != 1) {
            throw new IOException("cannot read image " + file + ": colour space with " + colour
                + " components is not supported (use gray or RGB)");
        }
        SampleType type = sampleType(file, r.getSampleModel().getDataType(), r.getSampleModel().getSampleSize(0));
        int bits = r.getSampleModel().getSampleSize(0);
        // 1/2/4-bit gray: stretch to 0..255 as viewers show it
        int stretch = type == SampleType.UINT8 && bits < 8 ? 255 / ((1 << bits) - 1) : 1;
        return LoadedImage.of(file, copySamples(r, type, stretch), type, rgb);
    }

    /**
     * The raster's samples as an (x, y, c) array image of the sample type, copied row by row: no full-size
     * intermediate, so a 16384^2 8-bit image needs its 256 MB twice (decoded raster and result), not 1 GB more.
     */
    private static net.imglib2.img.Img<? extends RealType<?>> copySamples(Raster r, SampleType type, int stretch) {
        int w = r.getWidth(), h = r.getHeight(), bands = r.getNumBands();
        long n = (long) w * h;
        switch (type) {
            case UINT8: {
                byte[] d = new byte[Math.toIntExact(n * bands)];
                forEachRow(r, (row, off) -> {
                    for (int x = 0; x < w; x++) {
                        d[off + x] = (byte) Math.min(255, row[x] * stretch);
                    }
                });
                return net.imglib2.img.array.ArrayImgs.unsignedBytes(d, w, h, bands);
            }
            case UINT16: {
                short[] d = new short[Math.toIntExact(n * bands)];
                forEachRow(r, (row, off) -> {
                    for (int x = 0; x < w; x++) {
                        d[off + x] = (short) row[x];
                    }
                });
                return net.imglib2.img.array.ArrayImgs.unsignedShorts(d, w, h, bands);
            }
            default: {
                float[] d = new float[Math.toIntExact(n * bands)];
                float[] row = new float[w];
                for (int b = 0; b < bands; b++) {
                    for (int y = 0; y < h; y++) {
                        r.getSamples(0, y, w, 1, b, row);
                        System.arraycopy(row, 0, d, (int) (b * n + (long) y * w), w);
                    }
                }
                return net.imglib2.img.array.ArrayImgs.floats(d, w, h, bands);
            }
        }
    }

    private interface IntRowSink {
        void accept(int[] row, int offset);
    }

    /** Hands each row of each band to {@code sink} as integers, with its offset in an (x, y, c) array. */
    private static void forEachRow(Raster r, IntRowSink sink) {
        int w = r.getWidth(), h = r.getHeight();
        long n = (long) w * h;
        int[] row = new int[w];
        for (int b = 0; b < r.getNumBands(); b++) {
            for (int y = 0; y < h; y++) {
                r.getSamples(0, y, w, 1, b, row);
                sink.accept(row, (int) (b * n + (long) y * w));
            }
        }
    }

    private static SampleType sampleType(Path file, int dataType, int bits) throws IOException {
        switch (dataType) {
            case DataBuffer.TYPE_BYTE:
                return SampleType.UINT8;
            case DataBuffer.TYPE_USHORT:
                return bits <= 8 ? SampleType.UINT8 : SampleType.UINT16;
            case DataBuffer.TYPE_SHORT:
            case DataBuffer.TYPE_INT:
            case DataBuffer.TYPE_FLOAT:
            case DataBuffer.TYPE_DOUBLE:
                return SampleType.FLOAT32;
            default:
                throw new IOException("cannot read image " + file + ": unsupported sample type " + dataType);
        }
    }

    /** Palette images: expanded through the palette; a gray opaque palette gives one gray channel. */
    private static LoadedImage fromPalette(Path file, Raster r, IndexColorModel icm) {
        int n = icm.getMapSize();
        boolean gray = !icm.hasAlpha();
        for (int i = 0; i < n && gray; i++) {
            gray = icm.getRed(i) == icm.getGreen(i) && icm.getRed(i) == icm.getBlue(i);
        }
        int w = r.getWidth(), h = r.getHeight();
        int[] idx = r.getSamples(0, 0, w, h, 0, new int[w * h]);
        int nc = gray ? 1 : (icm.hasAlpha() ? 4 : 3);
        float[][] ch = new float[nc][w * h];
        for (int i = 0; i < idx.length; i++) {
            int k = idx[i];
            ch[0][i] = icm.getRed(k);
            if (!gray) {
                ch[1][i] = icm.getGreen(k);
                ch[2][i] = icm.getBlue(k);
                if (nc == 4) {
                    ch[3][i] = icm.getAlpha(k);
                }
            }
        }
        return LoadedImage.ofChannels(file, SampleType.UINT8, !gray, w, h, ch);
    }

    /** ImageIO's PNG compression quality (1 = none); 0.75 measured fastest for its size on RGB overlays. */
    private static final float PNG_COMPRESSION_QUALITY = 0.75f;

    /**
     * Writes {@code img} to {@code file} (format from the extension: .tif/.tiff or .png) with the image's sample type.
     *
     * @param overwrite replace an existing file; without it an existing file is an error and is left untouched
     */
    public static void write(LoadedImage img, Path file, boolean overwrite) throws IOException {
        write(img, file, overwrite, TiffCompression.NONE, null);
    }

    /**
     * As {@link #write(LoadedImage, Path, boolean)}, recording the pixel size in the file ({@link ImageCalibration}:
     * TIFF resolution tags and ImageJ's description, PNG pHYs) when {@code pixelSize} is not null.
     */
    public static void write(LoadedImage img, Path file, boolean overwrite, PixelSize pixelSize) throws IOException {
        write(img, file, overwrite, TiffCompression.NONE, pixelSize);
    }

    /** As {@link #write(LoadedImage, Path, boolean)} with a TIFF compression (ignored for PNG). */
    public static void write(LoadedImage img, Path file, boolean overwrite, TiffCompression compression)
        throws IOException {
        write(img, file, overwrite, compression, null);
    }

    /** As {@link #write(LoadedImage, Path, boolean, PixelSize)} with a TIFF compression (ignored for PNG). */
    public static void write(LoadedImage img, Path file, boolean overwrite, TiffCompression compression,
        PixelSize pixelSize) throws IOException {
        String format = formatOf(file);
        AtomicFiles.refuseExisting(file, overwrite);
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        List<BufferedImage> pages = toBufferedImages(img, format, file);
        Path tmp = AtomicFiles.createTempSibling(file);
        try {
            ImageWriter writer = jdkWriter(format);
            try (ImageOutputStream out =
                AtomicFiles.openTemp(tmp, file, p -> new javax.imageio.stream.FileImageOutputStream(p.toFile()))) {
                out.setByteOrder(java.nio.ByteOrder.BIG_ENDIAN); // the byte order ImageJ's labels are written in
                writer.setOutput(out);
                ImageWriteParam param = writer.getDefaultWriteParam();
                if (format.equals("png")) {
                    // zlib's faster levels: a third less time than the default and, on our overlays, smaller files
                    param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                    param.setCompressionQuality(PNG_COMPRESSION_QUALITY);
                }
                if (format.equals("tiff")) {
                    if (compression == TiffCompression.DEFLATE) {
                        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                        param.setCompressionType("ZLib"); // TIFF code 8, "Adobe Deflate": read by ImageJ, Fiji, libtiff
                    } else {
                        param.setCompressionMode(ImageWriteParam.MODE_DISABLED);
                    }
                }
                // channel names go with gray pages, one per page, as ImageJ's slice labels
                List<String> labels = !img.rgb() && img.channelNames().size() == pages.size() ? img.channelNames()
                    : List.of();
                if (pages.size() == 1) {
                    writer.write(null, new IIOImage(pages.get(0), null,
                        metadata(writer, param, format, pages.get(0), pixelSize, 1, true, labels)), param);
                } else {
                    writer.prepareWriteSequence(null);
                    for (int p = 0; p < pages.size(); p++) {
                        writer.writeToSequence(new IIOImage(pages.get(p), null, metadata(writer, param, format,
                            pages.get(p), pixelSize, pages.size(), p == 0, labels)), param);
                    }
                    writer.endWriteSequence();
                }
            } finally {
                writer.dispose();
            }
            AtomicFiles.moveIntoPlace(tmp, file, overwrite);
        } catch (FileAlreadyExistsException | java.util.concurrent.CancellationException e) {
            AtomicFiles.discard(tmp);
            throw e;
        } catch (IOException | RuntimeException e) {
            AtomicFiles.discard(tmp);
            throw new WriteFailedException("cannot write image " + file + ": " + describe(e), e);
        }
    }

    /**
     * The JDK's own writer for "tiff" or "png" (the calibration is written as the JDK's TIFF metadata), not whichever
     * ImageIO plugin registered first: on a plain class path TwelveMonkeys' TIFF writer is registered too, and in
     * KNIME other plugins may be.
     */
    static ImageWriter jdkWriter(String format) {
        ImageWriter first = null;
        for (Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName(format); it.hasNext();) {
            ImageWriter w = it.next();
            if (w.getOriginatingProvider().getClass().getName().startsWith("com.sun.imageio.")) {
                return w;
            }
            first = first == null ? w : first;
        }
        if (first == null) {
            throw new IllegalStateException("no ImageIO writer for " + format);
        }
        return first;
    }

    /** The page's calibration metadata (a TIFF of unknown size says so); null: the PNG writer's defaults. */
    private static javax.imageio.metadata.IIOMetadata metadata(ImageWriter writer, ImageWriteParam param,
        String format, BufferedImage page, PixelSize size, int pages, boolean first, List<String> labels)
        throws IOException {
        if (format.equals("tiff")) {
            return ImageCalibration.tiffMetadata(writer, param, page, size, pages, first, labels);
        }
        if (size == null) {
            return null;
        }
        var meta = writer.getDefaultImageMetadata(javax.imageio.ImageTypeSpecifier.createFromRenderedImage(page), param);
        meta.mergeTree("javax_imageio_png_1.0", ImageCalibration.pngPhys(size));
        return meta;
    }

    /** "tiff" or "png" from the file name. */
    static String formatOf(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".tif") || n.endsWith(".tiff")) {
            return "tiff";
        }
        if (n.endsWith(".png")) {
            return "png";
        }
        throw new IllegalArgumentException("output " + file + ": unknown format, name it .tif, .tiff or .png");
    }

    /**
     * One page for gray, RGB and RGBA integer images; a multi-page TIFF (one gray page per channel) for anything
     * else. PNG holds only 8/16-bit gray, RGB and RGBA.
     */
    private static List<BufferedImage> toBufferedImages(LoadedImage img, String format, Path file) {
        int c = img.channels();
        boolean colour = img.rgb() && (c == 3 || c == 4) && img.sampleType().isInteger();
        if (format.equals("png")) {
            if (!img.sampleType().isInteger()) {
                throw new IllegalArgumentException("output " + file + ": PNG cannot hold 32-bit float, write a .tif");
            }
            if (!colour && c != 1) {
                throw new IllegalArgumentException("output " + file + ": PNG cannot hold " + c
                    + " separate channels, write a .tif");
            }
        }
        if (colour || c == 1) {
            return List.of(buffered(img, 0, c, colour));
        }
        List<BufferedImage> pages = new ArrayList<>();
        for (int i = 0; i < c; i++) {
            pages.add(buffered(img, i, 1, false));
        }
        return pages;
    }

    private static BufferedImage buffered(LoadedImage img, int first, int count, boolean colour) {
        int dataType = switch (img.sampleType()) {
            case UINT8 -> DataBuffer.TYPE_BYTE;
            case UINT16 -> DataBuffer.TYPE_USHORT;
            case FLOAT32 -> DataBuffer.TYPE_FLOAT;
        };
        boolean alpha = colour && count == 4;
        ColorSpace cs = ColorSpace.getInstance(colour ? ColorSpace.CS_sRGB : ColorSpace.CS_GRAY);
        ColorModel cm = new ComponentColorModel(cs, alpha, false, alpha ? Transparency.TRANSLUCENT : Transparency.OPAQUE,
            dataType);
        int w = img.width(), h = img.height();
        DataBuffer shared = sharedBuffer(img, dataType);
        if (shared != null && count > 1 && dataType != DataBuffer.TYPE_FLOAT) {
            // channels one after the other (x, y, c): interleave once, since the writers read planar rasters pixel by
            // pixel (half the time of writing an RGB overlay)
            return new BufferedImage(cm, interleaved(shared, w, h, first, count), false, null);
        }
        if (shared != null) {
            // no copy: the channels lie one after the other in the image's own array (x fastest, then y, then c)
            long n = (long) w * h;
            int[] offsets = new int[count];
            for (int b = 0; b < count; b++) {
                offsets[b] = (int) ((first + b) * n);
            }
            // one band: the pixel-interleaved model, which the ImageIO writers copy fast, row by row
            var sm = count == 1 ? new java.awt.image.PixelInterleavedSampleModel(dataType, w, h, 1, w, offsets)
                : new java.awt.image.ComponentSampleModel(dataType, w, h, 1, w, offsets);
            return new BufferedImage(cm, Raster.createWritableRaster(sm, shared, null), false, null);
        }
        WritableRaster raster = cm.createCompatibleWritableRaster(w, h);
        float[] row = new float[w];
        for (int b = 0; b < count; b++) {
            // values are already of the sample type, so float carries them exactly (integers < 2^24)
            var ra = Views.hyperSlice(img.pixels(), 2, first + b).randomAccess();
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    ra.setPosition(x, 0);
                    ra.setPosition(y, 1);
                    row[x] = ra.get().getRealFloat();
                }
                raster.setSamples(0, y, w, 1, b, row);
            }
        }
        return new BufferedImage(cm, raster, false, null);
    }

    /** Channels {@code first .. first + count - 1} of a planar (x, y, c) buffer as a pixel-interleaved raster. */
    private static WritableRaster interleaved(DataBuffer planar, int w, int h, int first, int count) {
        int n = w * h;
        int[] offsets = new int[count];
        for (int b = 0; b < count; b++) {
            offsets[b] = b;
        }
        var sm = new java.awt.image.PixelInterleavedSampleModel(planar.getDataType(), w, h, count, w * count, offsets);
        DataBuffer out = sm.createDataBuffer();
        for (int b = 0; b < count; b++) {
            int from = (first + b) * n;
            for (int i = 0; i < n; i++) {
                out.setElem(i * count + b, planar.getElem(from + i));
            }
        }
        return Raster.createWritableRaster(sm, out, null);
    }

    /** The image's backing array as a DataBuffer of {@code dataType}, or null when it is not a plain array image. */
    private static DataBuffer sharedBuffer(LoadedImage img, int dataType) {
        if (!(img.pixels() instanceof net.imglib2.img.array.ArrayImg<?, ?> a)) {
            return null;
        }
        Object storage = ((net.imglib2.img.basictypeaccess.array.ArrayDataAccess<?>) a.update(null))
            .getCurrentStorageArray();
        if (dataType == DataBuffer.TYPE_BYTE && storage instanceof byte[] d) {
            return new java.awt.image.DataBufferByte(d, d.length);
        }
        if (dataType == DataBuffer.TYPE_USHORT && storage instanceof short[] d) {
            return new java.awt.image.DataBufferUShort(d, d.length);
        }
        if (dataType == DataBuffer.TYPE_FLOAT && storage instanceof float[] d) {
            return new java.awt.image.DataBufferFloat(d, d.length);
        }
        return null;
    }

    private static String describe(Throwable e) {
        Throwable t = e;
        // the innermost message is usually the informative one (e.g. EOFException inside "Error reading PNG")
        String msg = null;
        while (t != null) {
            if (t instanceof java.io.EOFException) {
                return "the file is truncated";
            }
            if (t.getMessage() != null) {
                msg = t.getMessage();
            }
            t = t.getCause();
        }
        return msg == null ? e.getClass().getSimpleName() : msg.replace('\n', ' ');
    }

    /**
     * The file name without its last extension ("s6" for "s6.png"), or without OME-TIFF's double one ("lm" for
     * "lm.ome.tif", ".ome.tiff", ".ome.btf"): the stem of derived output names.
     */
    public static String baseName(Path p) {
        String n = p.getFileName().toString();
        String lower = n.toLowerCase(Locale.ROOT);
        for (String ome : new String[] {".ome.tif", ".ome.tiff", ".ome.btf", ".ome.tf2", ".ome.tf8"}) {
            if (lower.endsWith(ome) && n.length() > ome.length()) {
                return n.substring(0, n.length() - ome.length());
            }
        }
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }
}
