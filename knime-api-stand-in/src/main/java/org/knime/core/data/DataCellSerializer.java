package org.knime.core.data;

import java.io.IOException;

/**
 * Stand-in of org.knime.core.data.DataCellSerializer: writes and reads cells of one class (registered at the
 * extension point org.knime.core.DataType). KNIME's version also extends an internal Serializer marker.
 */
public interface DataCellSerializer<T extends DataCell> {

    void serialize(T cell, DataCellDataOutput output) throws IOException;

    T deserialize(DataCellDataInput input) throws IOException;
}
