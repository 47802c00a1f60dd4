package net.imagej.axis;

/** Stand-in of net.imagej.axis.CalibratedAxis (imagej-common): an axis with a type, a unit and a calibration. */
public interface CalibratedAxis extends TypedAxis {

    String unit();

    void setUnit(String unit);

    double calibratedValue(double rawValue);

    double rawValue(double calibratedValue);

    String generalEquation();

    String particularEquation();

    /** The average scale between two raw positions (for a linear axis, its scale). */
    double averageScale(double rawValue1, double rawValue2);

    CalibratedAxis copy();
}
