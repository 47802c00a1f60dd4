package org.knime.deepclem.realknime.workflows;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;
import org.knime.core.node.config.Config;
import org.knime.core.node.defaultnodesettings.SettingsModel;
import org.knime.core.node.port.PortObjectSpec;

/**
 * Stand-in of KNIP's SettingsModelSubsetSelection2 (plane selection of the image readers) for the one value the
 * example workflows use, "all planes": saved, validated and loaded as that class does (knime-ip/knip
 * org.knime.knip.base/src/org/knime/knip/base/node/nodesettings/SettingsModelSubsetSelection2.java, model type id
 * at l.331 with KNIP's spelling, save l.572-586, validate l.629-637).
 */
final class PlaneSelectionModel extends SettingsModel {

    private static final String NUM_SELECTED_DIMS = "num_selected_dims";

    private final String m_configName;

    PlaneSelectionModel(final String configName) {
        m_configName = configName;
    }

    @SuppressWarnings("unchecked")
    @Override
    protected PlaneSelectionModel createClone() {
        return new PlaneSelectionModel(m_configName);
    }

    @Override
    protected String getModelTypeID() {
        return "SMID_imagesubsetselecction";
    }

    @Override
    protected String getConfigName() {
        return m_configName;
    }

    @Override
    protected void loadSettingsForDialog(final NodeSettingsRO settings, final PortObjectSpec[] specs) {
        // not used: the workflows are never opened in a dialog here
    }

    @Override
    protected void saveSettingsForDialog(final NodeSettingsWO settings) {
        saveSettingsForModel(settings);
    }

    @Override
    protected void validateSettingsForModel(final NodeSettingsRO settings) throws InvalidSettingsException {
        Config lists = settings.getConfig(m_configName);
        int n = lists.getInt(NUM_SELECTED_DIMS);
        for (int i = 0; i < n; i++) {
            String dim = lists.getString("selected_dimlabel_" + i);
            lists.getString("selection_" + dim);
            lists.getBoolean("includemode_" + dim);
        }
    }

    @Override
    protected void loadSettingsForModel(final NodeSettingsRO settings) throws InvalidSettingsException {
        validateSettingsForModel(settings);
    }

    @Override
    protected void saveSettingsForModel(final NodeSettingsWO settings) {
        settings.addConfig(m_configName).addInt(NUM_SELECTED_DIMS, 0); // nothing restricted: every plane
    }

    @Override
    public String toString() {
        return "SettingsModelSubsetSelection2 ('" + m_configName + "')";
    }
}
