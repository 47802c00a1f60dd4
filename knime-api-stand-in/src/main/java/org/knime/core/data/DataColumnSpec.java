package org.knime.core.data;

/** Stand-in of org.knime.core.data.DataColumnSpec: name and type of a column. */
public final class DataColumnSpec {

    private final String m_name;

    private final DataType m_type;

    DataColumnSpec(final String name, final DataType type) {
        m_name = name;
        m_type = type;
    }

    public String getName() {
        return m_name;
    }

    public DataType getType() {
        return m_type;
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof DataColumnSpec s && s.m_name.equals(m_name) && s.m_type.equals(m_type);
    }

    @Override
    public int hashCode() {
        return m_name.hashCode() * 31 + m_type.hashCode();
    }

    @Override
    public String toString() {
        return m_name + " (" + m_type + ")";
    }
}
