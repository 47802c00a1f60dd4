package org.knime.core.data;

/** Stand-in of org.knime.core.data.RowKey: the row ID. */
public final class RowKey {

    private final String m_id;

    public RowKey(final String id) {
        if (id == null) {
            throw new NullPointerException("row key must not be null");
        }
        m_id = id;
    }

    public String getString() {
        return m_id;
    }

    /** "Row" + index, as KNIME creates default row IDs. */
    public static RowKey createRowKey(final long rowIndex) {
        return new RowKey("Row" + rowIndex);
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof RowKey k && k.m_id.equals(m_id);
    }

    @Override
    public int hashCode() {
        return m_id.hashCode();
    }

    @Override
    public String toString() {
        return m_id;
    }
}
