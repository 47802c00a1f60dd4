package org.knime.deepclem.engine.predict;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** Model zips: safe unpacking (no zip-slip, bounded size) and packing of a SavedModel folder. */
public final class ModelArchive {

    /** Unpacked models larger than this are refused (a zip bomb, or not a model). */
    static final long MAX_UNPACKED_BYTES = 2L << 30;

    private static final int MAX_ENTRIES = 10_000;

    private ModelArchive() {
    }

    /** Unpacks {@code zip} into the empty folder {@code dir}; refuses entries that leave it or a huge total. */
    public static void unzip(Path zip, Path dir) throws IOException {
        unzip(zip, dir, MAX_UNPACKED_BYTES);
    }

    /** As {@link #unzip(Path, Path)} with another size limit (for tests). */
    static void unzip(Path zip, Path dir, long maxBytes) throws IOException {
        Path root = dir.toAbsolutePath().normalize();
        long total = 0;
        int entries = 0;
        byte[] buf = new byte[1 << 16];
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                if (++entries > MAX_ENTRIES) {
                    throw new IOException(zip + ": more than " + MAX_ENTRIES + " entries; not a model zip");
                }
                Path target = root.resolve(e.getName()).normalize();
                if (!target.startsWith(root) || target.equals(root)) {
                    throw new IOException(zip + ": entry '" + e.getName() + "' points outside the model folder");
                }
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                try (OutputStream out = Files.newOutputStream(target)) {
                    int n;
                    while ((n = in.read(buf)) > 0) {
                        total += n;
                        if (total > maxBytes) {
                            throw new IOException(zip + ": unpacks to more than " + (maxBytes >> 20)
                                + " MB; not a model zip");
                        }
                        out.write(buf, 0, n);
                    }
                }
            }
        }
        if (entries == 0) {
            throw new IOException(zip + ": not a zip file or empty");
        }
    }

    /** Packs the files under {@code dir} (paths relative to it) into {@code zip}, via a temporary file. */
    public static void zip(Path dir, Path zip) throws IOException {
        Path parent = zip.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = org.knime.deepclem.engine.io.AtomicFiles.createTempSibling(zip);
        try {
            List<Path> files;
            try (Stream<Path> s = Files.walk(dir)) {
                files = s.filter(Files::isRegularFile).sorted().toList();
            }
            try (ZipOutputStream out = new ZipOutputStream(
                org.knime.deepclem.engine.io.AtomicFiles.openTemp(tmp, zip, Files::newOutputStream))) {
                for (Path f : files) {
                    out.putNextEntry(new ZipEntry(dir.relativize(f).toString().replace('\\', '/')));
                    try (InputStream in = Files.newInputStream(f)) {
                        in.transferTo(out);
                    }
                    out.closeEntry();
                }
            }
            // the caller has refused an existing zip unless told to overwrite
            org.knime.deepclem.engine.io.AtomicFiles.moveIntoPlace(tmp, zip, true);
        } finally {
            if (Files.exists(tmp)) {
                org.knime.deepclem.engine.io.AtomicFiles.discard(tmp);
            }
        }
    }

    /** Deletes a folder tree (best effort: temporary folders only). */
    public static void deleteRecursively(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // temporary files only; leaving some behind is harmless
        }
    }

    /** The folder under {@code root} (itself or a descendant, shallowest first) holding saved_model.pb, or null. */
    static Path findSavedModel(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root, 4)) {
            return s.filter(p -> p.getFileName() != null && p.getFileName().toString().equals("saved_model.pb"))
                .map(Path::getParent).min((a, b) -> Integer.compare(a.getNameCount(), b.getNameCount())).orElse(null);
        }
    }
}
