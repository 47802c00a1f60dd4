package org.knime.core.node.config;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.config.base.ConfigBase;

/** Stand-in of org.knime.core.node.config.Config. */
public abstract class Config extends ConfigBase implements ConfigRO, ConfigWO {

    protected Config(final String key) {
        super(key);
    }

    @Override
    public abstract Config getInstance(String key);

    @Override
    public final Config addConfig(final String key) {
        Config c = getInstance(key);
        put(key, c);
        return c;
    }

    @Override
    public final Config getConfig(final String key) throws InvalidSettingsException {
        Object v = get(key);
        if (!(v instanceof Config c)) {
            throw new InvalidSettingsException("Config for key \"" + key + "\" not found.");
        }
        return c;
    }
}
