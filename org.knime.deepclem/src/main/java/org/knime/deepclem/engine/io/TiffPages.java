package org.knime.deepclem.engine.io;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * Counts the pages (IFDs) of a classic TIFF by walking the chain of IFD offsets. Written by hand because the JDK's
 * TIFF reader ({@code getNumImages(true)}) loops forever when a corrupt file's chain points back to an earlier IFD
 * (found by fuzzing); this walk refuses loops, offsets outside the file and absurd page counts.
 */
final class TiffPages {

    /** More pages than any microscopy channel stack we read. */
    static final int MAX_PAGES = 10_000;

    private TiffPages() {
    }

    /**
     * @return the number of IFDs
     * @throws IOException with a one-line message naming the file when the chain is corrupt
     */
    static int count(Path file) throws IOException {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long size = in.length();
            if (size < 8) {
                throw corrupt(file, "the file is truncated");
            }
            int b0 = in.read(), b1 = in.read();
            boolean little;
            if (b0 == 'I' && b1 == 'I') {
                little = true;
            } else if (b0 == 'M' && b1 == 'M') {
                little = false;
            } else {
                throw corrupt(file, "no TIFF byte-order mark");
            }
            int magic = u16(in, little);
            if (magic == 43) {
                return -1; // BigTIFF: the JDK reader refuses it with its own message
            }
            long offset = u32(in, little);
            Set<Long> seen = new HashSet<>();
            int pages = 0;
            while (offset != 0) {
                if (offset < 8 || offset + 2 > size) {
                    throw corrupt(file, "page " + (pages + 1) + " lies outside the file (the file is truncated or "
                        + "corrupt)");
                }
                if (!seen.add(offset)) {
                    throw corrupt(file, "the page chain loops back to an earlier page (corrupt file)");
                }
                if (++pages > MAX_PAGES) {
                    throw corrupt(file, "more than " + MAX_PAGES + " pages");
                }
                in.seek(offset);
                int entries = u16(in, little);
                long next = offset + 2 + 12L * entries;
                if (next + 4 > size) {
                    // a last page without its next-offset field: the JDK reader decides what it can read of it
                    return pages;
                }
                in.seek(next);
                offset = u32(in, little);
            }
            if (pages == 0) {
                throw corrupt(file, "the file holds no image");
            }
            return pages;
        }
    }

    private static IOException corrupt(Path file, String why) {
        return new IOException("cannot read image " + file + ": " + why);
    }

    private static int u16(RandomAccessFile in, boolean little) throws IOException {
        int a = in.read(), b = in.read();
        if ((a | b) < 0) {
            throw new java.io.EOFException();
        }
        return little ? a | b << 8 : a << 8 | b;
    }

    private static long u32(RandomAccessFile in, boolean little) throws IOException {
        long lo = u16(in, little), hi = u16(in, little);
        return little ? lo | hi << 16 : lo << 16 | hi;
    }
}
