package org.knime.deepclem.engine.transform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.knime.deepclem.engine.geometry.Affine2D;
import org.knime.deepclem.engine.io.AtomicFiles;
import org.knime.deepclem.engine.io.PixelSize;
import org.knime.deepclem.engine.registration.LandmarkFit;
import org.knime.deepclem.engine.registration.PredictedError;
import org.knime.deepclem.engine.registration.Quality;
import org.knime.deepclem.engine.registration.RegistrationResult;
import org.knime.deepclem.engine.registration.TransformModel;
import org.knime.deepclem.engine.registration.Verdict;
import org.knime.deepclem.engine.transform.TransformDocument.ImageSize;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;

/**
 * The engine's own transform file: a JSON object
 * <pre>
 * {"moving_to_fixed": [[a, b, tx], [c, d, ty]],   // moving px -> fixed px, row-major 2x3 (null if none found)
 *  "model": "similarity", "mirrored": false,      // mirrored: the determinant is negative (null with no matrix)
 *  "method": "features",
 *  "quality": {"inliers": 41, "inlier_ratio": 0.6, "residual_px": 1.2, "ncc": 0.7, "overlap": 0.98, "margin": null},
 *  "verdict": "ok", "reason": "",
 *  "source": "image+landmarks",                     // optional: image, landmarks or image+landmarks
 *  "landmarks": {"n_landmarks": 6, "fre_px": 1.1, "fle_px": 1.5, "tre_px": 0.7, "tre_max_px": 2.3},  // optional
 *  "predicted_error": {"rms_px": 0.63, "bound90_px": 5.58, "tiles": 10, "reason": ""},             // optional
 *  "fixed_size": [w, h], "moving_size": [w, h],    // optional
 *  "pixel_size_um": {"fixed": [x, y], "moving": [x, y]},  // optional, a null side is unknown
 *  "micrometres": {"moving_to_fixed": [[..], [..]], "scale": 1.01, "residual_um": 0.02,
 *                  "fre_um": .., "tre_um": .., "tre_max_um": ..}}  // optional
 * </pre>
 * {@code "micrometres"} gives the transform from moving µm to fixed µm (when both pixel sizes are known; its scale is
 * near 1 when the sizes and the registration agree) and the px figures as µm in the fixed frame (when the fixed pixel
 * size is known). It is derived from the rest and not read back.
 * {@code "landmarks"} (when landmarks were used, see {@code LandmarkFit}): how many active pairs, the RMS residual of
 * their fit (FRE), the localisation error estimated from it (FLE) and the predicted target registration error at the
 * fixed frame's centre ({@code tre_px}) and its largest value over the fixed frame ({@code tre_max_px}, at a corner).
 * {@code "predicted_error"} (see {@code ErrorPrediction}): the error predicted from the registration's own evidence,
 * its RMS over the fixed frame and its calibrated 90 % upper bound, in fixed px, from how many informative tiles; both
 * null, with a reason, when the evidence was too thin.
 * Figures that are NaN (not produced) are written as null. Numbers are written in shortest round-trip form, so
 * reading gives back exactly the doubles written.
 */
public final class TransformJson {

    /** Transform files are tiny; anything larger is not one. */
    static final long MAX_BYTES = 1 << 20;

    private TransformJson() {
    }

