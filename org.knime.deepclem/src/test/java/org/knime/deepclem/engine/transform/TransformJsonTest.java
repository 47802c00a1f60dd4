package org.knime.deepclem.engine.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knime.deepclem.engine.geometry.Affine2D;
import org.knime.deepclem.engine.registration.Quality;
import org.knime.deepclem.engine.registration.RegistrationResult;
import org.knime.deepclem.engine.registration.TransformModel;
import org.knime.deepclem.engine.registration.Verdict;
import org.knime.deepclem.engine.transform.TransformDocument.ImageSize;

class TransformJsonTest {

    @TempDir
    Path tmp;

    static final Affine2D M = new Affine2D(0.1 + 0.2, -1.0 / 3, 123.456789012345, Math.PI / 7, Math.E, -4e-17);

    @Test
    void roundTripIsExact() throws IOException {
        RegistrationResult r = new RegistrationResult(M, TransformModel.SIMILARITY, "features",
            new Quality(41, 0.6180339887, 1.25, 0.73, 0.98, Double.NaN), Verdict.OK, "");
        TransformDocument doc = new TransformDocument(r, new ImageSize(1002, 530), new ImageSize(1280, 1024));
        Path f = tmp.resolve("t.json");
        TransformJson.write(doc, f, false);
        TransformDocument back = TransformJson.read(f);
        assertEquals(doc, back); // records: exact doubles, NaN == NaN via Double.equals semantics of record equals
        String text = Files.readString(f);
        assertTrue(text.contains("\"margin\": null"), text);
        assertTrue(text.contains("\"verdict\": \"ok\""), text);
        assertTrue(text.contains("\"fixed_size\": [\n    1002,\n    530\n  ]"), text);
        assertThrows(FileAlreadyExistsException.class, () -> TransformJson.write(doc, f, false));
    }

    @Test
    void sourceAndLandmarkFiguresRoundTrip() {
        RegistrationResult r = new RegistrationResult(M, TransformModel.SIMILARITY, "landmarks",
            new Quality(6, Double.NaN, 0.61, Double.NaN, Double.NaN, Double.NaN), Verdict.OK, "");
        var f = new org.knime.deepclem.engine.registration.LandmarkFit.Figures(6, 0.61, 0.75, 0.32, Double.NaN);
        TransformDocument d = new TransformDocument(r, new ImageSize(100, 50), new ImageSize(80, 60), "landmarks", f);
        String json = TransformJson.toJson(d);
        assertTrue(json.contains("\"source\": \"landmarks\"") && json.contains("\"tre_max_px\": null"), json);
        TransformDocument back = TransformJson.fromJson(json, "t.json");
        assertEquals("landmarks", back.source());
        assertEquals(6, back.landmarks().n());
        assertEquals(0.75, back.landmarks().flePx());
        assertTrue(Double.isNaN(back.landmarks().treMax()));
        // a document that says nothing of its source writes neither field
        String plain = TransformJson.toJson(TransformDocument.of(r));
        assertTrue(!plain.contains("source") && !plain.contains("n_landmarks"), plain);
        assertNull(TransformJson.fromJson(plain, "t.json").source());
    }

    @Test
    void mirroredFlagFollowsTheDeterminant() {
        Affine2D mirrored = Affine2D.similarity(1.4, 0.5, 30, 40).after(new Affine2D(-1, 0, 99, 0, 1, 0));
        RegistrationResult r = new RegistrationResult(mirrored, TransformModel.SIMILARITY, "correlation",
            Quality.NONE, Verdict.OK, "");
        String json = TransformJson.toJson(TransformDocument.of(r));
        assertTrue(json.contains("\"mirrored\": true"), json);
        assertEquals(mirrored, TransformJson.fromJson(json, "m.json").result().movingToFixed());
        assertTrue(TransformJson.toJson(TransformDocument.of(new RegistrationResult(M, TransformModel.SIMILARITY,
            "correlation", Quality.NONE, Verdict.OK, ""))).contains("\"mirrored\": false"));
        String noMatrix = TransformJson.toJson(TransformDocument.of(RegistrationResult.failed(TransformModel.SIMILARITY,
            "correlation", null, Quality.NONE, "no pose")));
        assertTrue(noMatrix.contains("\"mirrored\": null"), noMatrix);
        // a flag that contradicts the matrix is an edited or broken file
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TransformJson.fromJson(
            "{\"moving_to_fixed\": [[1,0,0],[0,1,0]], \"mirrored\": true}", "bad.json"));
        assertEquals("bad.json: \"mirrored\" is true but the matrix's determinant is positive", e.getMessage());
    }

    @Test
    void failedResultWithoutTransformRoundTrips() {
        RegistrationResult r = RegistrationResult.failed(TransformModel.SIMILARITY, "features", null, Quality.NONE,
            "too few matches (2)");
        TransformDocument doc = new TransformDocument(r, null, null);
        TransformDocument back = TransformJson.fromJson(TransformJson.toJson(doc), "x");
        assertEquals(doc, back);
        assertNull(back.result().movingToFixed());
        assertEquals(-1, back.result().quality().inliers());
        assertEquals("too few matches (2)", back.result().reason());
    }

    @Test
    void minimalFileWithOnlyTheMatrixIsAccepted() {
        TransformDocument d = TransformJson.fromJson("{\"moving_to_fixed\": [[1,0,5],[0,1,-2]]}", "m.json");
        assertEquals(Affine2D.translation(5, -2), d.result().movingToFixed());
        assertEquals(Verdict.OK, d.result().verdict());
        assertEquals(TransformModel.SIMILARITY, d.result().model());
    }

    @Test
    void malformedInputGivesAClearError() {
        String[] bad = {"", "[1,2]", "{", "{\"model\":\"similarity\"}", "{\"moving_to_fixed\": [[1,0],[0,1]]}",
            "{\"moving_to_fixed\": [[1,0,0],[0,1,\"x\"]]}", "{\"moving_to_fixed\": [[1,0,NaN],[0,1,0]]}",
            "{\"moving_to_fixed\": [[1,0,1e999],[0,1,0]]}", "{\"moving_to_fixed\": null, \"verdict\": \"ok\"}",
            "{\"moving_to_fixed\": [[1,0,0],[0,1,0]], \"verdict\": \"maybe\"}",
            "{\"moving_to_fixed\": [[1,0,0],[0,1,0]], \"fixed_size\": [-3, 2]}",
            "{\"moving_to_fixed\": [[1,0,0],[0,1,0]], \"model\": \"warp\"}"};
        for (String s : bad) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TransformJson.fromJson(s, "bad.json"), s);
            assertTrue(e.getMessage().startsWith("bad.json: "), e.getMessage());
            assertTrue(!e.getMessage().contains("\n"), e.getMessage());
        }
    }

    @Test
    void hugeFileIsRefused() throws IOException {
        Path f = tmp.resolve("big.json");
        Files.write(f, new byte[(int) TransformJson.MAX_BYTES + 1]);
        IOException e = assertThrows(IOException.class, () -> TransformJson.read(f));
        assertTrue(e.getMessage().contains("too large"), e.getMessage());
    }
}
