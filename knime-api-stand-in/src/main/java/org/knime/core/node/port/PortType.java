package org.knime.core.node.port;

/** Stand-in of org.knime.core.node.port.PortType: the class of the objects a port carries. */
public final class PortType {

    private final Class<? extends PortObject> m_objectClass;

    private final boolean m_optional;

    /** @deprecated use {@link PortTypeRegistry#getPortType(Class)} */
    @Deprecated
    public PortType(final Class<? extends PortObject> objectClass) {
        this(objectClass, false);
    }

    /** @deprecated use {@link PortTypeRegistry#getPortType(Class, boolean)} */
    @Deprecated
    public PortType(final Class<? extends PortObject> objectClass, final boolean optional) {
        m_objectClass = objectClass;
        m_optional = optional;
    }

    public boolean isOptional() {
        return m_optional;
    }

    public Class<? extends PortObject> getPortObjectClass() {
        return m_objectClass;
    }

    public boolean isSuperTypeOf(final PortType subType) {
        return m_objectClass.isAssignableFrom(subType.m_objectClass);
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof PortType t && t.m_objectClass == m_objectClass && t.m_optional == m_optional;
    }

    @Override
    public int hashCode() {
        return m_objectClass.hashCode() + (m_optional ? 1 : 0);
    }

    @Override
    public String toString() {
        return m_objectClass.getSimpleName() + (m_optional ? " (optional)" : "");
    }
}
