package org.knime.deepclem.engine.transform;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/** Reads and writes transform files by extension: .json ({@link TransformJson}) or .xml ({@link TransformXml}). */
public final class TransformFiles {

    private TransformFiles() {
    }

    public static TransformDocument read(Path file) throws IOException {
        return isXml(file) ? TransformXml.read(file) : TransformJson.read(file);
    }

    public static void write(TransformDocument doc, Path file, boolean overwrite) throws IOException {
        if (isXml(file)) {
            TransformXml.write(doc, file, overwrite);
        } else {
            TransformJson.write(doc, file, overwrite);
        }
    }

    private static boolean isXml(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".xml")) {
            return true;
        }
        if (n.endsWith(".json")) {
            return false;
        }
        throw new IllegalArgumentException("transform file " + file + ": name it .json or .xml");
    }
}
