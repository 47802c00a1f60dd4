package org.knime.core.node.port;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Stand-in of org.knime.core.node.port.PortTypeRegistry: one PortType per class and optionality. */
public final class PortTypeRegistry {

    private static final PortTypeRegistry INSTANCE = new PortTypeRegistry();

    private final Map<Class<? extends PortObject>, PortType> m_types = new ConcurrentHashMap<>();

    private final Map<Class<? extends PortObject>, PortType> m_optionalTypes = new ConcurrentHashMap<>();

    private PortTypeRegistry() {
    }

    public static PortTypeRegistry getInstance() {
        return INSTANCE;
    }

    public PortType getPortType(final Class<? extends PortObject> objectClass) {
        return getPortType(objectClass, false);
    }

    @SuppressWarnings("deprecation")
    public PortType getPortType(final Class<? extends PortObject> objectClass, final boolean isOptional) {
        return (isOptional ? m_optionalTypes : m_types).computeIfAbsent(objectClass,
            c -> new PortType(c, isOptional));
    }

    /**
     * The port object class of that name. The real registry looks through the classes contributed to the
     * {@code org.knime.core.PortType} extension point (empty when the contributing extension is not installed); in
     * the stand-in every port object class on the class path counts as contributed.
     */
    public java.util.Optional<Class<? extends PortObject>> getObjectClass(final String className) {
        try {
            Class<?> c = Class.forName(className, false, PortTypeRegistry.class.getClassLoader());
            return PortObject.class.isAssignableFrom(c)
                ? java.util.Optional.of(c.asSubclass(PortObject.class)) : java.util.Optional.empty();
        } catch (ClassNotFoundException e) {
            return java.util.Optional.empty();
        }
    }
}
