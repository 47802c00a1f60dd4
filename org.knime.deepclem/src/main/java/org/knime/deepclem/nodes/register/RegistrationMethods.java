package org.knime.deepclem.nodes.register;

import java.util.Arrays;
import java.util.List;

import org.knime.core.node.InvalidSettingsException;
import org.knime.deepclem.engine.registration.MirrorSearch;
import org.knime.deepclem.engine.registration.Registration;
import org.knime.deepclem.engine.registration.RegistrationMethod;

/** The engine's registration methods by their ids, as the node offers them (default auto, as the CLI). */
final class RegistrationMethods {

    static final String DEFAULT = RegistrationMethod.CORRELATION.id(); // as deepclem register: see the description

    static final List<String> IDS = Arrays.stream(RegistrationMethod.values()).map(RegistrationMethod::id).toList();

    private RegistrationMethods() {
    }

    static void check(final String id, final String optionLabel) throws InvalidSettingsException {
        try {
            RegistrationMethod.fromId(id);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingsException("\"" + optionLabel + "\": " + e.getMessage(), e);
        }
    }

    /** A fresh registration of that method; with {@code mirror}, also of the moving image mirrored. */
    static Registration create(final String id, final boolean mirror) {
        Registration r = RegistrationMethod.fromId(id).create();
        return mirror ? new MirrorSearch(r) : r;
    }
}