    /** The JSON object for a document. */
    public static JsonObject toJsonObject(TransformDocument doc) {
        RegistrationResult r = doc.result();
        JsonObject o = new JsonObject();
        Affine2D m = r.movingToFixed();
        if (m == null) {
            o.add("moving_to_fixed", JsonNull.INSTANCE);
        } else {
            JsonArray rows = new JsonArray();
            rows.add(row(m.a(), m.b(), m.tx()));
            rows.add(row(m.c(), m.d(), m.ty()));
            o.add("moving_to_fixed", rows);
        }
        o.addProperty("model", r.model().id());
        // derived from the matrix, written so that a reader sees a flip without computing the determinant
        o.add("mirrored", m == null ? JsonNull.INSTANCE : new JsonPrimitive(m.mirrored()));
        o.addProperty("method", r.method());
        Quality q = r.quality() == null ? Quality.NONE : r.quality();
        JsonObject qo = new JsonObject();
        qo.addProperty("inliers", q.inliers());
        qo.add("inlier_ratio", number(q.inlierRatio()));
        qo.add("residual_px", number(q.residualPx()));
        qo.add("ncc", number(q.ncc()));
        qo.add("overlap", number(q.overlap()));
        qo.add("margin", number(q.margin()));
        o.add("quality", qo);
        o.addProperty("verdict", r.verdict().id());
        o.addProperty("reason", r.reason() == null ? "" : r.reason());
        if (doc.source() != null) {
            o.addProperty("source", doc.source());
        }
        if (doc.landmarks() != null) {
            LandmarkFit.Figures f = doc.landmarks();
            JsonObject lo = new JsonObject();
            lo.addProperty("n_landmarks", f.n());
            lo.add("fre_px", number(f.frePx()));
            lo.add("fle_px", number(f.flePx()));
            lo.add("tre_px", number(f.treCentre()));
            lo.add("tre_max_px", number(f.treMax()));
            o.add("landmarks", lo);
        }
        if (doc.predictedError() != null) {
            PredictedError e = doc.predictedError();
            JsonObject eo = new JsonObject();
            eo.add("rms_px", number(e.rmsPx()));
            eo.add("bound90_px", number(e.bound90Px()));
            eo.addProperty("tiles", e.tiles());
            eo.addProperty("reason", e.reason() == null ? "" : e.reason());
            o.add("predicted_error", eo);
        }
        if (doc.fixedSize() != null) {
            o.add("fixed_size", size(doc.fixedSize()));
        }
        if (doc.movingSize() != null) {
            o.add("moving_size", size(doc.movingSize()));
        }
        if (doc.fixedPixelSize() != null || doc.movingPixelSize() != null) {
            JsonObject po = new JsonObject();
            po.add("fixed", pixelSize(doc.fixedPixelSize()));
            po.add("moving", pixelSize(doc.movingPixelSize()));
            o.add("pixel_size_um", po);
            o.add("micrometres", micrometres(doc));
        }
        return o;
    }

    /** Pretty-printed JSON text. */
    public static String toJson(TransformDocument doc) {
        return new GsonBuilder().setPrettyPrinting().serializeNulls().create().toJson(toJsonObject(doc)) + "\n";
    }

    /** Parses JSON text; {@code origin} names the source in messages. */
    public static TransformDocument fromJson(String json, String origin) {
        JsonElement root;
        try {
            root = JsonParser.parseString(json);
        } catch (JsonParseException e) {
            throw new IllegalArgumentException(origin + ": not valid JSON (" + firstLine(e.getMessage())
                .replaceAll("\\b(?:[a-z_$][\\w$]*\\.)+[A-Z][\\w$]*Exception: ", "") + ")");
        }
        if (!root.isJsonObject()) {
            throw new IllegalArgumentException(origin + ": a transform file must hold a JSON object");
        }
        return fromJsonObject(root.getAsJsonObject(), origin);
    }

