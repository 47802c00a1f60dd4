package org.knime.deepclem.nodes.predict;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.defaultnodesettings.SettingsModelString;
import org.knime.deepclem.engine.io.ChannelSelection;
import org.knime.deepclem.engine.io.PixelSize;
import org.knime.deepclem.nodes.common.ColumnMode;
import org.knime.deepclem.nodes.common.ImageCalibrations;
import org.knime.deepclem.nodes.common.ImagePlanes;
import org.knime.deepclem.nodes.common.NodeSettingsBase;
import org.knime.deepclem.nodes.common.PredictionOptions;

/** Options of the Virtual Chromatin Predictor node (config keys are what settings.xml stores). */
final class VirtualChromatinPredictorSettings extends NodeSettingsBase {

    static final String IMAGE_COLUMN = "image_column";

    static final String CHANNEL = "channel";

    static final String COLUMN_MODE = "column_creation_mode";

    static final String OUTPUT_COLUMN = "output_column_name";

    static final String EM_PIXEL_SIZE = "em_pixel_size";

    final SettingsModelString m_imageColumn = m_options.string(IMAGE_COLUMN, "EM image column", "");

    final SettingsModelString m_channel = m_options.string(CHANNEL, "Channel", "auto");

    final SettingsModelString m_columnMode =
        m_options.string(COLUMN_MODE, "Append or replace", ColumnMode.APPEND.label());

    final SettingsModelString m_outputColumn =
        m_options.string(OUTPUT_COLUMN, "New column name", "Virtual chromatin");

    /** "from image" (the cell's calibrated X/Y axes) or a size with its unit, e.g. "5nm", for every row. */
    final SettingsModelString m_emPixelSize = m_options.addedLater(m_options.string(EM_PIXEL_SIZE, "EM pixel size",
        ImageCalibrations.FROM_IMAGE));

    final PredictionOptions m_model = new PredictionOptions(m_options);

    @Override
    protected VirtualChromatinPredictorSettings createDefault() {
        return new VirtualChromatinPredictorSettings();
    }

    @Override
    public void checkConsistency() throws InvalidSettingsException {
        ColumnMode.fromLabel(m_columnMode.getStringValue(), m_options.label(COLUMN_MODE));
        channel();
        emPixelSize();
        m_model.check();
    }

    /** The given EM pixel size, or null: read from each image. */
    PixelSize emPixelSize() throws InvalidSettingsException {
        return ImageCalibrations.given(m_emPixelSize.getStringValue(), m_options.label(EM_PIXEL_SIZE));
    }

    ChannelSelection channel() throws InvalidSettingsException {
        return ImagePlanes.channel(m_channel.getStringValue(), m_options.label(CHANNEL));
    }
}
