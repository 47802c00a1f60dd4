package org.knime.deepclem.engine.registration;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.real.FloatType;

/** Registers a moving image onto a fixed image of the same kind (both single-channel, x = dim 0, y = dim 1). */
public interface Registration {

    default RegistrationResult register(RandomAccessibleInterval<FloatType> fixed,
        RandomAccessibleInterval<FloatType> moving, TransformModel model) {
        return register(fixed, moving, model, StageClock.NONE);
    }

    /**
     * This registration searching only the scales {@code prior} allows; the default (for methods that do not search
     * over scale) is this registration unchanged.
     */
    default Registration withScalePrior(ScalePrior prior) {
        return this;
    }

    /** As {@link #register(RandomAccessibleInterval, RandomAccessibleInterval, TransformModel)}, timing each stage. */
    RegistrationResult register(RandomAccessibleInterval<FloatType> fixed, RandomAccessibleInterval<FloatType> moving,
        TransformModel model, StageClock clock);
}
