package org.knime.core.data;

import java.io.DataInput;
import java.io.IOException;

/** Stand-in of org.knime.core.data.DataCellDataInput. */
public interface DataCellDataInput extends DataInput {

    DataCell readDataCell() throws IOException;
}
