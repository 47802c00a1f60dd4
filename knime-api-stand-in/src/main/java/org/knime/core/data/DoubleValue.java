package org.knime.core.data;

/** Stand-in of org.knime.core.data.DoubleValue. */
public interface DoubleValue extends DataValue {

    double getDoubleValue();
}