    /** Reads a document from a JSON object. */
    public static TransformDocument fromJsonObject(JsonObject o, String origin) {
        try {
            if (!o.has("moving_to_fixed")) {
                throw new IllegalArgumentException("missing \"moving_to_fixed\"");
            }
            Affine2D m = o.get("moving_to_fixed").isJsonNull() ? null : matrix(o.get("moving_to_fixed"));
            TransformModel model = o.has("model") ? TransformModel.fromId(string(o, "model")) : TransformModel.SIMILARITY;
            String method = o.has("method") && !o.get("method").isJsonNull() ? string(o, "method") : "";
            Quality q = Quality.NONE;
            if (o.has("quality") && o.get("quality").isJsonObject()) {
                JsonObject qo = o.getAsJsonObject("quality");
                double inl = num(qo, "inliers");
                q = new Quality(Double.isNaN(inl) ? -1 : (int) inl, num(qo, "inlier_ratio"), num(qo, "residual_px"),
                    num(qo, "ncc"), num(qo, "overlap"), num(qo, "margin"));
            }
            Verdict verdict = o.has("verdict") ? verdict(string(o, "verdict")) : Verdict.OK;
            String reason = o.has("reason") && !o.get("reason").isJsonNull() ? string(o, "reason") : "";
            if (m != null && o.has("mirrored") && !o.get("mirrored").isJsonNull()
                && bool(o, "mirrored") != m.mirrored()) {
                throw new IllegalArgumentException("\"mirrored\" is " + bool(o, "mirrored")
                    + " but the matrix's determinant is " + (m.mirrored() ? "negative" : "positive"));
            }
            if (verdict == Verdict.OK && m == null) {
                throw new IllegalArgumentException("verdict is ok but \"moving_to_fixed\" is null");
            }
            RegistrationResult r = new RegistrationResult(m, model, method, q, verdict, reason);
            String source = o.has("source") && !o.get("source").isJsonNull() ? string(o, "source") : null;
            LandmarkFit.Figures lf = null;
            if (o.has("landmarks") && o.get("landmarks").isJsonObject()) {
                JsonObject lo = o.getAsJsonObject("landmarks");
                double n = num(lo, "n_landmarks");
                lf = new LandmarkFit.Figures(Double.isNaN(n) ? 0 : (int) n, num(lo, "fre_px"), num(lo, "fle_px"),
                    num(lo, "tre_px"), num(lo, "tre_max_px"));
            }
            PredictedError pe = null;
            if (o.has("predicted_error") && o.get("predicted_error").isJsonObject()) {
                JsonObject eo = o.getAsJsonObject("predicted_error");
                double tiles = num(eo, "tiles");
                String why = eo.has("reason") && !eo.get("reason").isJsonNull() ? string(eo, "reason") : "";
                // the map itself is not stored: error_map.tif holds it
                pe = new PredictedError(num(eo, "rms_px"), num(eo, "bound90_px"), Double.isNaN(tiles) ? 0 : (int) tiles,
                    why, null);
            }
            return new TransformDocument(r, imageSize(o, "fixed_size"), imageSize(o, "moving_size"), source, lf,
                pixelSize(o, "fixed"), pixelSize(o, "moving"), pe);
        } catch (IllegalArgumentException | IllegalStateException | UnsupportedOperationException e) {
            throw new IllegalArgumentException(origin + ": " + firstLine(e.getMessage()), e);
        }
    }

    /** Writes a document atomically (temp file + rename). */
    public static void write(TransformDocument doc, Path file, boolean overwrite) throws IOException {
        AtomicFiles.writeString(file, toJson(doc), overwrite);
    }

    /** Reads a transform JSON file. */
    public static TransformDocument read(Path file) throws IOException {
        return fromJson(readSmallText(file, "transform file"), file.toString());
    }

