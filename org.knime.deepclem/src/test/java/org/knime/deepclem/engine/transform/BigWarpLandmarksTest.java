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
import org.knime.deepclem.engine.registration.TransformModel;

class BigWarpLandmarksTest {

    @TempDir
    Path tmp;

    @Test
    void pairsOfBothLayouts() {
        String bigwarp = "\"Pt-0\",\"true\",\"1.0\",\"2.0\",\"3.0\",\"4.0\"\n"
            + "\"Pt-1\",\"false\",\"Infinity\",\"Infinity\",\"5.0\",\"6.0\"\n"
            + "\"Pt-2\",\"true\",\"7.5\",\"8.0\",\"9.0\",\"10.0\"\n";
        var p = BigWarpLandmarks.pairs(bigwarp, "b.csv");
        assertEquals(2, p.size());
        assertEquals(7.5, p.get(1)[0]);
        String plain = "moving_x, moving_y ,FIXED_X,fixed_y\n1,2,3,4\n\n5,6,7,8.5\n";
        p = BigWarpLandmarks.pairs(plain, "p.csv");
        assertEquals(2, p.size());
        assertEquals(8.5, p.get(1)[3]);
        var e = assertThrows(IllegalArgumentException.class, () -> BigWarpLandmarks.pairs(
            "moving_x,moving_y,fixed_x,fixed_y\n1,2,3\n", "p.csv"));
        assertEquals("p.csv line 2: 3 fields, the header has 4 (moving_x,moving_y,fixed_x,fixed_y)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> BigWarpLandmarks.pairs(
            "moving_x,moving_y,fixed_x,fixed_y\n1,2,x,4\n", "p.csv"));
        assertTrue(e.getMessage().contains("fixed x 'x' is not a number"), e.getMessage());
    }

    @Test
    void roundTripGivesTheSameMatrix() throws Exception {
        for (Map.Entry<String, Affine2D> e : ExportCases.matrices().entrySet()) {
            Path f = tmp.resolve(e.getKey() + ".csv");
            BigWarpLandmarks.write(ExportCases.doc(e.getValue()), f, false);
            TransformDocument back = BigWarpLandmarks.read(f);
            ExportCases.assertSameMatrix(e.getValue(), back.result().movingToFixed(), 1e-9, e.getKey());
            assertTrue(back.result().ok());
            assertEquals(9, back.result().quality().inliers());
            assertTrue(back.result().quality().residualPx() < 1e-9, e.getKey());
            // and through the dispatcher, by extension
            ExportCases.assertSameMatrix(e.getValue(), TransformFiles.read(f).result().movingToFixed(), 1e-9, e.getKey());
        }
        assertEquals(TransformModel.TRANSLATION, BigWarpLandmarks.read(tmp.resolve("identity.csv")).result().model());
        assertEquals(TransformModel.SIMILARITY, BigWarpLandmarks.read(tmp.resolve("similarity.csv")).result().model());
        assertEquals(TransformModel.AFFINE, BigWarpLandmarks.read(tmp.resolve("mirrored.csv")).result().model());
    }

    /**
     * The layout BigWarp's LandmarkTableModel.save writes and loadCsvHelper reads for 2-D (opencsv CSVWriter defaults):
     * no header, six quoted fields, name, active, moving x, moving y, fixed x, fixed y; rows end in \n.
     */
    @Test
    void rowsAreBigWarpsSixQuotedFields() {
        Affine2D m = ExportCases.matrices().get("similarity");
        String csv = BigWarpLandmarks.toCsv(ExportCases.doc(m));
        String[] rows = csv.split("\n", -1);
        assertEquals(10, rows.length, csv); // nine rows and the empty rest after the last \n
        assertEquals("", rows[9]);
        assertFalse(csv.contains("\r"));
        assertEquals("\"Pt-0\",\"true\",\"-0.5\",\"-0.5\",\"" + m.applyX(-0.5, -0.5) + "\",\"" + m.applyY(-0.5, -0.5)
            + "\"", rows[0]);
        assertEquals("\"Pt-4\",\"true\",\"639.5\",\"511.5\",\"" + m.applyX(639.5, 511.5) + "\",\"" + m.applyY(639.5, 511.5)
            + "\"", rows[4]);
        assertEquals("\"Pt-8\",\"true\",\"1279.5\",\"1023.5\",\"" + m.applyX(1279.5, 1023.5) + "\",\""
            + m.applyY(1279.5, 1023.5) + "\"", rows[8]);
        for (String row : rows) {
            if (!row.isEmpty()) {
                assertTrue(row.matches("(\"[^\"]*\",){5}\"[^\"]*\""), row);
            }
        }
    }

    @Test
    void handPlacedLandmarksGiveTheLeastSquaresAffine() {
        // BigWarp's own file: unquoted fields too, an unpaired inactive row (Infinity), a noisy set
        Affine2D truth = new Affine2D(0.8, -0.1, 20, 0.12, 0.75, -5);
        double[][] mv = {{10, 10}, {500, 30}, {40, 400}, {480, 420}, {250, 200}};
        double[][] noise = {{0.5, -0.5}, {-0.5, 0.5}, {-0.5, -0.5}, {0.5, 0.5}, {0, 0}};
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < mv.length; i++) {
            csv.append("Pt-").append(i).append(",true,").append(mv[i][0]).append(',').append(mv[i][1]).append(',')
                .append(truth.applyX(mv[i][0], mv[i][1]) + noise[i][0]).append(',')
                .append(truth.applyY(mv[i][0], mv[i][1]) + noise[i][1]).append('\n');
        }
        csv.append("\"Pt-5\",\"false\",\"12.0\",\"13.0\",\"Infinity\",\"Infinity\"\r\n");
        csv.append("\"Pt-6\",\"false\",\"1.0\",\"2.0\",\"900.0\",\"-900.0\"\n"); // an inactive outlier: ignored
        TransformDocument d = BigWarpLandmarks.fromCsv(csv.toString(), "bw.csv");
        assertEquals(5, d.result().quality().inliers());
        assertTrue(d.result().quality().residualPx() > 0.1 && d.result().quality().residualPx() < 0.8);
        assertTrue(truth.rmsDistance(d.result().movingToFixed(), 500, 400, 8) < 0.6);
        // the least-squares property: the residuals are orthogonal to the design (sum of residuals is zero)
        double sx = 0, sy = 0;
        for (int i = 0; i < mv.length; i++) {
            sx += d.result().movingToFixed().applyX(mv[i][0], mv[i][1]) - truth.applyX(mv[i][0], mv[i][1])
                - noise[i][0];
            sy += d.result().movingToFixed().applyY(mv[i][0], mv[i][1]) - truth.applyY(mv[i][0], mv[i][1])
                - noise[i][1];
        }
        assertEquals(0, sx, 1e-9);
        assertEquals(0, sy, 1e-9);
        // a development branch of BigWarp writes an id after the active flag
        Affine2D m = ExportCases.matrices().get("affine");
        String withId = BigWarpLandmarks.toCsv(ExportCases.doc(m)).replaceAll("\"true\",", "\"true\",\"0\",");
        ExportCases.assertSameMatrix(m, BigWarpLandmarks.fromCsv(withId, "id.csv").result().movingToFixed(), 1e-9, "id");
    }

    @Test
    void refusesWhatIsNotA2dAffineLandmarkSet() throws Exception {
        String threeD = "\"Pt-0\",\"true\",\"1\",\"2\",\"3\",\"4\",\"5\",\"6\"\n";
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BigWarpLandmarks.fromCsv(threeD, "a.csv"))
            .getMessage().contains("3-D"));
        String two = "a,true,0,0,1,1\nb,true,5,0,6,1\nc,false,0,5,1,6\n";
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BigWarpLandmarks.fromCsv(two, "b.csv"))
            .getMessage().contains("b.csv: 2 active landmark pairs; an affine transform needs at least 3"));
        String line = "a,true,0,0,1,1\nb,true,5,5,6,6\nc,true,10,10,11,11\n";
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BigWarpLandmarks.fromCsv(line, "c.csv"))
            .getMessage().contains("one line"));
        String unpaired = "a,true,0,0,1,1\nb,true,5,0,6,1\nc,true,0,5,Infinity,Infinity\n";
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BigWarpLandmarks.fromCsv(unpaired, "d.csv"))
            .getMessage().contains("unpaired"));
        assertThrows(IllegalArgumentException.class, () -> BigWarpLandmarks.fromCsv("a,true,x,0,1,1\n", "e.csv"));
        assertThrows(IllegalArgumentException.class, () -> BigWarpLandmarks.fromCsv("a,maybe,0,0,1,1\n", "f.csv"));
        // a failed registration, or one without the moving size, is not written
        assertThrows(IllegalArgumentException.class, () -> BigWarpLandmarks.toCsv(ExportCases.failed(Affine2D.IDENTITY)));
        var noSizes = new TransformDocument(ExportCases.doc(Affine2D.IDENTITY).result(), null, null);
        assertThrows(IllegalArgumentException.class, () -> BigWarpLandmarks.toCsv(noSizes));
        assertFalse(Files.exists(tmp.resolve("x.csv")));
    }
}
