package net.imagej.axis;

/** Stand-in of net.imagej.axis.TypedAxis: an axis with an {@link AxisType}. */
public interface TypedAxis {

    AxisType type();

    void setType(AxisType type);
}
