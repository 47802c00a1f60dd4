package org.knime.deepclem.realknime.workflows;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * A workflow as .knwf: a zip whose single top-level folder is the workflow (KNIME's export layout; the batch
 * executor and KNIME Hub unpack it and descend into that folder). Entries sorted, with a fixed time, so the same
 * folder gives the same bytes.
 */
final class WorkflowArchive {

    private static final FileTime TIME = FileTime.from(ExampleWorkflows.DATE.toInstant());

    private WorkflowArchive() {
    }

    static void write(final Path folder, final Path knwf) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        String top = folder.getFileName().toString();
        try (OutputStream out = Files.newOutputStream(knwf); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Path f : files) {
                ZipEntry e = new ZipEntry(top + "/" + folder.relativize(f).toString().replace('\\', '/'));
                e.setLastModifiedTime(TIME);
                zip.putNextEntry(e);
                Files.copy(f, zip);
                zip.closeEntry();
            }
        }
    }

    /** Unpacks a .knwf into {@code dir}; returns the workflow folder inside it. */
    static Path unpack(final Path knwf, final Path dir) throws IOException {
        Path top = null;
        try (InputStream in = Files.newInputStream(knwf); ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                Path to = dir.resolve(e.getName()).normalize();
                if (!to.startsWith(dir)) {
                    throw new IOException("entry outside the archive: " + e.getName());
                }
                if (e.isDirectory()) {
                    continue;
                }
                Files.createDirectories(to.getParent());
                Files.copy(zip, to);
                top = dir.resolve(dir.relativize(to).getName(0));
            }
        }
        if (top == null || !Files.isRegularFile(top.resolve("workflow.knime"))) {
            throw new IOException(knwf + " holds no workflow folder");
        }
        return top;
    }
}
