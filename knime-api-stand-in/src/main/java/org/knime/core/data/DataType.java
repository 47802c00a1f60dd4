package org.knime.core.data;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stand-in of org.knime.core.data.DataType. A type is identified by its cell class; it is compatible with every
 * value interface the cell class implements (KNIME derives the value classes the same way).
 */
public final class DataType {

    private static final Map<Class<? extends DataCell>, DataType> TYPES = new ConcurrentHashMap<>();

    private static final DataCell MISSING = new MissingCell(null);

    private final Class<? extends DataCell> m_cellClass;

    private DataType(final Class<? extends DataCell> cellClass) {
        m_cellClass = cellClass;
    }

    /** The (cached) type of a cell class. */
    public static DataType getType(final Class<? extends DataCell> cell) {
        return TYPES.computeIfAbsent(cell, DataType::new);
    }

    /** The singleton missing cell. */
    public static DataCell getMissingCell() {
        return MISSING;
    }

    /** Whether cells of this type provide the given value interface. */
    public boolean isCompatible(final Class<? extends DataValue> valueClass) {
        return valueClass.isAssignableFrom(m_cellClass);
    }

    /** Whether every cell of {@code type} is also of this type. */
    public boolean isASuperTypeOf(final DataType type) {
        return m_cellClass.isAssignableFrom(type.m_cellClass);
    }

    public Class<? extends DataCell> getCellClass() {
        return m_cellClass;
    }

    /**
     * As in KNIME: the name of the preferred value class (the cell's first DataValue interface), e.g. "String";
     * the cell class's simple name when that value has no name of its own.
     */
    public String getName() {
        for (Class<?> c = m_cellClass; c != null; c = c.getSuperclass()) {
            for (Class<?> i : c.getInterfaces()) {
                if (DataValue.class.isAssignableFrom(i) && i != DataValue.class) {
                    return VALUE_NAMES.getOrDefault(i, m_cellClass.getSimpleName());
                }
            }
        }
        return m_cellClass.getSimpleName();
    }

    /** The names the value interfaces' utility factories give in KNIME (e.g. StringValue.UTILITY.getName()). */
    private static final Map<Class<?>, String> VALUE_NAMES = Map.of(StringValue.class, "String", DoubleValue.class,
        "Number (double)", IntValue.class, "Number (integer)", LongValue.class, "Number (long)");

    @Override
    public boolean equals(final Object o) {
        return o instanceof DataType t && t.m_cellClass == m_cellClass;
    }

    @Override
    public int hashCode() {
        return m_cellClass.hashCode();
    }

    @Override
    public String toString() {
        return getName();
    }
}
