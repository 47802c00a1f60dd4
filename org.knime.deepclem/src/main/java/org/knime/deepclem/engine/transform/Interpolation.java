package org.knime.deepclem.engine.transform;

/** How a warped pixel is sampled from its source. */
public enum Interpolation {
    NEAREST, LINEAR, CUBIC;

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Interpolation fromId(String id) {
        for (Interpolation i : values()) {
            if (i.id().equalsIgnoreCase(id.trim())) {
                return i;
            }
        }
        throw new IllegalArgumentException("unknown interpolation '" + id + "': use nearest, linear or cubic");
    }
}
