package org.knime.deepclem.engine.pipeline;

import org.knime.deepclem.engine.predict.VirtualChromatinModel;
import org.knime.deepclem.engine.registration.Registration;
import org.knime.deepclem.engine.registration.RegistrationResult;
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

    /** The prediction and the registration it allowed. */
    public record Outcome(ArrayImg<FloatType, FloatArray> virtualChromatin, RegistrationResult result) {
    }

    private final VirtualChromatinModel model;
    private final Registration registration;
    private final TransformModel transformModel;

    public VirtualChromatinRegistration(VirtualChromatinModel model, Registration registration,
        TransformModel transformModel) {
        this.model = model;
        this.registration = registration;
        this.transformModel = transformModel;
    }

    /**
     * @param em          the EM plane (any real type; 8- or 16-bit values)
     * @param lmChromatin the measured chromatin plane in the LM frame
     */
    public Outcome register(RandomAccessibleInterval<? extends RealType<?>> em,
        RandomAccessibleInterval<FloatType> lmChromatin) {
        ArrayImg<FloatType, FloatArray> virtual = model.predict(em);
        return new Outcome(virtual, registration.register(virtual, lmChromatin, transformModel));
    }
}
