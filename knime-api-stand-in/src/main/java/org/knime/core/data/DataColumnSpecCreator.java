package org.knime.core.data;

/** Stand-in of org.knime.core.data.DataColumnSpecCreator. */
public final class DataColumnSpecCreator {

    private String m_name;

    private DataType m_type;

    public DataColumnSpecCreator(final String name, final DataType type) {
        if (name == null || type == null) {
            throw new NullPointerException("column name and type must not be null");
        }
        m_name = name;
        m_type = type;
    }

    public DataColumnSpecCreator(final DataColumnSpec cspec) {
        this(cspec.getName(), cspec.getType());
    }

    public void setName(final String name) {
        m_name = name;
    }

    public void setType(final DataType type) {
        m_type = type;
    }

    public DataColumnSpec createSpec() {
        return new DataColumnSpec(m_name, m_type);
    }
}
