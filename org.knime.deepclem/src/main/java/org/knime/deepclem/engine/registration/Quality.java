package org.knime.deepclem.engine.registration;

/**
 * Figures that say how far a registration can be trusted. Figures a method does not produce are NaN
 * (inliers = -1 when no features were used).
 *
 * @param inliers      RANSAC inliers (feature method), -1 otherwise
 * @param inlierRatio  inliers / putative matches (feature method), NaN otherwise
 * @param residualPx   RMS residual of the inliers in fixed px (feature method), or the refinement's estimate, NaN if none
 * @param ncc          normalised cross-correlation of fixed and warped moving over their overlap, in [-1, 1]
 * @param overlap      fraction of the fixed frame covered by the warped moving image, in [0, 1]
 * @param margin       how much better the chosen pose scored than the best clearly different pose (correlation method), NaN otherwise
 */
public record Quality(int inliers, double inlierRatio, double residualPx, double ncc, double overlap, double margin) {

    public static final Quality NONE = new Quality(-1, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
}
