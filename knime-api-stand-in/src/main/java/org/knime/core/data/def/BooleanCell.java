package org.knime.core.data.def;

import org.knime.core.data.BooleanValue;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataType;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.IntValue;
import org.knime.core.data.LongValue;

/**
 * Stand-in of org.knime.core.data.def.BooleanCell (final, two singletons, created through the nested
 * {@code BooleanCellFactory.create(boolean)} as in KNIME 5.x; the fuzzy, complex, bounded and nominal value
 * interfaces of the real class are left out).
 */
public final class BooleanCell extends DataCell implements BooleanValue, IntValue, LongValue, DoubleValue {

    private static final long serialVersionUID = 1L;

    public static final BooleanCell TRUE = new BooleanCell(true);

    public static final BooleanCell FALSE = new BooleanCell(false);

    public static final DataType TYPE = DataType.getType(BooleanCell.class);

    private final boolean m_value;

    private BooleanCell(final boolean value) {
        m_value = value;
    }

    @Override
    public boolean getBooleanValue() {
        return m_value;
    }

    @Override
    public int getIntValue() {
        return m_value ? 1 : 0;
    }

    @Override
    public long getLongValue() {
        return m_value ? 1 : 0;
    }

    @Override
    public double getDoubleValue() {
        return m_value ? 1 : 0;
    }

    @Override
    public String toString() {
        return Boolean.toString(m_value);
    }

    @Override
    protected boolean equalsDataCell(final DataCell dc) {
        return ((BooleanCell)dc).m_value == m_value;
    }

    @Override
    public int hashCode() {
        return Boolean.hashCode(m_value);
    }

    /** Stand-in of BooleanCell.BooleanCellFactory. */
    public static final class BooleanCellFactory {

        public static final DataType TYPE = BooleanCell.TYPE;

        public static DataCell create(final boolean b) {
            return b ? TRUE : FALSE;
        }
    }
}
