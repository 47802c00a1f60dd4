package org.knime.deepclem.engine.transform;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;

import org.knime.deepclem.engine.geometry.Affine2D;
import org.knime.deepclem.engine.registration.Quality;
import org.knime.deepclem.engine.registration.RegistrationResult;
import org.knime.deepclem.engine.registration.TransformModel;
import org.knime.deepclem.engine.registration.Verdict;

/** The transforms every export format is checked with (moving = LM 1280x1024 -> fixed = EM 1002x530). */
final class ExportCases {

    static final int FIXED_W = 1002, FIXED_H = 530, MOVING_W = 1280, MOVING_H = 1024;

    private ExportCases() {
    }

    /** identity, a similarity with rotation and scale, a general affine, a mirrored (det < 0) affine. */
    static Map<String, Affine2D> matrices() {
        Map<String, Affine2D> m = new LinkedHashMap<>();
        m.put("identity", Affine2D.IDENTITY);
        m.put("similarity", Affine2D.similarity(0.62, Math.toRadians(23.5), 137.25, -88.125));
        m.put("affine", new Affine2D(0.71, 0.13, -41.5, -0.09, 0.55, 102.75));
        m.put("mirrored", new Affine2D(-0.58, 0.21, 880.5, 0.17, 0.6, -35.25));
        return m;
    }

    static TransformDocument doc(Affine2D m) {
        RegistrationResult r = new RegistrationResult(m, TransformModel.AFFINE, "features", Quality.NONE, Verdict.OK, "");
        return TransformDocument.of(r, FIXED_W, FIXED_H, MOVING_W, MOVING_H);
    }

    static TransformDocument failed(Affine2D m) {
        return new TransformDocument(RegistrationResult.failed(TransformModel.SIMILARITY, "correlation", m, Quality.NONE,
            "NCC 0.1 is below 0.3"), null, null);
    }

    /** Every entry within {@code tol}. */
    static void assertSameMatrix(Affine2D expected, Affine2D actual, double tol, String what) {
        double[] e = expected.toRowMajor(), a = actual.toRowMajor();
        for (int i = 0; i < 6; i++) {
            assertTrue(Math.abs(e[i] - a[i]) <= tol, what + ": entry " + i + " expected " + e[i] + " got " + a[i]
                + " (difference " + (a[i] - e[i]) + ")");
        }
    }
}
