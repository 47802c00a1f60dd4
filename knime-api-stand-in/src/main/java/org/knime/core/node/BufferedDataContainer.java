package org.knime.core.node;

import java.util.ArrayList;
import java.util.List;

import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.container.DataContainer;

/** Stand-in of org.knime.core.node.BufferedDataContainer: a container whose table is a BufferedDataTable. */
public class BufferedDataContainer extends DataContainer {

    private BufferedDataTable m_table;

    BufferedDataContainer(final DataTableSpec spec) {
        super(spec);
    }

    /** The table; only after {@link #close()}. */
    @Override
    public BufferedDataTable getTable() {
        if (m_table == null) {
            List<DataRow> rows = new ArrayList<>();
            super.getTable().forEach(rows::add);
            m_table = new BufferedDataTable(getTableSpec(), rows);
        }
        return m_table;
    }
}
