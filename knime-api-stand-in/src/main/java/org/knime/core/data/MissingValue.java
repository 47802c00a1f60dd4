package org.knime.core.data;

/** Stand-in: marks the missing cell (KNIME: org.knime.core.data.MissingValue). */
public interface MissingValue extends DataValue {

    String getError();
}
