package org.knime.deepclem.nodes.predict;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.defaultnodesettings.SettingsModelString;
import org.knime.deepclem.engine.io.ChannelSelection;
import org.knime.deepclem.nodes.common.ColumnMode;
import org.knime.deepclem.nodes.common.ImagePlanes;
import org.knime.deepclem.nodes.common.NodeSettingsBase;
import org.knime.deepclem.nodes.common.PredictionOptions;

/** Options of the Virtual Chromatin Predictor node (config keys are what settings.xml stores). */
final class VirtualChromatinPredictorSettings extends NodeSettingsBase {

    static final String IMAGE_COLUMN = "image_column";

    static final String CHANNEL = "channel";

    static final String COLUMN_MODE = "column_creation_mode";

    static final String OUTPUT_COLUMN = "output_column_name";

    final SettingsModelString m_imageColumn = m_options.string(IMAGE_COLUMN, "EM image column", "");

    final SettingsModelString m_channel = m_options.string(CHANNEL, "Channel", "auto");

    final SettingsModelString m_columnMode =
        m_options.string(COLUMN_MODE, "Append or replace", ColumnMode.APPEND.label());

    final SettingsModelString m_outputColumn =
        m_options.string(OUTPUT_COLUMN, "New column name", "Virtual chromatin");

    final PredictionOptions m_model = new PredictionOptions(m_options);

    @Override
    protected VirtualChromatinPredictorSettings createDefault() {
        return new VirtualChromatinPredictorSettings();
    }

    @Override
    public void checkConsistency() throws InvalidSettingsException {
        ColumnMode.fromLabel(m_columnMode.getStringValue(), m_options.label(COLUMN_MODE));
        channel();
        m_model.check();
    }

    ChannelSelection channel() throws InvalidSettingsException {
        return ImagePlanes.channel(m_channel.getStringValue(), m_options.label(CHANNEL));
    }
}
