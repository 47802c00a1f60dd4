package org.knime.deepclem.engine.transform;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/**
 * Reads and writes transform files by name: {@code .json} ({@link TransformJson}, or {@link NgffTransform} for OME-NGFF
 * transformation metadata, told apart by content), {@code .xml} ({@link TransformXml}, Fiji), {@code .csv}
 * ({@link BigWarpLandmarks}) or {@code .txt} ({@link ElastixParameters}).
 */
public final class TransformFiles {

    /** The names a transform file may end in, for messages. */
    public static final String KINDS = ".json (DeepCLEM or OME-NGFF), .xml (Fiji), .csv (BigWarp landmarks) or .txt "
        + "(elastix TransformParameters)";

    private enum Kind {
        JSON, NGFF, XML, BIGWARP, ELASTIX
    }

    private TransformFiles() {
    }

    public static TransformDocument read(Path file) throws IOException {
        return switch (kind(file)) {
            case XML -> TransformXml.read(file);
            case BIGWARP -> BigWarpLandmarks.read(file);
            case ELASTIX -> ElastixParameters.read(file);
            case NGFF -> NgffTransform.read(file);
            case JSON -> readJson(file);
        };
    }

    public static void write(TransformDocument doc, Path file, boolean overwrite) throws IOException {
        switch (kind(file)) {
            case XML -> TransformXml.write(doc, file, overwrite);
            case BIGWARP -> BigWarpLandmarks.write(doc, file, overwrite);
            case ELASTIX -> ElastixParameters.write(doc, file, overwrite);
            case NGFF -> NgffTransform.write(doc, file, overwrite);
            case JSON -> TransformJson.write(doc, file, overwrite);
        }
    }

    /** A DeepCLEM transform.json, or OME-NGFF transformation metadata in a file of another name. */
    private static TransformDocument readJson(Path file) throws IOException {
        String text = TransformJson.readSmallText(file, "transform file");
        JsonElement root;
        try {
            root = JsonParser.parseString(text);
        } catch (JsonParseException e) {
            root = null; // TransformJson gives the message
        }
        if (root != null && root.isJsonObject() && !root.getAsJsonObject().has("moving_to_fixed")
            && NgffTransform.isNgff(root.getAsJsonObject())) {
            return NgffTransform.fromJsonObject(root.getAsJsonObject(), file.toString());
        }
        return TransformJson.fromJson(text, file.toString());
    }

    private static Kind kind(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".ome-ngff.json")) {
            return Kind.NGFF;
        }
        if (n.endsWith(".json")) {
            return Kind.JSON;
        }
        if (n.endsWith(".xml")) {
            return Kind.XML;
        }
        if (n.endsWith(".csv")) {
            return Kind.BIGWARP;
        }
        if (n.endsWith(".txt")) {
            return Kind.ELASTIX;
        }
        throw new IllegalArgumentException("transform file " + file + ": name it " + KINDS);
    }
}
