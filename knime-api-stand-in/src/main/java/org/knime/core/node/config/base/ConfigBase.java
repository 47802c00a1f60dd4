package org.knime.core.node.config.base;

import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.knime.core.node.InvalidSettingsException;

/**
 * Stand-in of org.knime.core.node.config.base.ConfigBase: a tree of typed key/value entries, held in memory (KNIME
 * also writes it as XML). As in KNIME, a getter without default throws InvalidSettingsException when the key is
 * absent or holds another type, and the getter with default returns the default then.
 */
public abstract class ConfigBase implements ConfigBaseRO, ConfigBaseWO {

    private final String m_key;

    /** Values are Integer, Long, Double, Boolean, String (may be null), arrays of those, or ConfigBase. */
    private final Map<String, Object> m_entries = new LinkedHashMap<>();

    public ConfigBase(final String key) {
        m_key = key;
    }

    public abstract ConfigBase getInstance(String key);

    @Override
    public String getKey() {
        return m_key;
    }

    protected final void put(final String key, final Object value) {
        if (key == null) {
            throw new IllegalArgumentException("key must not be null");
        }
        m_entries.put(key, value);
    }

    /** The raw entry, or null (stand-in helper, protected). */
    protected final Object get(final String key) {
        return m_entries.get(key);
    }

    private <V> V typed(final String key, final Class<V> type) throws InvalidSettingsException {
        if (!m_entries.containsKey(key)) {
            throw new InvalidSettingsException("Config for key \"" + key + "\" not found.");
        }
        Object v = m_entries.get(key);
        if (v != null && !type.isInstance(v)) {
            throw new InvalidSettingsException("Type mismatch for key \"" + key + "\": " + v.getClass().getSimpleName()
                + " is not " + type.getSimpleName());
        }
        return type.cast(v);
    }

    private <V> V typedOr(final String key, final Class<V> type, final V def) {
        Object v = m_entries.get(key);
        return type.isInstance(v) ? type.cast(v) : def;
    }

    private <V> V nonNull(final String key, final V v) throws InvalidSettingsException {
        if (v == null) {
            throw new InvalidSettingsException("Config for key \"" + key + "\" is null.");
        }
        return v;
    }

    public final ConfigBase addConfigBase(final String key) {
        ConfigBase child = getInstance(key);
        put(key, child);
        return child;
    }

    public final ConfigBase getConfigBase(final String key) throws InvalidSettingsException {
        return nonNull(key, typed(key, ConfigBase.class));
    }

    @Override
    public void addInt(final String key, final int value) {
        put(key, value);
    }

    @Override
    public int getInt(final String key) throws InvalidSettingsException {
        return nonNull(key, typed(key, Integer.class));
    }

    @Override
    public int getInt(final String key, final int def) {
        return typedOr(key, Integer.class, def);
    }

    @Override
    public void addLong(final String key, final long value) {
        put(key, value);
    }

    @Override
    public long getLong(final String key) throws InvalidSettingsException {
        return nonNull(key, typed(key, Long.class));
    }

    @Override
    public long getLong(final String key, final long def) {
        return typedOr(key, Long.class, def);
    }

    @Override
    public void addDouble(final String key, final double value) {
        put(key, value);
    }

    @Override
    public double getDouble(final String key) throws InvalidSettingsException {
        return nonNull(key, typed(key, Double.class));
    }

    @Override
    public double getDouble(final String key, final double def) {
        return typedOr(key, Double.class, def);
    }

    @Override
    public void addBoolean(final String key, final boolean value) {
        put(key, value);
    }

    @Override
    public boolean getBoolean(final String key) throws InvalidSettingsException {
        return nonNull(key, typed(key, Boolean.class));
    }

    @Override
    public boolean getBoolean(final String key, final boolean def) {
        return typedOr(key, Boolean.class, def);
    }

    @Override
    public void addString(final String key, final String value) {
        put(key, value);
    }

    @Override
    public String getString(final String key) throws InvalidSettingsException {
        return typed(key, String.class);
    }

    @Override
    public String getString(final String key, final String def) {
        return m_entries.containsKey(key) && (m_entries.get(key) == null || m_entries.get(key) instanceof String)
            ? (String)m_entries.get(key) : def;
    }

    @Override
    public void addStringArray(final String key, final String... values) {
        put(key, values == null ? null : values.clone());
    }

    @Override
    public String[] getStringArray(final String key) throws InvalidSettingsException {
        String[] v = typed(key, String[].class);
        return v == null ? null : v.clone();
    }

    @Override
    public String[] getStringArray(final String key, final String... def) {
        String[] v = typedOr(key, String[].class, def);
        return v == null ? null : v.clone();
    }

    @Override
    public void addDoubleArray(final String key, final double... values) {
        put(key, values == null ? null : values.clone());
    }

    @Override
    public double[] getDoubleArray(final String key) throws InvalidSettingsException {
        double[] v = typed(key, double[].class);
        return v == null ? null : v.clone();
    }

    @Override
    public double[] getDoubleArray(final String key, final double... def) {
        double[] v = typedOr(key, double[].class, def);
        return v == null ? null : v.clone();
    }

    @Override
    public void addIntArray(final String key, final int... values) {
        put(key, values == null ? null : values.clone());
    }

    @Override
    public int[] getIntArray(final String key) throws InvalidSettingsException {
        int[] v = typed(key, int[].class);
        return v == null ? null : v.clone();
    }

    @Override
    public int[] getIntArray(final String key, final int... def) {
        int[] v = typedOr(key, int[].class, def);
        return v == null ? null : v.clone();
    }

    @Override
    public Set<String> keySet() {
        return Collections.unmodifiableSet(m_entries.keySet());
    }

    @Override
    public boolean containsKey(final String key) {
        return m_entries.containsKey(key);
    }

    @Override
    public final Iterator<String> iterator() {
        return keySet().iterator();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(m_key).append("={");
        String sep = "";
        for (Map.Entry<String, Object> e : m_entries.entrySet()) {
            Object v = e.getValue();
            String text = v instanceof Object[] a ? java.util.Arrays.toString(a)
                : v instanceof double[] d ? java.util.Arrays.toString(d)
                : v instanceof int[] i ? java.util.Arrays.toString(i) : String.valueOf(v);
            sb.append(sep).append(e.getKey()).append('=').append(text);
            sep = ", ";
        }
        return sb.append('}').toString();
    }
}
