package org.knime.deepclem.engine.registration;

/**
 * The scale a registration expects (moving px -> fixed px) and how far the true scale may lie from it, known from the
 * images' pixel sizes: the search then covers only {@code [expected / (1 + tolerance), expected * (1 + tolerance)]}
 * instead of every plausible scale, which is faster and cannot settle on a pose of the wrong scale.
 *
 * @param expected  the expected scale, > 0
 * @param tolerance the relative error allowed either way (0.15 = ±15 %), in (0, 1]
 */
public record ScalePrior(double expected, double tolerance) {

    /** ±15 %: pixel sizes in microscope metadata are usually right to a few percent. */
    public static final double DEFAULT_TOLERANCE = 0.15;

    public ScalePrior {
        if (!(expected > 0 && Double.isFinite(expected))) {
            throw new IllegalArgumentException("the expected scale must be positive, got " + expected);
        }
        if (!(tolerance > 0 && tolerance <= 1)) {
            throw new IllegalArgumentException("the scale tolerance must be in (0, 100 %], got " + tolerance * 100 + " %");
        }
    }

    public double min() {
        return expected / (1 + tolerance);
    }

    public double max() {
        return expected * (1 + tolerance);
    }
}
