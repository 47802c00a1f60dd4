package org.knime.core.node;

import org.knime.core.node.config.ConfigRO;

/** Stand-in of org.knime.core.node.NodeSettingsRO. */
public interface NodeSettingsRO extends ConfigRO {

    NodeSettingsRO getNodeSettings(String key) throws InvalidSettingsException;
}
