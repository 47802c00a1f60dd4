package org.knime.core.data;

import java.io.DataOutput;
import java.io.IOException;

/** Stand-in of org.knime.core.data.DataCellDataOutput. */
public interface DataCellDataOutput extends DataOutput {

    void writeDataCell(DataCell cell) throws IOException;
}
