package org.knime.deepclem.engine.pipeline;

import org.knime.deepclem.engine.io.PixelSize;
import org.knime.deepclem.engine.predict.FlipAveraging;
import org.knime.deepclem.engine.predict.VirtualChromatinModel;
import org.knime.deepclem.engine.predict.VirtualChromatinPredictor;
import org.knime.deepclem.engine.registration.ErrorPrediction;
import org.knime.deepclem.engine.registration.PredictedError;
import org.knime.deepclem.engine.registration.Registration;
import org.knime.deepclem.engine.registration.RegistrationResult;
import org.knime.deepclem.engine.registration.ScalePrior;
import org.knime.deepclem.engine.registration.TransformModel;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.real.FloatType;

/**
 * DeepCLEM's core step: predict the chromatin stain from the EM image, then register the measured chromatin (moving)
 * onto that prediction (fixed). The result maps LM px to EM px. The model is loaded once by the caller and shared;
 * this class holds no per-pair state, so one instance serves many threads.
 */
public final class VirtualChromatinRegistration {

    /**
     * The prediction, the registration it allowed, and that registration's predicted error ({@link ErrorPrediction};
     * unknown, with a reason, for a failed registration).
     */
    public record Outcome(ArrayImg<FloatType, FloatArray> virtualChromatin, RegistrationResult result,
        PredictedError error) {
    }

    /** Smallest image side the pipeline accepts: below it there is no structure to register. */
    public static final int MIN_SIDE = 32;

    private final VirtualChromatinPredictor model;
    private final Registration registration;
    private final TransformModel transformModel;
    private final boolean averageFlipsAlways;

    public VirtualChromatinRegistration(VirtualChromatinPredictor model, Registration registration,
        TransformModel transformModel) {
        this(model, registration, transformModel, false);
    }

    /**
     * @param averageFlipsAlways register every pair against the prediction averaged over the EM's mirror images
     *                           (test-time augmentation, four network runs per pair) instead of only failed ones
     */
    public VirtualChromatinRegistration(VirtualChromatinPredictor model, Registration registration,
        TransformModel transformModel, boolean averageFlipsAlways) {
        this.model = model;
        this.registration = registration;
        this.transformModel = transformModel;
        this.averageFlipsAlways = averageFlipsAlways;
    }

    /**
     * Predicts and registers. A pair that fails gets a second opinion: the prediction averaged over the EM's mirror
     * images ({@link FlipAveraging}), which registered most of the held-out cases the plain prediction missed, at
     * three more network runs for failed pairs only. The outcome holds the prediction its result came from.
     *
     * @param em          the EM plane (any real type; 8- or 16-bit values)
     * @param lmChromatin the measured chromatin plane in the LM frame
     */
    public Outcome register(RandomAccessibleInterval<? extends RealType<?>> em,
        RandomAccessibleInterval<FloatType> lmChromatin) {
        return register(em, lmChromatin, null);
    }

    /**
     * As {@link #register(RandomAccessibleInterval, RandomAccessibleInterval)}, searching only the scales
     * {@code prior} allows (from the pixel sizes, {@link PixelSizes#scalePrior}); null searches every scale.
     */
    public Outcome register(RandomAccessibleInterval<? extends RealType<?>> em,
        RandomAccessibleInterval<FloatType> lmChromatin, ScalePrior prior) {
        return register(em, lmChromatin, prior, null, null);
    }

    /**
     * As {@link #register(RandomAccessibleInterval, RandomAccessibleInterval, ScalePrior)}, the network seeing the EM
     * at the pixel size it was trained at when {@code emPixelSize} and the trained one ({@code modelPixelSize}, null:
     * as the model records it) are known ({@link VirtualChromatinPredictor#forEmPixelSize}).
     */
    public Outcome register(RandomAccessibleInterval<? extends RealType<?>> em,
        RandomAccessibleInterval<FloatType> lmChromatin, ScalePrior prior, PixelSize emPixelSize,
        PixelSize modelPixelSize) {
        checkInput(em, "the EM image");
        checkInput(lmChromatin, "the LM chromatin image");
        Registration reg = prior == null ? registration : registration.withScalePrior(prior);
        VirtualChromatinPredictor predictor = model.forEmPixelSize(emPixelSize, modelPixelSize);
        // registered in the EM's pixel grid, where the registration's scale range and quality gate are defined
        ArrayImg<FloatType, FloatArray> working = predictor.predictAtWorkingScale(em);
        if (averageFlipsAlways) {
            return registerAgainst(reg, FlipAveraging.predictAtWorkingScale(predictor, em, working), em, lmChromatin);
        }
        Outcome first = registerAgainst(reg, working, em, lmChromatin);
        if (first.result().ok()) {
            return first;
        }
        first = null; // the EM-sized prediction (1 GB for a 16384^2 EM) must not live on beside the second one
        return registerAgainst(reg, FlipAveraging.predictAtWorkingScale(predictor, em, working), em, lmChromatin);
    }

    private Outcome registerAgainst(Registration reg, ArrayImg<FloatType, FloatArray> workingScalePrediction,
        RandomAccessibleInterval<? extends RealType<?>> em, RandomAccessibleInterval<FloatType> lmChromatin) {
        ArrayImg<FloatType, FloatArray> virtual = VirtualChromatinModel.toEmSize(workingScalePrediction, em);
        var assessed = ErrorPrediction.assess(virtual, lmChromatin, reg.register(virtual, lmChromatin, transformModel));
        return new Outcome(virtual, assessed.result(), assessed.error());
    }

    /**
     * Refuses an input plane the pipeline cannot work on, with a one-line message naming it: smaller than
     * {@value #MIN_SIDE} px a side, or holding NaN / infinite values (percentile normalisation and correlation are
     * undefined on them).
     *
     * @param name how the image is named in the message, e.g. its file
     */
    public static void checkInput(RandomAccessibleInterval<? extends RealType<?>> plane, String name) {
        long w = plane.dimension(0), h = plane.dimension(1);
        if (w < MIN_SIDE || h < MIN_SIDE) {
            throw new IllegalArgumentException(name + " is " + w + "x" + h + " px; registration needs at least "
                + MIN_SIDE + "x" + MIN_SIDE);
        }
        if (!(net.imglib2.util.Util.getTypeFromInterval(plane) instanceof FloatType)) {
            return; // integer samples are always finite
        }
        long bad = 0;
        for (RealType<?> t : net.imglib2.view.Views.flatIterable(plane)) {
            if (!Float.isFinite(t.getRealFloat())) {
                bad++;
            }
        }
        if (bad > 0) {
            throw new IllegalArgumentException(name + " has " + bad + " NaN or infinite pixel(s); replace them "
                + "(e.g. with 0) before registering");
        }
    }
}
