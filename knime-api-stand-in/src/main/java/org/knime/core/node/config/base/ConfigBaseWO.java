package org.knime.core.node.config.base;

/** Stand-in of org.knime.core.node.config.base.ConfigBaseWO (the adders the nodes use). */
public interface ConfigBaseWO {

    void addInt(String key, int value);

    void addLong(String key, long value);

    void addDouble(String key, double value);

    void addBoolean(String key, boolean value);

    void addString(String key, String value);

    void addStringArray(String key, String... values);

    void addDoubleArray(String key, double... values);

    void addIntArray(String key, int... values);
}
