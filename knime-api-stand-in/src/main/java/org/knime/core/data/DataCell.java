package org.knime.core.data;

import java.io.Serializable;

/** Stand-in of org.knime.core.data.DataCell: an immutable table cell. */
public abstract class DataCell implements DataValue, Serializable {

    private static final long serialVersionUID = 1L;

    protected DataCell() {
    }

    /** The cell's type, derived from its class. */
    public final DataType getType() {
        return DataType.getType(getClass());
    }

    /** Whether this is the missing cell. */
    public boolean isMissing() {
        return false;
    }

    @Override
    public abstract String toString();

    protected abstract boolean equalsDataCell(DataCell dc);

    @Override
    public abstract int hashCode();

    @Override
    public final boolean equals(final Object o) {
        if (o == this) {
            return true;
        }
        if (!(o instanceof DataCell other) || other.getClass() != getClass()) {
            return false;
        }
        return equalsDataCell(other);
    }
}
