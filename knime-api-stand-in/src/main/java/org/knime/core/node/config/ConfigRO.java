package org.knime.core.node.config;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.config.base.ConfigBaseRO;

/** Stand-in of org.knime.core.node.config.ConfigRO. */
public interface ConfigRO extends ConfigBaseRO {

    Config getConfig(String key) throws InvalidSettingsException;
}
