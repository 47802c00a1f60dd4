package org.knime.deepclem.engine.transform;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.knime.deepclem.engine.geometry.Affine2D;
import org.knime.deepclem.engine.io.AtomicFiles;
import org.knime.deepclem.engine.registration.Quality;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/**
 * OME-NGFF (OME-Zarr) coordinate transformation ({@code transform.ome-ngff.json}): an {@code affine} from the
 * coordinate system {@code "moving"} (LM pixels) to {@code "fixed"} (EM pixels), the direction of
 * {@link org.knime.deepclem.engine.registration.RegistrationResult#movingToFixed()}.
 * <p>
 * Form: the coordinate systems and transformations proposal (RFC-5, ome/ngff {@code rfc/5/index.md}, state R4), as
 * in the specification draft 0.6rc0 (ome/ngff-spec at commit 277f209, {@code index.md}: "coordinateSystems" metadata,
 * "axes" metadata, Coordinate convention, "coordinateTransformations" metadata, Matrix transformations, affine,
 * "scene" metadata; example {@code examples/transformations/affine2d2d.json}). The file is the {@code ome} attributes
 * of a scene group:
 * <pre>
 * {"ome": {"version": "0.6rc0", "scene": {
 *   "coordinateSystems": [
 *     {"name": "fixed", "axes": [{"name": "y", "type": "space", "discrete": false, "longName": ...}, {"name": "x", ...}]},
 *     {"name": "moving", "axes": [...the same...]}],
 *   "coordinateTransformations": [{"type": "affine", "name": "moving_to_fixed", "affine": [[d, c, ty], [b, a, tx]],
 *                                  "input": {"name": "moving"}, "output": {"name": "fixed"}}]}}}
 * </pre>
 * Conventions of the draft, followed here: the axes are listed in array order, so x (column) is the last axis and a
 * 2-D point is (y, x); a matrix is applied to a column vector of the input axes in that order and stored as a list of
 * rows (M x (N+1), the homogeneous last row left out), so our x' = a x + b y + tx, y' = c x + d y + ty is stored as
 * {@code [[d, c, ty], [b, a, tx]]}; the pixel centre is the origin of the continuous coordinates (as in this engine);
 * coordinate transformations are forward, from input to output points. Pixel coordinates have no unit: the draft's
 * units are physical (UDUNITS-2), and its "Transformations in array coordinate units" describes a unitless coordinate
 * system for array (pixel) coordinates, so the axes carry no {@code unit} (their {@code longName} says pixels).
 * {@code input} and {@code output} are objects holding the coordinate system's {@code name}, as in 0.6rc0 (earlier
 * drafts used plain strings; both are read).
 * <p>
 * Read: the single transformation found under {@code ome.scene}, {@code scene}, {@code attributes.ome.scene} or at the
 * top level, of type {@code affine} (2x3, or 3x3 with last row 0 0 1), {@code translation}, {@code scale},
 * {@code rotation}, {@code identity} or a {@code sequence} of them, from input (moving) to output (fixed); the axis
 * order of input and output comes from their coordinate systems when the file defines them with axes named x and y,
 * else it is the draft's array order (the last axis is x).
 */
public final class NgffTransform {

    /** The draft this form follows. */
    public static final String VERSION = "0.6rc0";

    private NgffTransform() {
    }

