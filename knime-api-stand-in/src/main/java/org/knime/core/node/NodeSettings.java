package org.knime.core.node;

import org.knime.core.node.config.Config;

/** Stand-in of org.knime.core.node.NodeSettings: in-memory settings tree (no XML here). */
public final class NodeSettings extends Config implements NodeSettingsRO, NodeSettingsWO {

    public NodeSettings(final String key) {
        super(key);
    }

    @Override
    public Config getInstance(final String key) {
        return new NodeSettings(key);
    }

    @Override
    public NodeSettingsWO addNodeSettings(final String key) {
        return (NodeSettings)addConfig(key);
    }

    @Override
    public NodeSettings getNodeSettings(final String key) throws InvalidSettingsException {
        Config c = getConfig(key);
        if (!(c instanceof NodeSettings ns)) {
            throw new InvalidSettingsException("Settings for key \"" + key + "\" not found.");
        }
        return ns;
    }
}
