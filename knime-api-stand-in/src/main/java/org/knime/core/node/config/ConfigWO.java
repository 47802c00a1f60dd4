package org.knime.core.node.config;

import org.knime.core.node.config.base.ConfigBaseWO;

/** Stand-in of org.knime.core.node.config.ConfigWO. */
public interface ConfigWO extends ConfigBaseWO {

    Config addConfig(String key);
}
