package net.imagej.axis;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Stand-in of net.imagej.axis.Axes: the registry of axis types, one instance per label. */
public final class Axes {

    public static final String UNKNOWN_LABEL = "Unknown";

    private static final Map<String, AxisType> TYPES = new ConcurrentHashMap<>();

    public static final AxisType X = get("X", true);

    public static final AxisType Y = get("Y", true);

    public static final AxisType Z = get("Z", true);

    public static final AxisType TIME = get("Time");

    public static final AxisType CHANNEL = get("Channel");

    private Axes() {
    }

    public static AxisType get(final String label) {
        return get(label, false);
    }

    public static AxisType get(final String label, final boolean spatial) {
        return TYPES.computeIfAbsent(label, l -> new AxisType() {
            @Override
            public String getLabel() {
                return l;
            }

            @Override
            public boolean isXY() {
                return "X".equals(l) || "Y".equals(l);
            }

            @Override
            public boolean isSpatial() {
                return spatial;
            }

            @Override
            public String toString() {
                return l;
            }
        });
    }

    public static AxisType unknown() {
        return get(UNKNOWN_LABEL);
    }
}
