package org.knime.deepclem.engine.train;

/**
 * How to train: sampling, optimisation and the preprocessing recorded in the model.
 *
 * @param steps optimiser steps
 * @param patch patch edge in working-scale pixels (multiple of 2^depth)
 * @param batch patches per step
 * @param workingScale EM scale the network sees (0.5 = half size)
 * @param equalize apply ImageJ histogram equalisation to the EM first
 * @param learningRate Adam learning rate
 * @param seed seed of weights, validation split, sampling and augmentation
 * @param valFraction fraction of patch-sized blocks held out for validation (0 = none; then the last weights are
 *        kept)
 * @param validateEvery steps between validation runs (and progress reports)
 * @param chromatinWeight extra loss weight on bright target pixels: weight = 1 + chromatinWeight * target
 * @param maxSeconds wall-time budget (0 = none): training stops after the step that exceeds it, validates and keeps
 *        the best weights so far (the step reached then depends on the machine's load)
 * @param averageWeights keep the mean of the weights at every validation step of the second half of training
 *        (stochastic weight averaging) instead of the weights of the best validation loss; a time limit that stops
 *        training before the second half keeps the best weights
 */
public record TrainingOptions(int steps, int patch, int batch, double workingScale, boolean equalize,
    double learningRate, long seed, double valFraction, int validateEvery, double chromatinWeight, double maxSeconds,
    boolean averageWeights) {

    /**
     * The defaults of the bundled model: 4000 steps of 8 patches of 64 px at a quarter scale (close to the original
     * DeepCLEM's 256x256 working size; a 64 px patch then spans 256 EM pixels, more than a nucleus), keeping the
     * weights of the best validation loss (averaging them was no better on held-out sections over three seeds:
     * docs/model.md, "Weight averaging").
     */
    public static TrainingOptions defaults() {
        return new TrainingOptions(4000, 64, 8, 0.25, true, 1e-3, 42, 0.1, 100, 4.0, 0, false);
    }

    /** Checks the values; the message names the option. */
    public TrainingOptions {
        require(steps >= 1, "--steps must be at least 1, got " + steps);
        require(patch >= 8 && patch <= 1024, "--patch must be 8..1024, got " + patch);
        require(batch >= 1 && batch <= 256, "--batch must be 1..256, got " + batch);
        require(workingScale > 0 && workingScale <= 4, "--scale must be in (0, 4], got " + workingScale);
        require(learningRate > 0 && learningRate < 1, "learning rate must be in (0, 1), got " + learningRate);
        require(valFraction >= 0 && valFraction < 0.9, "--val-fraction must be in [0, 0.9), got " + valFraction);
        require(validateEvery >= 1, "validation interval must be at least 1, got " + validateEvery);
        require(chromatinWeight >= 0, "chromatin weight must be >= 0, got " + chromatinWeight);
        require(maxSeconds >= 0, "--max-minutes must be >= 0, got " + maxSeconds / 60);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
