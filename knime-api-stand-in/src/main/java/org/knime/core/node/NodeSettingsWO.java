package org.knime.core.node;

import org.knime.core.node.config.ConfigWO;

/** Stand-in of org.knime.core.node.NodeSettingsWO. */
public interface NodeSettingsWO extends ConfigWO {

    NodeSettingsWO addNodeSettings(String key);
}
