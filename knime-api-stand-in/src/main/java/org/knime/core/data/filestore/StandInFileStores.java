package org.knime.core.data.filestore;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.knime.core.data.DataCell;

/**
 * Not KNIME API: what the stand-in's ExecutionContext and containers need of the file-store package (KNIME does this
 * inside its file store handlers). File stores live in one temporary folder per JVM.
 */
public final class StandInFileStores {

    private static Path s_dir;

    private StandInFileStores() {
    }

    /** A new file store; names must be unique, as in KNIME. */
    public static synchronized FileStore create(final String relativePath) throws IOException {
        if (s_dir == null) {
            s_dir = Files.createTempDirectory("knime-stand-in-filestores");
            s_dir.toFile().deleteOnExit();
        }
        File f = s_dir.resolve(relativePath).toFile();
        if (f.exists()) {
            throw new IOException("File store \"" + relativePath + "\" already exists");
        }
        f.deleteOnExit();
        return new FileStore(f);
    }

    /** Flushes a file-store cell once (KNIME does it when the cell's table is written). */
    public static void flush(final DataCell cell) {
        if (cell instanceof FileStoreCell fsc) {
            try {
                fsc.callFlushIfNeeded();
            } catch (IOException e) {
                throw new UncheckedIOException("Writing a cell to its file store failed: " + e.getMessage(), e);
            }
        }
    }
}
