package org.knime.deepclem.engine.pipeline;

import org.knime.deepclem.engine.io.PixelSize;
import org.knime.deepclem.engine.registration.ScalePrior;

/**
 * The pixel sizes of a pair, each null when unknown.
 *
 * @param em the EM (fixed) image's pixel size
 * @param lm the LM (moving) image's pixel size
 */
public record PixelSizes(PixelSize em, PixelSize lm) {

    public static final PixelSizes UNKNOWN = new PixelSizes(null, null);

    /** Whether both are known, so that the LM -> EM scale is. */
    public boolean known() {
        return em != null && lm != null;
    }

    /**
     * The scale prior (LM px -> EM px = LM pixel size / EM pixel size) with the given relative tolerance, or null
     * when a size is unknown: the registration then searches every scale, as without pixel sizes.
     */
    public ScalePrior scalePrior(double tolerance) {
        return known() ? new ScalePrior(lm.scaleOnto(em), tolerance) : null;
    }

    /** For messages: "EM 5 nm, LM 100 nm" ("unknown" for a missing one). */
    @Override
    public String toString() {
        return "EM " + (em == null ? "unknown" : em) + ", LM " + (lm == null ? "unknown" : lm);
    }
}
