package org.knime.core.data;

/** Stand-in of org.knime.core.data.DataColumnSpecCreator. As in KNIME, names are trimmed; an empty one is renamed. */
public final class DataColumnSpecCreator {

    private static int s_emptyColumnCount;

    private String m_name;

    private DataType m_type;

    public DataColumnSpecCreator(final String name, final DataType type) {
        if (type == null) {
            throw new NullPointerException("column type must not be null");
        }
        setName(name);
        m_type = type;
    }

    public DataColumnSpecCreator(final DataColumnSpec cspec) {
        this(cspec.getName(), cspec.getType());
    }

    public void setName(final String name) {
        if (name == null) {
            throw new NullPointerException("Name of DataColumnSpec must not be null!");
        }
        String valid = name.trim();
        m_name = valid.isEmpty() ? "<empty_" + (++s_emptyColumnCount) + ">" : valid;
    }

    public void setType(final DataType type) {
        m_type = type;
    }

    public DataColumnSpec createSpec() {
        return new DataColumnSpec(m_name, m_type);
    }
}
