package org.knime.deepclem.engine.registration;

import java.util.Locale;

/** The registration methods a user can choose. */
public enum RegistrationMethod {
    /** scale- and rotation-invariant features + RANSAC */
    FEATURES,
    /** global rotation/scale search + intensity (NCC) refinement */
    CORRELATION,
    /** features first, correlation when they fail */
    AUTO;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RegistrationMethod fromId(String id) {
        for (RegistrationMethod m : values()) {
            if (m.id().equalsIgnoreCase(id.trim())) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown registration method '" + id + "': use features, correlation or auto");
    }

    /** A new registration of this method with default settings (instances are stateless and thread-safe). */
    public Registration create() {
        switch (this) {
            case FEATURES: return new FeatureRegistration();
            case CORRELATION: return new CorrelationRegistration();
            default: return new AutoRegistration();
        }
    }
}