    /** The JSON text for an ok result (needs no image sizes). */
    public static String toJson(TransformDocument doc) {
        Affine2D m = ForeignFormats.okTransform(doc, "an OME-NGFF transformation");
        JsonArray systems = new JsonArray();
        systems.add(system("fixed", "fixed (EM) image"));
        systems.add(system("moving", "moving (LM) image"));
        JsonObject t = new JsonObject();
        t.addProperty("type", "affine");
        t.addProperty("name", "moving_to_fixed");
        JsonArray rows = new JsonArray();
        rows.add(row(m.d(), m.c(), m.ty())); // y' = d y + c x + ty
        rows.add(row(m.b(), m.a(), m.tx())); // x' = b y + a x + tx
        t.add("affine", rows);
        t.add("input", named("moving"));
        t.add("output", named("fixed"));
        JsonArray transforms = new JsonArray();
        transforms.add(t);
        JsonObject scene = new JsonObject();
        scene.add("coordinateSystems", systems); // the common reference first, as the draft recommends
        scene.add("coordinateTransformations", transforms);
        JsonObject ome = new JsonObject();
        ome.addProperty("version", VERSION);
        ome.add("scene", scene);
        JsonObject root = new JsonObject();
        root.add("ome", ome);
        return new GsonBuilder().setPrettyPrinting().create().toJson(root) + "\n";
    }

    /** Writes atomically (temp file + rename). */
    public static void write(TransformDocument doc, Path file, boolean overwrite) throws IOException {
        AtomicFiles.writeString(file, toJson(doc), overwrite);
    }

    /** Reads a transformation file into a document (verdict ok, no image sizes). */
    public static TransformDocument read(Path file) throws IOException {
        return fromJson(TransformJson.readSmallText(file, "transform file"), file.toString());
    }

    /** Parses JSON text; {@code origin} names the source in messages. */
    public static TransformDocument fromJson(String json, String origin) {
        JsonElement root;
        try {
            root = JsonParser.parseString(json);
        } catch (JsonParseException e) {
            throw new IllegalArgumentException(origin + ": not valid JSON (" + TransformJson.firstLine(e.getMessage())
                + ")");
        }
        if (!root.isJsonObject()) {
            throw new IllegalArgumentException(origin + ": an OME-NGFF transformation file must hold a JSON object");
        }
        return fromJsonObject(root.getAsJsonObject(), origin);
    }

    /** True when the object looks like OME-NGFF transformation metadata (rather than a DeepCLEM transform.json). */
    public static boolean isNgff(JsonObject o) {
        return container(o) != null;
    }

    /** Reads a document from the parsed JSON. */
    public static TransformDocument fromJsonObject(JsonObject o, String origin) {
        JsonObject c = container(o);
        if (c == null) {
            throw new IllegalArgumentException(origin + ": no \"coordinateTransformations\" (at the top level or under "
                + "\"ome\".\"scene\")");
        }
        try {
            JsonElement ts = c.get("coordinateTransformations");
            if (!ts.isJsonArray() || ts.getAsJsonArray().size() != 1) {
                throw new IllegalArgumentException("\"coordinateTransformations\" must hold exactly one transformation "
                    + "(moving -> fixed), found " + (ts.isJsonArray() ? ts.getAsJsonArray().size() : "no list"));
            }
            JsonObject t = object(ts.getAsJsonArray().get(0), "the transformation");
            int[] in = axisOrder(c, t.get("input")), out = axisOrder(c, t.get("output"));
            double[][] m = matrix(t, 0); // in the files' axis order: input axes -> output axes
            // to (x, y): index i of the input vector holds coordinate in[i] (0 = x, 1 = y), likewise for the output
            double[][] xy = new double[2][3];
            for (int r = 0; r < 2; r++) {
                for (int k = 0; k < 2; k++) {
                    xy[out[r]][in[k]] = m[r][k];
                }
                xy[out[r]][2] = m[r][2];
            }
            Affine2D movingToFixed = new Affine2D(xy[0][0], xy[0][1], xy[0][2], xy[1][0], xy[1][1], xy[1][2]);
            return ForeignFormats.document(movingToFixed, "ome-ngff", Quality.NONE, null, null, origin);
        } catch (IllegalArgumentException | IllegalStateException | UnsupportedOperationException e) {
            String msg = e.getMessage() != null && e.getMessage().startsWith(origin) ? e.getMessage()
                : origin + ": " + TransformJson.firstLine(e.getMessage());
            throw new IllegalArgumentException(msg, e);
        }
    }

