package net.imagej.axis;

/** Stand-in of net.imagej.axis.LinearAxis: calibrated value = origin + scale * raw value. */
public interface LinearAxis extends CalibratedAxis {

    void setScale(double scale);

    double scale();

    void setOrigin(double origin);

    double origin();

    @Override
    LinearAxis copy();
}
