package org.knime.core.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.knime.core.node.port.PortObjectSpec;

/** Stand-in of org.knime.core.data.DataTableSpec: the ordered columns of a table; names are unique. */
public final class DataTableSpec implements PortObjectSpec, Iterable<DataColumnSpec> {

    private final String m_name;

    private final DataColumnSpec[] m_columns;

    public DataTableSpec() {
        this("default", new DataColumnSpec[0]);
    }

    public DataTableSpec(final DataColumnSpec... colSpecs) {
        this("default", colSpecs);
    }

    public DataTableSpec(final String name, final DataColumnSpec... colSpecs) {
        m_name = name;
        m_columns = colSpecs.clone();
        Set<String> names = new HashSet<>();
        for (DataColumnSpec c : m_columns) {
            if (!names.add(c.getName())) {
                throw new IllegalArgumentException("Duplicate column name \"" + c.getName() + "\"");
            }
        }
    }

    public DataTableSpec(final DataTableSpec spec1, final DataTableSpec spec2) {
        this(spec1.m_name, concat(spec1, spec2));
    }

    public DataTableSpec(final String[] names, final DataType[] types) {
        this("default", columns(names, types));
    }

    public DataTableSpec(final String name, final String[] names, final DataType[] types) {
        this(name, columns(names, types));
    }

    public DataTableSpec(final String name) {
        this(name, new DataColumnSpec[0]);
    }

    public DataTableSpec(final String name, final DataTableSpec spec1, final DataTableSpec spec2) {
        this(name, concat(spec1, spec2));
    }

    private static DataColumnSpec[] concat(final DataTableSpec a, final DataTableSpec b) {
        DataColumnSpec[] all = Arrays.copyOf(a.m_columns, a.m_columns.length + b.m_columns.length);
        System.arraycopy(b.m_columns, 0, all, a.m_columns.length, b.m_columns.length);
        return all;
    }

    private static DataColumnSpec[] columns(final String[] names, final DataType[] types) {
        DataColumnSpec[] cols = new DataColumnSpec[names.length];
        for (int i = 0; i < names.length; i++) {
            cols[i] = new DataColumnSpecCreator(names[i], types[i]).createSpec();
        }
        return cols;
    }

    public String getName() {
        return m_name;
    }

    public int getNumColumns() {
        return m_columns.length;
    }

    public DataColumnSpec getColumnSpec(final int index) {
        return m_columns[index];
    }

    /** The column of that name, or null. */
    public DataColumnSpec getColumnSpec(final String column) {
        int i = findColumnIndex(column);
        return i < 0 ? null : m_columns[i];
    }

    /** Index of the column of that name, -1 if absent. */
    public int findColumnIndex(final String columnName) {
        for (int i = 0; i < m_columns.length; i++) {
            if (m_columns[i].getName().equals(columnName)) {
                return i;
            }
        }
        return -1;
    }

    public boolean containsName(final String columnName) {
        return findColumnIndex(columnName) >= 0;
    }

    public String[] getColumnNames() {
        return Arrays.stream(m_columns).map(DataColumnSpec::getName).toArray(String[]::new);
    }

    public Stream<DataColumnSpec> stream() {
        return Arrays.stream(m_columns);
    }

    /** {@code name}, or {@code name (#1)}, {@code name (#2)}, ... whichever is not yet taken in {@code spec}. */
    public static String getUniqueColumnName(final DataTableSpec spec, final String columnName) {
        if (spec == null || !spec.containsName(columnName)) {
            return columnName;
        }
        int i = 1;
        while (spec.containsName(columnName + " (#" + i + ")")) {
            i++;
        }
        return columnName + " (#" + i + ")";
    }

    @Override
    public Iterator<DataColumnSpec> iterator() {
        List<DataColumnSpec> l = new ArrayList<>(Arrays.asList(m_columns));
        return l.iterator();
    }

    @Override
    public javax.swing.JComponent[] getViews() {
        return new javax.swing.JComponent[0];
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof DataTableSpec s && Arrays.equals(s.m_columns, m_columns);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(m_columns);
    }

    @Override
    public String toString() {
        return "DataTableSpec" + Arrays.toString(m_columns);
    }
}
