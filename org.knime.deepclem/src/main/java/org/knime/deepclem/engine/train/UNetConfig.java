package org.knime.deepclem.engine.train;

/**
 * Architecture of a CARE-like 2-D U-Net (Weigert et al. 2018): {@code depth} down-sampling levels with two
 * convolutions each, {@code filters} channels at the first level doubling per level, and a linear 1x1 output.
 *
 * @param depth number of 2x2 max-pool levels (1..6); tile sizes must be multiples of 2^depth
 * @param filters first-level filter count
 * @param kernel convolution kernel size (odd)
 * @param residual add the input to the output (CARE's default for denoising; off for EM to chromatin)
 * @param loss training loss
 */
public record UNetConfig(int depth, int filters, int kernel, boolean residual, Loss loss) {

    /** Pixel-wise training loss. */
    public enum Loss {
        /** mean squared error */
        MSE,
        /** mean absolute error */
        MAE
    }

    /** Defaults sized for a small CPU: depth 3, 16 filters, 3x3 kernels, no residual, MSE. */
    public static UNetConfig defaults() {
        return new UNetConfig(3, 16, 3, false, Loss.MSE);
    }

    /** Checks the values; throws IllegalArgumentException naming the bad one. */
    public UNetConfig {
        if (depth < 1 || depth > 6) {
            throw new IllegalArgumentException("U-Net depth must be 1..6, got " + depth);
        }
        if (filters < 1 || filters > 256) {
            throw new IllegalArgumentException("U-Net filters must be 1..256, got " + filters);
        }
        if (kernel < 1 || kernel % 2 == 0 || kernel > 11) {
            throw new IllegalArgumentException("U-Net kernel size must be odd and 1..11, got " + kernel);
        }
        if (loss == null) {
            throw new IllegalArgumentException("U-Net loss must be given");
        }
    }

    /** Input sizes must be multiples of this (2^depth) so that pooling and up-sampling line up. */
    public int sizeMultiple() {
        return 1 << depth;
    }
}