    /** The object holding "coordinateTransformations": the top level, scene, ome.scene or attributes.ome.scene. */
    private static JsonObject container(JsonObject o) {
        for (String[] path : List.of(new String[] {}, new String[] {"scene"}, new String[] {"ome", "scene"},
            new String[] {"attributes", "ome", "scene"})) {
            JsonObject at = o;
            for (String key : path) {
                at = at != null && at.has(key) && at.get(key).isJsonObject() ? at.getAsJsonObject(key) : null;
            }
            if (at != null && at.has("coordinateTransformations")) {
                return at;
            }
        }
        return null;
    }

    /**
     * The 2x3 matrix (rows = output axes, columns = input axes and the shift) of a transformation, composing a
     * sequence in order.
     */
    private static double[][] matrix(JsonObject t, int depth) {
        if (depth > 8) {
            throw new IllegalArgumentException("transformations nested too deeply");
        }
        String type = t.has("type") && t.get("type").isJsonPrimitive() ? t.get("type").getAsString() : "";
        if (t.has("path") && !type.equals("sequence")) {
            throw new IllegalArgumentException("the " + ForeignFormats.shown(type) + " parameters are stored in a Zarr "
                + "array (\"path\"); only "
                + "parameters in the JSON are read");
        }
        switch (type) {
            case "identity":
                return new double[][] {{1, 0, 0}, {0, 1, 0}};
            case "translation": {
                double[] v = vector(t, "translation");
                return new double[][] {{1, 0, v[0]}, {0, 1, v[1]}};
            }
            case "scale": {
                double[] v = vector(t, "scale");
                return new double[][] {{v[0], 0, 0}, {0, v[1], 0}};
            }
            case "rotation": {
                double[][] r = rows(t, "rotation", 2, 2);
                return new double[][] {{r[0][0], r[0][1], 0}, {r[1][0], r[1][1], 0}};
            }
            case "affine": {
                JsonElement a = t.get("affine");
                int n = a != null && a.isJsonArray() ? a.getAsJsonArray().size() : 0;
                double[][] r = rows(t, "affine", n == 3 ? 3 : 2, 3);
                if (n == 3 && !(r[2][0] == 0 && r[2][1] == 0 && r[2][2] == 1)) {
                    throw new IllegalArgumentException("a 3x3 \"affine\" must end in the row [0, 0, 1]");
                }
                return new double[][] {r[0], r[1]};
            }
            case "sequence": {
                JsonElement list = t.get("transformations");
                if (list == null || !list.isJsonArray() || list.getAsJsonArray().isEmpty()) {
                    throw new IllegalArgumentException("a sequence needs a non-empty \"transformations\" list");
                }
                Affine2D total = Affine2D.IDENTITY;
                for (JsonElement e : list.getAsJsonArray()) {
                    double[][] m = matrix(object(e, "a transformation in the sequence"), depth + 1);
                    total = new Affine2D(m[0][0], m[0][1], m[0][2], m[1][0], m[1][1], m[1][2]).after(total);
                }
                return new double[][] {{total.a(), total.b(), total.tx()}, {total.c(), total.d(), total.ty()}};
            }
            default:
                throw new IllegalArgumentException("transformation type '" + ForeignFormats.shown(type) + "' is not "
                    + "read; only affine, "
                    + "translation, scale, rotation, identity and sequences of them are");
        }
    }

    /**
     * For each axis of the coordinate system an input or output refers to, 0 when it is x and 1 when it is y; array
     * order (y, x) when the file does not define the system or its axes are not named x and y.
     */
    private static int[] axisOrder(JsonObject container, JsonElement ref) {
        String name = null;
        if (ref != null && ref.isJsonPrimitive()) {
            name = ref.getAsString();
        } else if (ref != null && ref.isJsonObject() && ref.getAsJsonObject().has("name")
            && ref.getAsJsonObject().get("name").isJsonPrimitive()) {
            name = ref.getAsJsonObject().get("name").getAsString();
        }
        JsonElement systems = container.get("coordinateSystems");
        if (name != null && systems != null && systems.isJsonArray()) {
            for (JsonElement s : systems.getAsJsonArray()) {
                if (s.isJsonObject() && s.getAsJsonObject().has("name") && s.getAsJsonObject().get("name")
                    .isJsonPrimitive() && name.equals(s.getAsJsonObject().get("name").getAsString())) {
                    return axes(s.getAsJsonObject(), name);
                }
            }
        }
        return new int[] {1, 0};
    }

