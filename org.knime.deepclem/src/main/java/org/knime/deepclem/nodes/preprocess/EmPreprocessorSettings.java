package org.knime.deepclem.nodes.preprocess;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.defaultnodesettings.SettingsModelBoolean;
import org.knime.core.node.defaultnodesettings.SettingsModelDoubleBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelIntegerBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelString;
import org.knime.deepclem.nodes.common.ColumnMode;
import org.knime.deepclem.nodes.common.NodeSettingsBase;

/** Options of the EM Preprocessor node (config keys are what settings.xml stores). */
final class EmPreprocessorSettings extends NodeSettingsBase {

    static final String IMAGE_COLUMN = "image_column";

    static final String COLUMN_MODE = "column_creation_mode";

    static final String OUTPUT_COLUMN = "output_column_name";

    static final String CHANNEL = "channel";

    static final String EQUALIZE = "equalize";

    static final String SCALE = "working_scale";

    static final String NORMALIZE = "normalize";

    static final String PMIN = "pmin";

    static final String PMAX = "pmax";

    static final String CLIP = "clip";

    final SettingsModelString m_imageColumn = m_options.string(IMAGE_COLUMN, "Image column", "");

    final SettingsModelIntegerBounded m_channel =
        m_options.integer(CHANNEL, "Channel (-1 = mean of all channels)", -1, -1, 1024);

    final SettingsModelString m_columnMode =
        m_options.string(COLUMN_MODE, "Append or replace", ColumnMode.APPEND.label());

    final SettingsModelString m_outputColumn = m_options.string(OUTPUT_COLUMN, "New column name", "Preprocessed");

    final SettingsModelBoolean m_equalize = m_options.bool(EQUALIZE, "Histogram equalisation (ImageJ)", true);

    final SettingsModelDoubleBounded m_scale = m_options.decimal(SCALE, "Scale factor", 1.0, 0.01, 4.0);

    final SettingsModelBoolean m_normalize = m_options.bool(NORMALIZE, "Percentile normalisation", false);

    final SettingsModelDoubleBounded m_pmin = m_options.decimal(PMIN, "Lower percentile", 0.5, 0, 100);

    final SettingsModelDoubleBounded m_pmax = m_options.decimal(PMAX, "Upper percentile", 99.8, 0, 100);

    final SettingsModelBoolean m_clip = m_options.bool(CLIP, "Clip normalised values to [0, 1]", true);

    @Override
    protected EmPreprocessorSettings createDefault() {
        return new EmPreprocessorSettings();
    }

    @Override
    public void checkConsistency() throws InvalidSettingsException {
        ColumnMode.fromLabel(m_columnMode.getStringValue(), m_options.label(COLUMN_MODE));
        if (m_normalize.getBooleanValue() && m_pmin.getDoubleValue() >= m_pmax.getDoubleValue()) {
            throw new InvalidSettingsException("\"" + m_options.label(PMIN) + "\" (" + m_pmin.getDoubleValue()
                + ") must be below \"" + m_options.label(PMAX) + "\" (" + m_pmax.getDoubleValue() + ").");
        }
    }
}
