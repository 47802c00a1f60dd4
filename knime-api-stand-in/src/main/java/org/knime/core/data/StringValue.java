package org.knime.core.data;

/** Stand-in of org.knime.core.data.StringValue. */
public interface StringValue extends DataValue {

    String getStringValue();
}
