package org.knime.core.data;

/** Stand-in: marker interface of all cell value kinds (KNIME: org.knime.core.data.DataValue). */
public interface DataValue {
}
