package org.knime.deepclem.engine.registration;

/** Whether a registration result can be trusted. */
public enum Verdict {
    OK, FAILED;

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
