package org.knime.deepclem.engine.predict;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.ndarray.Shape;

/** Missing, corrupt, malicious and wrongly shaped models give one clear message naming the model. */
class BadModelTest {

    @TempDir
    Path tmp;

    @Test
    void missingModel() {
        Path p = tmp.resolve("nope.zip");
        IOException e = assertThrows(IOException.class, () -> VirtualChromatinModel.load(p));
        assertTrue(e.getMessage().contains("nope.zip") && e.getMessage().contains("not found"), e.getMessage());
    }

    @Test
    void notAZip() throws Exception {
        Path p = tmp.resolve("garbage.zip");
        Files.write(p, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        IOException e = assertThrows(IOException.class, () -> VirtualChromatinModel.load(p));
        assertTrue(e.getMessage().contains("garbage.zip"), e.getMessage());
    }

    @Test
    void corruptSavedModel() throws Exception {
        Path p = tmp.resolve("corrupt.zip");
        zip(p, "saved_model.pb", "this is not a protocol buffer");
        IOException e = assertThrows(IOException.class, () -> VirtualChromatinModel.load(p));
        assertTrue(e.getMessage().contains("corrupt.zip") && e.getMessage().contains("cannot load"), e.getMessage());
    }

    @Test
    void zipWithoutSavedModel() throws Exception {
        Path p = tmp.resolve("empty-model.zip");
        zip(p, "readme.txt", "hello");
        IOException e = assertThrows(IOException.class, () -> VirtualChromatinModel.load(p));
        assertTrue(e.getMessage().contains("no saved_model.pb"), e.getMessage());
    }

    @Test
    void zipSlipIsRefused() throws Exception {
        Path p = tmp.resolve("evil.zip");
        zip(p, "../../evil.txt", "x");
        IOException e = assertThrows(IOException.class, () -> VirtualChromatinModel.load(p));
        assertTrue(e.getMessage().contains("outside"), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("evil.txt")));
    }

    @Test
    void threeChannelInputIsRefused() throws Exception {
        Path dir = tmp.resolve("rgb");
        ModelFiles.export(dir, Shape.of(-1, -1, -1, 3), 1f);
        IOException e = assertThrows(IOException.class, () -> VirtualChromatinModel.load(dir));
        assertTrue(e.getMessage().contains("is not (N,H,W,1) or (N,Z,H,W,1)"), e.getMessage());
    }

    @Test
    void brokenSidecarIsReported() throws Exception {
        Path dir = tmp.resolve("badjson");
        ModelFiles.export(dir, Shape.of(-1, -1, -1, 1), 1f);
        Files.writeString(dir.resolve(ModelSettings.FILE_NAME), "{\"workingScale\": -3}");
        IOException e = assertThrows(IOException.class, () -> VirtualChromatinModel.load(dir));
        assertTrue(e.getMessage().contains("deepclem.json") && e.getMessage().contains("workingScale"),
            e.getMessage());
    }

    @Test
    void hugeEntriesAreRefused() throws Exception {
        Path p = tmp.resolve("bomb.zip");
        zip(p, "saved_model.pb", "0".repeat(3 << 20)); // 3 MB of zeros compress to a few KB
        assertTrue(Files.size(p) < 100_000);
        Path dir = Files.createDirectory(tmp.resolve("bomb"));
        IOException e = assertThrows(IOException.class, () -> ModelArchive.unzip(p, dir, 2L << 20));
        assertTrue(e.getMessage().contains("more than 2 MB"), e.getMessage());
    }

    private static void zip(Path p, String entry, String content) throws IOException {
        try (OutputStream o = Files.newOutputStream(p); ZipOutputStream z = new ZipOutputStream(o)) {
            z.putNextEntry(new ZipEntry(entry));
            z.write(content.getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
        }
    }
}
