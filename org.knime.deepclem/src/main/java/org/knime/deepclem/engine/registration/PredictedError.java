package org.knime.deepclem.engine.registration;

import java.util.function.DoubleBinaryOperator;

/**
 * How far a registration's answer is predicted to be off, from its own image evidence ({@link ErrorPrediction}), in
 * fixed (EM) px.
 *
 * @param rmsPx     predicted RMS error over the fixed frame: the RMS of {@link #field()} (what the evidence sees); NaN
 *                  when unknown
 * @param bound90Px calibrated 90 % upper bound of the error ({@link #bound90(double)}: adds what the evidence cannot
 *                  see); NaN when unknown
 * @param tiles     informative tiles (virtual landmark pairs) behind the prediction
 * @param reason    empty when known; otherwise why there is no prediction (one sentence)
 * @param field     the predicted error at a fixed-frame point (x, y), or null when unknown or read back from a file
 */
public record PredictedError(double rmsPx, double bound90Px, int tiles, String reason, DoubleBinaryOperator field) {

    /**
     * The 90 % bound, bound = sqrt(FLOOR^2 + (FACTOR rms)^2). FACTOR is not tuned: for an error that is a 2-D
     * Gaussian displacement of RMS length rms, the 90 % quantile of its length is rms sqrt(ln 10) (the length squared
     * is rms^2 / 2 times a chi-square of 2 degrees of freedom, whose 90 % quantile is 2 ln 10). FLOOR stands for what
     * no tile can see, the prediction's section-wide misfit to the hand registration: the smallest (on a 0.25 px grid)
     * that covers the measured error of at least 90 % of the held-out cases of the sections it was tuned on
     * (docs/evaluation.md, "Predicted error": tuned on s6, s7 and s8 together).
     */
    public static final double FLOOR_PX = 5.5, FACTOR = Math.sqrt(Math.log(10));

    /** No prediction, with the reason. */
    public static PredictedError unknown(int tiles, String reason) {
        return new PredictedError(Double.NaN, Double.NaN, tiles, reason, null);
    }

    /** The calibrated 90 % upper bound of the RMS error for a predicted RMS error of {@code rmsPx}. */
    public static double bound90(double rmsPx) {
        return Math.hypot(FLOOR_PX, FACTOR * rmsPx);
    }

    public boolean known() {
        return Double.isFinite(rmsPx);
    }

    /**
     * The predicted error at every pixel of a {@code width} x {@code height} fixed frame (row-major, pixel centres at
     * integer coordinates); all NaN without a field.
     */
    public float[] map(int width, int height) {
        float[] out = new float[Math.multiplyExact(width, height)];
        if (field == null) {
            java.util.Arrays.fill(out, Float.NaN);
            return out;
        }
        java.util.stream.IntStream.range(0, height).parallel().forEach(y -> {
            for (int x = 0; x < width; x++) {
                out[y * width + x] = (float) field.applyAsDouble(x, y);
            }
        });
        return out;
    }
}
