package org.knime.deepclem.engine.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.knime.deepclem.engine.geometry.Affine2D;

/** The correlation verdict: the margin tells right from wrong poses; the NCC floor only rejects what matches nothing. */
class QualityGateTest {

    private static final Affine2D POSE = Affine2D.similarity(1.5, 0.3, 10, -20);

    private static RegistrationResult judge(double ncc, double margin) {
        return QualityGate.judge(TransformModel.SIMILARITY, CorrelationRegistration.METHOD, POSE,
            new Quality(-1, Double.NaN, Double.NaN, ncc, 0.9, margin), 0.27, 3.3);
    }

    @Test
    void aClearlyBestPoseIsOkEvenAtTheModestNccOfAShorterTrainedModel() {
        // session 1's s6 model: right poses at NCC 0.39-0.54 with margins from 0.2; an NCC floor of 0.5 refused 40 of 70
        RegistrationResult r = judge(0.42, 0.2);
        assertEquals(Verdict.OK, r.verdict(), r.reason());
    }

    @Test
    void anAmbiguousPoseFailsHoweverWellItCorrelates() {
        RegistrationResult r = judge(0.75, 0.05);
        assertEquals(Verdict.FAILED, r.verdict());
        assertTrue(r.reason().contains("ambiguous"), r.reason());
    }

    @Test
    void aPoseThatMatchesNothingFails() {
        RegistrationResult r = judge(0.2, 0.3);
        assertEquals(Verdict.FAILED, r.verdict());
        assertTrue(r.reason().contains("do not look alike"), r.reason());
    }

    @Test
    void aScaleTheSearchNeverLookedAtFails() {
        RegistrationResult r = QualityGate.judge(TransformModel.SIMILARITY, CorrelationRegistration.METHOD,
            Affine2D.similarity(3.6, 0, 0, 0), new Quality(-1, Double.NaN, Double.NaN, 0.7, 0.9, 0.3), 0.27, 3.3);
        assertEquals(Verdict.FAILED, r.verdict());
        assertTrue(r.reason().contains("scale"), r.reason());
    }
}
