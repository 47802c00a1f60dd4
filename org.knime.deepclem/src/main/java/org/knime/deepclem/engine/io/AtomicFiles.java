package org.knime.deepclem.engine.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;

/** Writes files through a temporary sibling and a rename, so a file is either complete or absent. */
public final class AtomicFiles {

    /**
     * Temporary files being written now. A JVM stopped by a signal (Ctrl-C, kill) runs shutdown hooks but not the
     * writers' cleanup, so a hook deletes these: a killed run leaves finished files only. Worker threads go on running
     * while the hook runs, so from then on no temporary file is created or renamed (guarded by {@link #LOCK}).
     */
    private static final Set<Path> IN_FLIGHT = ConcurrentHashMap.newKeySet();
    private static final Object LOCK = new Object();
    private static boolean shuttingDown;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(AtomicFiles::cleanUpForShutdown, "deepclem-temp-cleanup"));
    }

    /** The shutdown hook: no temporary file is created, opened or renamed from now on; those in flight go. */
    static void cleanUpForShutdown() {
        synchronized (LOCK) {
            shuttingDown = true;
            for (Path p : IN_FLIGHT) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException | RuntimeException e) {
                    // best effort while the JVM goes down
                }
            }
        }
    }

    /** A write stopped because the JVM is going down: not the file's fault, so not reported as a failed write. */
    private static CancellationException stopped(Path file) {
        return new CancellationException("not written, the program is stopping: " + file);
    }

    private AtomicFiles() {
    }

    /** Writes text (UTF-8). Without {@code overwrite} an existing file is an error and stays untouched. */
    public static void writeString(Path file, String text, boolean overwrite) throws IOException {
        refuseExisting(file, overwrite);
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = createTempSibling(file);
        try {
            try (OutputStream out = openTemp(tmp, file, Files::newOutputStream)) {
                out.write(text.getBytes(StandardCharsets.UTF_8));
            }
            moveIntoPlace(tmp, file, overwrite);
        } catch (FileAlreadyExistsException | RuntimeException e) {
            discard(tmp);
            throw e;
        } catch (IOException e) {
            discard(tmp);
            throw writeFailed(file, e);
        }
    }

    /** The exception for an output that could not be written, naming the file and the system's reason. */
    public static WriteFailedException writeFailed(Path file, IOException e) {
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new WriteFailedException("cannot write " + file + ": " + reason, e);
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
                synchronized (LOCK) {
                    if (shuttingDown) {
                        throw stopped(file);
                    }
                    Path created = Files.createFile(tmp);
                    IN_FLIGHT.add(created.toAbsolutePath());
                    return created;
                }
            } catch (FileAlreadyExistsException e) {
                if (attempt > 100) {
                    throw e;
                }
            }
        }
    }

    /** Opens a path for writing (a stream, a channel, an image stream). */
    @FunctionalInterface
    public interface Opener<T> {
        T open(Path path) throws IOException;
    }

    /**
     * Opens a temporary file from {@link #createTempSibling} for writing, while the shutdown hook cannot run. Opened
     * by a path later, a writer could re-create a temporary file the hook has just deleted, and the JVM would leave it
     * behind; once open, the hook's delete only unlinks it (POSIX).
     */
    public static <T> T openTemp(Path tmp, Path file, Opener<T> opener) throws IOException {
        synchronized (LOCK) {
            if (shuttingDown) {
                throw stopped(file);
            }
            return opener.open(tmp);
        }
    }

    /**
     * Checks, before any work, that the folder {@code dir} exists or can be created and is writable: the nearest
     * existing ancestor must be a folder, and the folder (or that ancestor) writable. A write permission check alone
     * would not do: root may write anywhere, but not below a regular file or on a read-only mount.
     *
     * @param what how the folder is named in messages, e.g. "--out"
     * @throws IllegalArgumentException with a one-line message naming the folder and the obstacle
     */
    public static void checkWritableFolder(Path dir, String what) {
        Path d = dir.toAbsolutePath().normalize();
        Path existing = d;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            throw new IllegalArgumentException(what + " " + dir + ": no part of the path exists");
        }
        if (!Files.isDirectory(existing)) {
            throw new IllegalArgumentException(what + " " + dir + ": cannot be a folder, " + existing
                + (existing.equals(d) ? " is a file" : " is a file, not a folder") + "; choose another " + what);
        }
        if (!Files.isWritable(existing)) {
            throw new IllegalArgumentException(what + " " + dir + ": " + existing
                + " is not writable (permissions or a read-only file system); choose another " + what);
        }
    }

    /** Throws when {@code file} exists and overwriting is not allowed. */
    public static void refuseExisting(Path file, boolean overwrite) throws FileAlreadyExistsException {
        if (!overwrite && Files.exists(file)) {
            throw exists(file);
        }
    }

    /** Renames a finished temporary file onto its final name. */
    public static void moveIntoPlace(Path tmp, Path file, boolean overwrite) throws IOException {
        synchronized (LOCK) {
            if (shuttingDown) {
                throw stopped(file); // the hook has deleted tmp
            }
            try {
                move(tmp, file, overwrite);
            } finally {
                IN_FLIGHT.remove(tmp.toAbsolutePath());
            }
        }
    }

    /** Deletes a temporary file that will not be renamed (a failed write). */
    public static void discard(Path tmp) throws IOException {
        IN_FLIGHT.remove(tmp.toAbsolutePath());
        Files.deleteIfExists(tmp);
    }

    private static void move(Path tmp, Path file, boolean overwrite) throws IOException {
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
