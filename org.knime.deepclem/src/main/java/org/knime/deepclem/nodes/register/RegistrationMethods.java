package org.knime.deepclem.nodes.register;

import java.util.List;

import org.knime.core.node.InvalidSettingsException;
import org.knime.deepclem.engine.registration.FeatureRegistration;
import org.knime.deepclem.engine.registration.Registration;

/** The engine's registration methods by their ids, as the node offers them. */
final class RegistrationMethods {

    static final String DEFAULT = FeatureRegistration.METHOD;

    static final List<String> IDS = List.of(FeatureRegistration.METHOD);

    private RegistrationMethods() {
    }

    static void check(final String id, final String optionLabel) throws InvalidSettingsException {
        if (!IDS.contains(id)) {
            throw new InvalidSettingsException("\"" + optionLabel + "\" must be one of " + String.join(", ", IDS)
                + ", not \"" + id + "\".");
        }
    }

    /** A fresh registration of that method. */
    static Registration create(final String id) {
        return switch (id) {
            case FeatureRegistration.METHOD -> new FeatureRegistration();
            default -> throw new IllegalArgumentException("unknown registration method " + id);
        };
    }
}
