package org.knime.deepclem.engine.registration;

import org.knime.deepclem.engine.geometry.Affine2D;

/**
 * What a registration found. A {@link Verdict#FAILED} result still carries the best transform found (for diagnosis)
 * but callers must not apply it as if it were an answer; {@link #reason()} says why it failed.
 *
 * @param movingToFixed moving px -> fixed px, or null when nothing at all was found
 * @param model         the transform family that was fitted
 * @param method        "features" or "correlation"
 * @param quality       the figures behind the verdict
 * @param verdict       ok or failed
 * @param reason        empty when ok; otherwise a sentence a user understands
 */
public record RegistrationResult(Affine2D movingToFixed, TransformModel model, String method, Quality quality,
    Verdict verdict, String reason) {

    public boolean ok() {
        return verdict == Verdict.OK;
    }

    public static RegistrationResult failed(TransformModel model, String method, Affine2D best, Quality quality,
        String reason) {
        return new RegistrationResult(best, model, method, quality, Verdict.FAILED, reason);
    }
}
