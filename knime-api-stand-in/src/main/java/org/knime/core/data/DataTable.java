package org.knime.core.data;

/** Stand-in of org.knime.core.data.DataTable. */
public interface DataTable extends Iterable<DataRow> {

    DataTableSpec getDataTableSpec();

    @Override
    RowIterator iterator();
}
