package org.knime.core.node.config.base;

import java.util.Set;

import org.knime.core.node.InvalidSettingsException;

/** Stand-in of org.knime.core.node.config.base.ConfigBaseRO (the getters the nodes use). */
public interface ConfigBaseRO extends Iterable<String> {

    String getKey();

    int getInt(String key) throws InvalidSettingsException;

    int getInt(String key, int def);

    long getLong(String key) throws InvalidSettingsException;

    long getLong(String key, long def);

    double getDouble(String key) throws InvalidSettingsException;

    double getDouble(String key, double def);

    boolean getBoolean(String key) throws InvalidSettingsException;

    boolean getBoolean(String key, boolean def);

    String getString(String key) throws InvalidSettingsException;

    String getString(String key, String def);

    String[] getStringArray(String key) throws InvalidSettingsException;

    String[] getStringArray(String key, String... def);

    double[] getDoubleArray(String key) throws InvalidSettingsException;

    double[] getDoubleArray(String key, double... def);

    int[] getIntArray(String key) throws InvalidSettingsException;

    int[] getIntArray(String key, int... def);

    Set<String> keySet();

    boolean containsKey(String key);
}