    /** Reads a small text file, refusing anything too large to be a transform file. */
    static String readSmallText(Path file, String what) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("cannot read " + what + " " + file + ": no such file");
        }
        if (Files.size(file) > MAX_BYTES) {
            throw new IOException("cannot read " + what + " " + file + ": " + Files.size(file)
                + " bytes is far too large for a transform file");
        }
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.charset.CharacterCodingException e) { // found by fuzzing: the JDK's message is "Input length = 1"
            throw new IOException("cannot read " + what + " " + file + ": not UTF-8 text (corrupt or not a transform "
                + "file?)", e);
        }
    }

    private static JsonElement pixelSize(PixelSize p) {
        return p == null ? JsonNull.INSTANCE : row(p.x(), p.y());
    }

    private static JsonObject micrometres(TransformDocument doc) {
        JsonObject uo = new JsonObject();
        Affine2D um = doc.movingToFixedMicrometres();
        if (um == null) {
            uo.add("moving_to_fixed", JsonNull.INSTANCE);
        } else {
            JsonArray rows = new JsonArray();
            rows.add(row(um.a(), um.b(), um.tx()));
            rows.add(row(um.c(), um.d(), um.ty()));
            uo.add("moving_to_fixed", rows);
        }
        uo.add("scale", um == null ? JsonNull.INSTANCE : number(um.scale()));
        Quality q = doc.result().quality() == null ? Quality.NONE : doc.result().quality();
        uo.add("residual_um", number(doc.fixedMicrometres(q.residualPx())));
        if (doc.landmarks() != null) {
            uo.add("fre_um", number(doc.fixedMicrometres(doc.landmarks().frePx())));
            uo.add("fle_um", number(doc.fixedMicrometres(doc.landmarks().flePx())));
            uo.add("tre_um", number(doc.fixedMicrometres(doc.landmarks().treCentre())));
            uo.add("tre_max_um", number(doc.fixedMicrometres(doc.landmarks().treMax())));
        }
        return uo;
    }

    /** The {@code "pixel_size_um"} side {@code key}: null when absent or null, else two positive numbers. */
    private static PixelSize pixelSize(JsonObject o, String key) {
        if (!o.has("pixel_size_um") || !o.get("pixel_size_um").isJsonObject()) {
            return null;
        }
        JsonElement e = o.getAsJsonObject("pixel_size_um").get(key);
        if (e == null || e.isJsonNull()) {
            return null;
        }
        String shape = "\"pixel_size_um\" \"" + key + "\" must be [x, y] in µm, or null";
        if (!e.isJsonArray() || e.getAsJsonArray().size() != 2 || !e.getAsJsonArray().get(0).isJsonPrimitive()
            || !e.getAsJsonArray().get(1).isJsonPrimitive()
            || !e.getAsJsonArray().get(0).getAsJsonPrimitive().isNumber()
            || !e.getAsJsonArray().get(1).getAsJsonPrimitive().isNumber()) {
            throw new IllegalArgumentException(shape);
        }
        return new PixelSize(e.getAsJsonArray().get(0).getAsDouble(), e.getAsJsonArray().get(1).getAsDouble());
    }

    private static JsonArray row(double... v) {
        JsonArray a = new JsonArray();
        for (double d : v) {
            a.add(d);
        }
        return a;
    }

    private static JsonElement number(double v) {
        return Double.isFinite(v) ? new JsonPrimitive(v) : JsonNull.INSTANCE;
    }

    private static JsonArray size(ImageSize s) {
        JsonArray a = new JsonArray();
        a.add(s.width());
        a.add(s.height());
        return a;
    }

    private static Affine2D matrix(JsonElement e) {
        String shape = "\"moving_to_fixed\" must be [[a, b, tx], [c, d, ty]] with finite numbers";
        if (!e.isJsonArray() || e.getAsJsonArray().size() != 2) {
            throw new IllegalArgumentException(shape);
        }
        double[] v = new double[6];
        for (int r = 0; r < 2; r++) {
            JsonElement row = e.getAsJsonArray().get(r);
            if (!row.isJsonArray() || row.getAsJsonArray().size() != 3) {
                throw new IllegalArgumentException(shape);
            }
            for (int c = 0; c < 3; c++) {
                JsonElement x = row.getAsJsonArray().get(c);
                if (!x.isJsonPrimitive() || !x.getAsJsonPrimitive().isNumber()) {
                    throw new IllegalArgumentException(shape);
                }
                v[r * 3 + c] = x.getAsDouble();
                if (!Double.isFinite(v[r * 3 + c])) {
                    throw new IllegalArgumentException(shape);
                }
            }
        }
        return Affine2D.fromRowMajor(v);
    }

    private static String string(JsonObject o, String key) {
        JsonElement e = o.get(key);
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            throw new IllegalArgumentException("\"" + key + "\" must be a string");
        }
        return e.getAsString();
    }

    private static boolean bool(JsonObject o, String key) {
        JsonElement e = o.get(key);
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isBoolean()) {
            throw new IllegalArgumentException("\"" + key + "\" must be true or false");
        }
        return e.getAsBoolean();
    }

    private static double num(JsonObject o, String key) {
        JsonElement e = o.get(key);
        if (e == null || e.isJsonNull()) {
            return Double.NaN;
        }
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            throw new IllegalArgumentException("quality \"" + key + "\" must be a number or null");
        }
        return e.getAsDouble();
    }

    private static Verdict verdict(String s) {
        for (Verdict v : Verdict.values()) {
            if (v.id().equalsIgnoreCase(s.trim())) {
                return v;
            }
        }
        throw new IllegalArgumentException("\"verdict\" must be \"ok\" or \"failed\", got \"" + s + "\"");
    }

    private static ImageSize imageSize(JsonObject o, String key) {
        JsonElement e = o.get(key);
        if (e == null || e.isJsonNull()) {
            return null;
        }
        if (!e.isJsonArray() || e.getAsJsonArray().size() != 2) {
            throw new IllegalArgumentException("\"" + key + "\" must be [width, height]");
        }
        double w = e.getAsJsonArray().get(0).getAsDouble(), h = e.getAsJsonArray().get(1).getAsDouble();
        if (w != Math.rint(w) || h != Math.rint(h) || w < 1 || h < 1 || w > Integer.MAX_VALUE || h > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("\"" + key + "\" must be two positive whole numbers");
        }
        return new ImageSize((int) w, (int) h);
    }

    static String firstLine(String s) {
        if (s == null) {
            return "malformed";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
