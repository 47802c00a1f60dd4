package org.knime.deepclem.engine.registration;

/** The family of transforms a registration may return. */
public enum TransformModel {
    TRANSLATION, RIGID, SIMILARITY, AFFINE;

    /** Lower-case name as used on the command line, in JSON and in node settings. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static TransformModel fromId(String id) {
        for (TransformModel m : values()) {
            if (m.id().equalsIgnoreCase(id.trim())) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown transform model '" + id + "': use translation, rigid, similarity or affine");
    }
}
