package org.knime.core.data;

/** Stand-in of org.knime.core.data.DataCellFactory. */
public interface DataCellFactory {

    DataType getDataType();
}
