package net.imagej.axis;

/** Stand-in of net.imagej.axis.AxisType: the kind of an image dimension. */
public interface AxisType {

    String getLabel();

    boolean isXY();

    boolean isSpatial();
}
