package org.knime.core.data;

/** Stand-in of org.knime.core.data.BooleanValue. */
public interface BooleanValue extends DataValue {

    boolean getBooleanValue();
}
