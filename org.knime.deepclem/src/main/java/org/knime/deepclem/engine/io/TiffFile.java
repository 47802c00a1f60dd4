package org.knime.deepclem.engine.io;

import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.stream.ImageInputStream;

import com.twelvemonkeys.imageio.metadata.CompoundDirectory;
import com.twelvemonkeys.imageio.metadata.Directory;
import com.twelvemonkeys.imageio.metadata.Entry;
import com.twelvemonkeys.imageio.metadata.tiff.Rational;
import com.twelvemonkeys.imageio.metadata.tiff.TIFF;
import com.twelvemonkeys.imageio.metadata.tiff.TIFFReader;

/**
 * The pages (IFDs) of a TIFF or BigTIFF file and their tags, read with TwelveMonkeys' TIFF metadata reader, the one
 * its image reader uses. It follows the chain of IFD offsets once and remembers every offset it has parsed, so a
 * corrupt file whose chain points back to an earlier page ends there instead of looping (the JDK's TIFF reader,
 * {@code getNumImages(true)}, never returns on such a file: found by fuzzing); offsets outside the file end the
 * chain too. On top of that this class refuses absurd page counts and reads ImageJ's slice labels.
 */
final class TiffFile {

    /** More pages than any microscopy channel stack we read. */
    static final int MAX_PAGES = 10_000;

    /** ImageJ's private tags: the byte counts of its metadata blocks, and the blocks ("IJIJ" header first). */
    static final int IJ_METADATA_BYTE_COUNTS = 50838, IJ_METADATA = 50839;
    private static final int IJ_MAGIC = 0x494a494a, IJ_LABELS = 0x6c61626c; // "IJIJ", "labl"

    private final List<Directory> pages;
    private final ByteOrder order;

    private TiffFile(List<Directory> pages, ByteOrder order) {
        this.pages = pages;
        this.order = order;
    }

    /** Whether the first bytes are a TIFF (42) or BigTIFF (43) header. */
    static boolean isTiff(byte[] head) {
        if (head.length < 4) {
            return false;
        }
        boolean ii = head[0] == 'I' && head[1] == 'I' && head[3] == 0 && (head[2] == 42 || head[2] == 43);
        boolean mm = head[0] == 'M' && head[1] == 'M' && head[2] == 0 && (head[3] == 42 || head[3] == 43);
        return ii || mm;
    }

    /**
     * Reads every page directory from the start of {@code in} (leaving the stream's position undefined).
     *
     * @throws IOException with a one-line message naming the file when there is no page or too many
     */
    static TiffFile read(Path file, ImageInputStream in) throws IOException {
        in.seek(0);
        CompoundDirectory dir = (CompoundDirectory) new TIFFReader().read(in);
        int n = dir.directoryCount();
        if (n == 0) {
            throw corrupt(file, "the file holds no image");
        }
        if (n > MAX_PAGES) {
            throw corrupt(file, "more than " + MAX_PAGES + " pages");
        }
        List<Directory> pages = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            pages.add(dir.getDirectory(i));
        }
        return new TiffFile(pages, in.getByteOrder());
    }

    static IOException corrupt(Path file, String why) {
        return new IOException("cannot read image " + file + ": " + why);
    }

    int pages() {
        return pages.size();
    }

    /** The first value of a numeric tag of page {@code page}, or {@code absent} when the tag is missing or not a number. */
    long number(int page, int tag, long absent) {
        Entry e = pages.get(page).getEntryById(tag);
        Object v = e == null ? null : e.getValue();
        if (v != null && v.getClass().isArray() && Array.getLength(v) > 0) {
            v = Array.get(v, 0);
        }
        return v instanceof Number num ? num.longValue() : absent;
    }

    /** A rational (or other numeric) tag's first value as a double; NaN when missing or 0/0. */
    double real(int page, int tag) {
        Entry e = pages.get(page).getEntryById(tag);
        Object v = e == null ? null : e.getValue();
        if (v != null && v.getClass().isArray() && Array.getLength(v) > 0) {
            v = Array.get(v, 0);
        }
        if (v instanceof Rational r) {
            return r.denominator() == 0 ? Double.NaN : r.doubleValue();
        }
        return v instanceof Number num ? num.doubleValue() : Double.NaN;
    }

    /** An ASCII tag's first string, or null. */
    String text(int page, int tag) {
        Entry e = pages.get(page).getEntryById(tag);
        Object v = e == null ? null : e.getValue();
        if (v instanceof String[] s) {
            return s.length == 0 ? null : s[0];
        }
        return v instanceof String s ? s : null;
    }

    int width(int page) {
        return (int) Math.min(Integer.MAX_VALUE, number(page, TIFF.TAG_IMAGE_WIDTH, 0));
    }

    int height(int page) {
        return (int) Math.min(Integer.MAX_VALUE, number(page, TIFF.TAG_IMAGE_HEIGHT, 0));
    }

    /** SamplesPerPixel (1 when absent). */
    long samplesPerPixel(int page) {
        return number(page, TIFF.TAG_SAMPLES_PER_PIXEL, 1);
    }

    /** BitsPerSample of the first sample (1 when absent, as TIFF says). */
    long bitsPerSample(int page) {
        return number(page, TIFF.TAG_BITS_PER_SAMPLE, 1);
    }

    /** The first page's ImageDescription, trimmed, or "" when it has none. */
    String description() {
        String d = text(0, TIFF.TAG_IMAGE_DESCRIPTION);
        return d == null ? "" : d.trim();
    }

    /**
     * ImageJ's slice labels (one per page of an ImageJ stack, null for a page without one), from its private metadata
     * tags on the first page; empty when there are none or the block is damaged (labels are optional, so a damaged
     * block is ignored rather than refused).
     */
    List<String> imageJLabels() {
        Entry countsEntry = pages.get(0).getEntryById(IJ_METADATA_BYTE_COUNTS);
        Entry dataEntry = pages.get(0).getEntryById(IJ_METADATA);
        if (countsEntry == null || dataEntry == null || !(countsEntry.getValue() instanceof long[] counts)
            || !(dataEntry.getValue() instanceof byte[] data) || counts.length < 2) {
            return List.of();
        }
        long header = counts[0];
        if (header < 12 || header > 804 || header > data.length) { // ImageJ's own limits
            return List.of();
        }
        ByteBuffer b = ByteBuffer.wrap(data).order(order);
        if (b.getInt(0) != IJ_MAGIC) {
            return List.of();
        }
        List<String> labels = new ArrayList<>();
        long pos = header;
        int index = 1;
        for (int t = 0; t < (header - 4) / 8; t++) {
            int type = b.getInt(4 + 8 * t), count = b.getInt(8 + 8 * t);
            if (count < 0 || index + (long) count > counts.length) {
                return List.of();
            }
            for (int j = 0; j < count; j++) {
                long len = counts[index + j];
                if (len < 0 || pos + len > data.length) {
                    return List.of();
                }
                if (type == IJ_LABELS) {
                    char[] chars = new char[(int) (len / 2)];
                    for (int k = 0; k < chars.length; k++) {
                        chars[k] = b.getChar((int) pos + 2 * k); // UTF-16 in the file's byte order
                    }
                    labels.add(len == 0 ? null : new String(chars));
                }
                pos += len;
            }
            index += count;
        }
        return labels;
    }
}
