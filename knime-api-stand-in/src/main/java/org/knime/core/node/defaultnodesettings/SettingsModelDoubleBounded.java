package org.knime.core.node.defaultnodesettings;

/** Stand-in of org.knime.core.node.defaultnodesettings.SettingsModelDoubleBounded: a value within [min, max]. */
public class SettingsModelDoubleBounded extends SettingsModelDouble {

    private final double m_minValue;

    private final double m_maxValue;

    public SettingsModelDoubleBounded(final String configName, final double defaultValue, final double minValue,
        final double maxValue) {
        super(configName, defaultValue);
        if (minValue > maxValue) {
            throw new IllegalArgumentException("Specified min value must be smaller than the max value.");
        }
        m_minValue = minValue;
        m_maxValue = maxValue;
        validateValue(defaultValue);
    }

    @SuppressWarnings("unchecked")
    @Override
    protected SettingsModelDoubleBounded createClone() {
        return new SettingsModelDoubleBounded(getConfigName(), getDoubleValue(), m_minValue, m_maxValue);
    }

    public double getLowerBound() {
        return m_minValue;
    }

    public double getUpperBound() {
        return m_maxValue;
    }

    @Override
    protected void validateValue(final double value) {
        super.validateValue(value);
        if (value < m_minValue || value > m_maxValue) {
            throw new IllegalArgumentException("value (=" + value + ") must be within the range [" + m_minValue
                + "..." + m_maxValue + "].");
        }
    }

    @Override
    public void setDoubleValue(final double newValue) {
        super.setDoubleValue(newValue);
    }
}
