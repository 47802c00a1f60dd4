package org.knime.deepclem.engine.registration;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.real.FloatType;

/**
 * The default registration: features first (fast, and exact where the images share sharp detail), the intensity
 * correlation when the features fail (blurred virtual chromatin, few nuclei). When both fail, the failed result with
 * the higher NCC is returned and its reason names both attempts. The result's {@link RegistrationResult#method()}
 * says which method produced it.
 */
public final class AutoRegistration implements Registration {

    private final FeatureRegistration features;
    private final CorrelationRegistration correlation;

    public AutoRegistration() {
        this(new FeatureRegistration(), new CorrelationRegistration());
    }

    public AutoRegistration(FeatureRegistration features, CorrelationRegistration correlation) {
        this.features = features;
        this.correlation = correlation;
    }

    /** Correlation searches only the prior's scales; the features find their scale and are judged as before. */
    @Override
    public AutoRegistration withScalePrior(ScalePrior prior) {
        return new AutoRegistration(features, correlation.withScalePrior(prior));
    }

    @Override
    public RegistrationResult register(RandomAccessibleInterval<FloatType> fixed, RandomAccessibleInterval<FloatType> moving,
        TransformModel model, StageClock clock) {
        RegistrationResult byFeatures = features.register(fixed, moving, model, clock);
        if (byFeatures.ok()) {
            return byFeatures;
        }
        RegistrationResult byCorrelation = correlation.register(fixed, moving, model, clock);
        if (byCorrelation.ok()) {
            return byCorrelation;
        }
        double nf = byFeatures.quality().ncc(), nc = byCorrelation.quality().ncc();
        RegistrationResult better = !(nf > nc) ? byCorrelation : byFeatures;
        return RegistrationResult.failed(model, better.method(), better.movingToFixed(), better.quality(),
            "features: " + byFeatures.reason() + "; correlation: " + byCorrelation.reason());
    }
}
