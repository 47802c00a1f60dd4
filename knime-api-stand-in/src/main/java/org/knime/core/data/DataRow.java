package org.knime.core.data;

/** Stand-in of org.knime.core.data.DataRow. */
public interface DataRow extends Iterable<DataCell> {

    int getNumCells();

    RowKey getKey();

    DataCell getCell(int index);
}
