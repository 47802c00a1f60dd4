package org.knime.deepclem.engine.train;

/**
 * A progress report, given after each validation interval.
 *
 * @param step steps done
 * @param steps steps planned
 * @param loss mean training loss over the last interval
 * @param valLoss validation loss now (NaN without validation)
 * @param bestValLoss best validation loss so far (NaN without validation)
 * @param elapsedSeconds time since training started
 * @param etaSeconds estimated time to finish
 */
public record TrainingProgress(int step, int steps, double loss, double valLoss, double bestValLoss,
    double elapsedSeconds, double etaSeconds) {

    /** One line for a console: step, loss, val loss, ETA. */
    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "step %d/%d  loss %.5f  val loss %.5f (best %.5f)  %.0f s, ETA %.0f s",
            step, steps, loss, valLoss, bestValLoss, elapsedSeconds, etaSeconds);
    }
}
