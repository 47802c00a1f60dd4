package org.knime.deepclem.engine.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes files through a temporary sibling and a rename, so a file is either complete or absent. */
public final class AtomicFiles {

    private AtomicFiles() {
    }

    /** Writes text (UTF-8). Without {@code overwrite} an existing file is an error and stays untouched. */
    public static void writeString(Path file, String text, boolean overwrite) throws IOException {
        refuseExisting(file, overwrite);
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = createTempSibling(file);
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            moveIntoPlace(tmp, file, overwrite);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }

    /**
     * Creates an empty hidden temporary file next to {@code file}. Unlike {@link Files#createTempFile} it gets the
     * usual permissions (umask), so the renamed result is readable like any other file the user writes.
     */
    public static Path createTempSibling(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        for (int attempt = 0; ; attempt++) {
            String suffix = Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong());
            Path tmp = dir.resolve("." + file.getFileName() + "." + suffix + ".tmp");
            try {
                return Files.createFile(tmp);
            } catch (FileAlreadyExistsException e) {
                if (attempt > 100) {
                    throw e;
                }
            }
        }
    }

    /** Throws when {@code file} exists and overwriting is not allowed. */
    public static void refuseExisting(Path file, boolean overwrite) throws FileAlreadyExistsException {
        if (!overwrite && Files.exists(file)) {
            throw exists(file);
        }
    }

    /** Renames a finished temporary file onto its final name. */
    static void moveIntoPlace(Path tmp, Path file, boolean overwrite) throws IOException {
        if (overwrite) {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } else {
            try {
                Files.move(tmp, file); // fails rather than replace a file that appeared meanwhile
            } catch (FileAlreadyExistsException e) {
                throw exists(file);
            }
        }
    }

    static FileAlreadyExistsException exists(Path file) {
        // no file argument: FileSystemException would prefix the path to a message that already names it
        return new FileAlreadyExistsException(null, null,
            "output " + file + " exists; choose another name or allow overwriting (--overwrite)");
    }
}
