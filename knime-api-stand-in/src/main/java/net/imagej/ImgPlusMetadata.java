package net.imagej;

import net.imagej.axis.AxisType;

/**
 * Stand-in of net.imagej.ImgPlusMetadata (the parts the nodes use: name and axis types; in imagej-common these come
 * from org.scijava.Named and net.imagej.space.TypedSpace).
 */
public interface ImgPlusMetadata {

    String getName();

    void setName(String name);

    int numDimensions();

    /** Index of the dimension of that type, -1 if none. */
    int dimensionIndex(AxisType axisType);

    /** The calibrated axis of dimension {@code d} (net.imagej.space.AnnotatedSpace). */
    net.imagej.axis.CalibratedAxis axis(int d);
}
