package org.knime.core.data.container;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.def.DefaultRow;

/**
 * Stand-in of org.knime.core.data.container.ColumnRearranger: describes the output columns as original columns or
 * the outputs of cell factories. {@link #createSpec()} is as in KNIME; {@link #rearrangeForStandIn} is what the
 * stand-in's ExecutionContext uses to build the table (not KNIME API).
 */
public class ColumnRearranger {

    /** One output column: either an original column ({@code factory == null}) or output {@code index} of a factory. */
    private record Column(DataColumnSpec spec, CellFactory factory, int index) {
    }

    private final DataTableSpec m_original;

    private final List<Column> m_columns = new ArrayList<>();

    public ColumnRearranger(final DataTableSpec original) {
        m_original = original;
        for (int i = 0; i < original.getNumColumns(); i++) {
            m_columns.add(new Column(original.getColumnSpec(i), null, i));
        }
    }

    public final int indexOf(final String colName) {
        for (int i = 0; i < m_columns.size(); i++) {
            if (m_columns.get(i).spec().getName().equals(colName)) {
                return i;
            }
        }
        return -1;
    }

    public final int getColumnCount() {
        return m_columns.size();
    }

    public final void keepOnly(final int... colIndices) {
        List<Column> kept = new ArrayList<>();
        for (int i : colIndices) {
            kept.add(m_columns.get(i));
        }
        m_columns.clear();
        m_columns.addAll(kept);
    }

    public final void keepOnly(final String... colNames) {
        keepOnly(Arrays.stream(colNames).mapToInt(this::checkedIndexOf).toArray());
    }

    public final void remove(final int... colIndices) {
        int[] sorted = colIndices.clone();
        Arrays.sort(sorted);
        for (int i = sorted.length - 1; i >= 0; i--) {
            m_columns.remove(sorted[i]);
        }
    }

    public final void remove(final String... colNames) {
        remove(Arrays.stream(colNames).mapToInt(this::checkedIndexOf).toArray());
    }

    public final void insertAt(final int position, final CellFactory fac) {
        DataColumnSpec[] specs = fac.getColumnSpecs();
        for (int i = 0; i < specs.length; i++) {
            m_columns.add(position + i, new Column(specs[i], fac, i));
        }
    }

    public final void append(final CellFactory fac) {
        insertAt(m_columns.size(), fac);
    }

    public final void replace(final CellFactory newCol, final String colName) {
        replace(newCol, checkedIndexOf(colName));
    }

    public final void replace(final CellFactory fac, final int... colIndex) {
        DataColumnSpec[] specs = fac.getColumnSpecs();
        if (specs.length != colIndex.length) {
            throw new IndexOutOfBoundsException("Factory creates " + specs.length + " columns, replacing "
                + colIndex.length);
        }
        for (int i = 0; i < colIndex.length; i++) {
            m_columns.set(colIndex[i], new Column(specs[i], fac, i));
        }
    }

    public final DataTableSpec createSpec() {
        return new DataTableSpec(m_original.getName(),
            m_columns.stream().map(Column::spec).toArray(DataColumnSpec[]::new));
    }

    private int checkedIndexOf(final String name) {
        int i = indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("No such column: " + name);
        }
        return i;
    }

    /** Stand-in only (not KNIME API): the output row for one input row, calling each factory once. */
    public final DataRow rearrangeForStandIn(final DataRow row, final long rowIndex) {
        Map<CellFactory, DataCell[]> computed = new IdentityHashMap<>();
        DataCell[] out = new DataCell[m_columns.size()];
        for (int i = 0; i < out.length; i++) {
            Column c = m_columns.get(i);
            if (c.factory() == null) {
                out[i] = row.getCell(c.index());
            } else {
                out[i] = computed.computeIfAbsent(c.factory(), f -> f.getCells(row, rowIndex))[c.index()];
            }
        }
        return new DefaultRow(row.getKey(), out);
    }

    /** Stand-in only (not KNIME API): the distinct factories, in column order. */
    public final List<CellFactory> factoriesForStandIn() {
        List<CellFactory> result = new ArrayList<>();
        for (Column c : m_columns) {
            if (c.factory() != null && result.stream().noneMatch(f -> f == c.factory())) {
                result.add(c.factory());
            }
        }
        return result;
    }
}