    private static int[] axes(JsonObject system, String name) {
        JsonElement axes = system.get("axes");
        if (axes == null || !axes.isJsonArray() || axes.getAsJsonArray().size() != 2) {
            throw new IllegalArgumentException("coordinate system '" + name + "' must have two axes (y and x)");
        }
        int[] order = new int[2];
        for (int i = 0; i < 2; i++) {
            JsonObject axis = object(axes.getAsJsonArray().get(i), "an axis of '" + name + "'");
            String n = axis.has("name") && axis.get("name").isJsonPrimitive() ? axis.get("name").getAsString() : "";
            order[i] = n.equalsIgnoreCase("x") ? 0 : n.equalsIgnoreCase("y") ? 1 : -1;
        }
        // axes not named x and y (e.g. the draft's "j", "i"): array order, the last axis is x
        return order[0] >= 0 && order[1] >= 0 && order[0] != order[1] ? order : new int[] {1, 0};
    }

    private static double[] vector(JsonObject t, String key) {
        JsonElement v = t.get(key);
        if (v == null || !v.isJsonArray() || v.getAsJsonArray().size() != 2) {
            throw new IllegalArgumentException("\"" + key + "\" must be a list of two numbers");
        }
        return new double[] {num(v.getAsJsonArray().get(0), key), num(v.getAsJsonArray().get(1), key)};
    }

    private static double[][] rows(JsonObject t, String key, int rows, int cols) {
        String shape = "\"" + key + "\" must be a list of " + rows + " rows of " + cols + " numbers";
        JsonElement a = t.get(key);
        if (a == null || !a.isJsonArray() || a.getAsJsonArray().size() != rows) {
            throw new IllegalArgumentException(shape);
        }
        double[][] out = new double[rows][cols];
        for (int r = 0; r < rows; r++) {
            JsonElement row = a.getAsJsonArray().get(r);
            if (!row.isJsonArray() || row.getAsJsonArray().size() != cols) {
                throw new IllegalArgumentException(shape);
            }
            for (int c = 0; c < cols; c++) {
                out[r][c] = num(row.getAsJsonArray().get(c), key);
            }
        }
        return out;
    }

    private static double num(JsonElement e, String key) {
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            throw new IllegalArgumentException("\"" + key + "\" holds '" + e + "', not a number");
        }
        double v = e.getAsDouble();
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("\"" + key + "\" holds " + e + " (must be finite)");
        }
        return v;
    }

    private static JsonObject object(JsonElement e, String what) {
        if (e == null || !e.isJsonObject()) {
            throw new IllegalArgumentException(what + " must be a JSON object");
        }
        return e.getAsJsonObject();
    }

    private static JsonObject system(String name, String what) {
        JsonObject s = new JsonObject();
        s.addProperty("name", name);
        JsonArray axes = new JsonArray();
        axes.add(axis("y", "row in pixels of the " + what));
        axes.add(axis("x", "column in pixels of the " + what));
        s.add("axes", axes);
        return s;
    }

    private static JsonObject axis(String name, String longName) {
        JsonObject a = new JsonObject();
        a.addProperty("name", name);
        a.addProperty("type", "space");
        a.addProperty("discrete", false);
        a.addProperty("longName", longName);
        return a;
    }

    private static JsonObject named(String name) {
        JsonObject o = new JsonObject();
        o.addProperty("name", name);
        return o;
    }

    private static JsonArray row(double... v) {
        JsonArray a = new JsonArray();
        for (double d : v) {
            a.add(d);
        }
        return a;
    }
}
