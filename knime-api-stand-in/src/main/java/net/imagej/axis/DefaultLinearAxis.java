package net.imagej.axis;

/** Stand-in of net.imagej.axis.DefaultLinearAxis (the constructors the nodes use). */
public class DefaultLinearAxis implements LinearAxis {

    private AxisType m_type;

    private String m_unit;

    private double m_scale;

    private double m_origin;

    public DefaultLinearAxis(final AxisType type) {
        this(type, null, 1, 0);
    }

    public DefaultLinearAxis(final AxisType type, final double scale) {
        this(type, null, scale, 0);
    }

    public DefaultLinearAxis(final AxisType type, final String unit, final double scale) {
        this(type, unit, scale, 0);
    }

    public DefaultLinearAxis(final AxisType type, final String unit, final double scale, final double origin) {
        m_type = type;
        m_unit = unit;
        m_scale = scale;
        m_origin = origin;
    }

    @Override
    public AxisType type() {
        return m_type;
    }

    @Override
    public void setType(final AxisType type) {
        m_type = type;
    }

    @Override
    public String unit() {
        return m_unit;
    }

    @Override
    public void setUnit(final String unit) {
        m_unit = unit;
    }

    @Override
    public void setScale(final double scale) {
        m_scale = scale;
    }

    @Override
    public double scale() {
        return m_scale;
    }

    @Override
    public void setOrigin(final double origin) {
        m_origin = origin;
    }

    @Override
    public double origin() {
        return m_origin;
    }

    @Override
    public double calibratedValue(final double rawValue) {
        return m_scale * rawValue + m_origin;
    }

    @Override
    public double rawValue(final double calibratedValue) {
        return (calibratedValue - m_origin) / m_scale;
    }

    @Override
    public String generalEquation() {
        return "y = a + b*x";
    }

    @Override
    public String particularEquation() {
        return "y = (" + m_origin + ") + (" + m_scale + ")*x";
    }

    @Override
    public double averageScale(final double rawValue1, final double rawValue2) {
        return (calibratedValue(rawValue2) - calibratedValue(rawValue1)) / (rawValue2 - rawValue1);
    }

    @Override
    public DefaultLinearAxis copy() {
        return new DefaultLinearAxis(m_type, m_unit, m_scale, m_origin);
    }
}
