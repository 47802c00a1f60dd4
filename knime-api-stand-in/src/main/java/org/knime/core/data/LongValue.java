package org.knime.core.data;

/** Stand-in of org.knime.core.data.LongValue. */
public interface LongValue extends DataValue {

    long getLongValue();
}
