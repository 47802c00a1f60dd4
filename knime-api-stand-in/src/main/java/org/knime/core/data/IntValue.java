package org.knime.core.data;

/** Stand-in of org.knime.core.data.IntValue. */
public interface IntValue extends DataValue {

    int getIntValue();
}
