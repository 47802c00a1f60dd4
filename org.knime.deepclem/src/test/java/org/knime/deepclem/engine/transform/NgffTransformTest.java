package org.knime.deepclem.engine.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knime.deepclem.engine.geometry.Affine2D;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

class NgffTransformTest {

    @TempDir
    Path tmp;

    @Test
    void roundTripGivesTheSameMatrix() throws Exception {
        for (Map.Entry<String, Affine2D> e : ExportCases.matrices().entrySet()) {
            Path f = tmp.resolve(e.getKey() + ".ome-ngff.json");
            NgffTransform.write(ExportCases.doc(e.getValue()), f, false);
            ExportCases.assertSameMatrix(e.getValue(), NgffTransform.read(f).result().movingToFixed(), 0, e.getKey());
            // by extension, and by content under another .json name
            ExportCases.assertSameMatrix(e.getValue(), TransformFiles.read(f).result().movingToFixed(), 0, e.getKey());
            Path plain = Files.copy(f, tmp.resolve(e.getKey() + "-ngff.json"));
            ExportCases.assertSameMatrix(e.getValue(), TransformFiles.read(plain).result().movingToFixed(), 0, e.getKey());
        }
    }

    /** The draft's form: axes in array order (y, x), the matrix on (y, x) column vectors, input/output objects. */
    @Test
    void writesTheDraftsSceneForm() {
        Affine2D m = new Affine2D(0.71, 0.13, -41.5, -0.09, 0.55, 102.75);
        JsonObject root = JsonParser.parseString(NgffTransform.toJson(ExportCases.doc(m))).getAsJsonObject();
        JsonObject ome = root.getAsJsonObject("ome");
        assertEquals("0.6rc0", ome.get("version").getAsString());
        JsonObject scene = ome.getAsJsonObject("scene");
        JsonArray systems = scene.getAsJsonArray("coordinateSystems");
        assertEquals("fixed", systems.get(0).getAsJsonObject().get("name").getAsString());
        assertEquals("moving", systems.get(1).getAsJsonObject().get("name").getAsString());
        for (var s : systems) {
            JsonArray axes = s.getAsJsonObject().getAsJsonArray("axes");
            assertEquals("y", axes.get(0).getAsJsonObject().get("name").getAsString());
            assertEquals("x", axes.get(1).getAsJsonObject().get("name").getAsString());
            for (var a : axes) {
                assertEquals("space", a.getAsJsonObject().get("type").getAsString());
                assertFalse(a.getAsJsonObject().has("unit"), "pixels: a unitless coordinate system");
            }
        }
        JsonArray ts = scene.getAsJsonArray("coordinateTransformations");
        assertEquals(1, ts.size());
        JsonObject t = ts.get(0).getAsJsonObject();
        assertEquals("affine", t.get("type").getAsString());
        assertEquals("moving", t.getAsJsonObject("input").get("name").getAsString());
        assertEquals("fixed", t.getAsJsonObject("output").get("name").getAsString());
        // y' = d y + c x + ty ; x' = b y + a x + tx
        assertEquals("[[0.55,-0.09,102.75],[0.13,0.71,-41.5]]", t.get("affine").toString());
    }

    @Test
    void readsOtherFormsOfTheSameTransformation() {
        Affine2D m = new Affine2D(0.71, 0.13, -41.5, -0.09, 0.55, 102.75);
        // top level, plain-string input/output (earlier drafts), axes declared (x, y): the matrix in that order
        String xy = "{\"coordinateSystems\": [{\"name\": \"lm\", \"axes\": [{\"name\": \"x\"}, {\"name\": \"y\"}]},"
            + "{\"name\": \"em\", \"axes\": [{\"name\": \"x\"}, {\"name\": \"y\"}]}],"
            + "\"coordinateTransformations\": [{\"type\": \"affine\", \"input\": \"lm\", \"output\": \"em\","
            + "\"affine\": [[0.71, 0.13, -41.5], [-0.09, 0.55, 102.75], [0, 0, 1]]}]}";
        ExportCases.assertSameMatrix(m, NgffTransform.fromJson(xy, "xy.json").result().movingToFixed(), 0, "xy");
        // the draft's example form (axes j, i -> y, x: array order) as a zarr.json of a scene group
        String zarr = "{\"zarr_format\": 3, \"node_type\": \"group\", \"attributes\": {\"ome\": {\"version\": \"0.6rc0\","
            + "\"scene\": {\"coordinateSystems\": [{\"name\": \"ji\", \"axes\": [{\"name\": \"j\"}, {\"name\": \"i\"}]},"
            + "{\"name\": \"yx\", \"axes\": [{\"name\": \"y\"}, {\"name\": \"x\"}]}],"
            + "\"coordinateTransformations\": [{\"type\": \"affine\", \"affine\": [[0.55, -0.09, 102.75], [0.13, 0.71, "
            + "-41.5]], \"input\": {\"name\": \"ji\"}, \"output\": {\"name\": \"yx\"}}]}}}}";
        ExportCases.assertSameMatrix(m, NgffTransform.fromJson(zarr, "zarr.json").result().movingToFixed(), 0, "zarr");
        // a sequence: scale then translation, in (y, x)
        String seq = "{\"scene\": {\"coordinateTransformations\": [{\"type\": \"sequence\", \"input\": {\"name\": \"a\"},"
            + "\"output\": {\"name\": \"b\"}, \"transformations\": [{\"type\": \"scale\", \"scale\": [2, 3]},"
            + "{\"type\": \"translation\", \"translation\": [10, 20]}]}]}}";
        ExportCases.assertSameMatrix(new Affine2D(3, 0, 20, 0, 2, 10),
            NgffTransform.fromJson(seq, "seq.json").result().movingToFixed(), 0, "sequence");
    }

    @Test
    void refusesWhatItCannotRead() {
        String[][] bad = {
            {"{\"coordinateTransformations\": []}", "exactly one"},
            {"{\"coordinateTransformations\": [{\"type\": \"displacements\", \"path\": \"d\"}]}", "Zarr array"},
            {"{\"coordinateTransformations\": [{\"type\": \"mapAxis\", \"mapAxis\": [1, 0]}]}", "mapAxis"},
            {"{\"coordinateTransformations\": [{\"type\": \"affine\", \"affine\": [[1, 0], [0, 1]]}]}", "rows of 3"},
            {"{\"coordinateTransformations\": [{\"type\": \"affine\", \"affine\": [[1, 0, 0], [0, 1, 0], [1, 0, 1]]}]}",
                "[0, 0, 1]"},
            {"{\"coordinateTransformations\": [{\"type\": \"scale\", \"scale\": [0, 1]}]}", "degenerate"},
            {"{\"coordinateTransformations\": [{\"type\": \"translation\", \"translation\": [\"a\", 1]}]}", "number"}};
        for (String[] b : bad) {
            var e = assertThrows(IllegalArgumentException.class, () -> NgffTransform.fromJson(b[0], "n.json"));
            assertTrue(e.getMessage().startsWith("n.json: ") && e.getMessage().contains(b[1]), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> NgffTransform.fromJson("[1]", "n.json"));
        assertThrows(IllegalArgumentException.class, () -> NgffTransform.fromJson("{\"a\": 1}", "n.json"));
        assertThrows(IllegalArgumentException.class, () -> NgffTransform.toJson(ExportCases.failed(Affine2D.IDENTITY)));
    }
}
