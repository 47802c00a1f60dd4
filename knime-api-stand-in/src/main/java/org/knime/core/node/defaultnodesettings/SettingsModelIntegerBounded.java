package org.knime.core.node.defaultnodesettings;

/** Stand-in of org.knime.core.node.defaultnodesettings.SettingsModelIntegerBounded: a value within [min, max]. */
public class SettingsModelIntegerBounded extends SettingsModelInteger {

    private final int m_minValue;

    private final int m_maxValue;

    public SettingsModelIntegerBounded(final String configName, final int defaultValue, final int minValue,
        final int maxValue) {
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
    protected SettingsModelIntegerBounded createClone() {
        return new SettingsModelIntegerBounded(getConfigName(), getIntValue(), m_minValue, m_maxValue);
    }

    public int getLowerBound() {
        return m_minValue;
    }

    public int getUpperBound() {
        return m_maxValue;
    }

    @Override
    protected void validateValue(final int value) {
        super.validateValue(value);
        if (value < m_minValue || value > m_maxValue) {
            throw new IllegalArgumentException("value (=" + value + ") must be within the range [" + m_minValue
                + "..." + m_maxValue + "].");
        }
    }

    @Override
    public void setIntValue(final int newValue) {
        super.setIntValue(newValue);
    }
}
