package org.knime.deepclem.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.knime.deepclem.engine.geometry.Affine2D;
import org.knime.deepclem.engine.registration.PredictedError;

/** The held-out figures of the predicted error: coverage, Spearman, the floor's tuning, the CSV columns. */
class ErrorCalibrationTest {

    private static LeaveOneOutEvaluation.Outcome outcome(boolean ok, double error, double predicted) {
        return new LeaveOneOutEvaluation.Outcome(1, 0, 0, 100, 100, ok, "x", error, 1, Affine2D.IDENTITY, 0.7, 0.2,
            predicted, 9);
    }

    @Test
    void coverageAndSpearmanCountOkCasesWithAPrediction() {
        List<LeaveOneOutEvaluation.Outcome> o = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            o.add(outcome(true, i, i / 2.0)); // error rises with the prediction
        }
        o.add(outcome(false, 300, Double.NaN)); // failed: not counted
        o.add(outcome(true, 2, Double.NaN)); // too few tiles: not counted
        assertEquals(10, ErrorCalibration.usable(o).size());
        assertEquals(1.0, ErrorCalibration.spearman(o), 1e-12);
        // bound = hypot(floor, sqrt(ln 10) i / 2) covers error i while i <= ...: with floor 0, never (1.517 / 2 < 1)
        assertEquals(0.0, ErrorCalibration.coverage(o, new ErrorCalibration.Constants(0, PredictedError.FACTOR)));
        ErrorCalibration.Constants k = ErrorCalibration.tune(o);
        assertTrue(ErrorCalibration.coverage(o, k) >= 0.9);
        assertTrue(ErrorCalibration.coverage(o, new ErrorCalibration.Constants(k.floorPx() - 0.25, k.factor())) < 0.9,
            "the smallest floor that covers 90 %");
        assertEquals(PredictedError.FACTOR, k.factor());
        assertNull(ErrorCalibration.tune(List.of(outcome(false, 300, Double.NaN))));
        String table = ErrorCalibration.table(List.of(new LeaveOneOutEvaluation.Summary("s6", "pipeline", o),
            new LeaveOneOutEvaluation.Summary("s7", "pipeline", o)));
        assertTrue(table.contains("s6") && table.contains("cv cover"), table);
    }

    @Test
    void thePredictedErrorSurvivesTheCsv() {
        var a = outcome(true, 2.5, 1.25);
        var back = LeaveOneOutEvaluation.Outcome.parse(a.csv("s6", "pipeline").split(","));
        assertEquals(1.25, back.predictedRmsPx(), 1e-4);
        assertEquals(9, back.tiles());
        // a row written before the predicted error's columns reads as "no prediction"
        String old = a.csv("s6", "pipeline");
        String[] cut = old.substring(0, old.lastIndexOf(',', old.lastIndexOf(',') - 1)).split(",");
        assertTrue(Double.isNaN(LeaveOneOutEvaluation.Outcome.parse(cut).predictedRmsPx()));
    }
}
