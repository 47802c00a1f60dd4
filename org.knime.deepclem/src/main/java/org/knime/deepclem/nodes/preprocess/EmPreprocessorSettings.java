package org.knime.deepclem.nodes.preprocess;

import java.util.Arrays;
import java.util.List;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.defaultnodesettings.SettingsModelBoolean;
import org.knime.core.node.defaultnodesettings.SettingsModelDoubleBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelIntegerBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelString;
import org.knime.deepclem.engine.io.ChannelSelection;
import org.knime.deepclem.engine.preprocess.Clahe;
import org.knime.deepclem.engine.preprocess.EmPreprocessing;
import org.knime.deepclem.nodes.common.ColumnMode;
import org.knime.deepclem.nodes.common.ImagePlanes;
import org.knime.deepclem.nodes.common.NodeSettingsBase;

/** Options of the EM Preprocessor node (config keys are what settings.xml stores). */
final class EmPreprocessorSettings extends NodeSettingsBase {

    static final String IMAGE_COLUMN = "image_column";

    static final String CHANNEL = "channel";

    static final String COLUMN_MODE = "column_creation_mode";

    static final String OUTPUT_COLUMN = "output_column_name";

    static final String EQUALIZE = "equalize";

    static final String CLAHE_BLOCK = "clahe_block_size";

    static final String CLAHE_BINS = "clahe_bins";

    static final String CLAHE_SLOPE = "clahe_slope";

    static final String NORMALIZE = "normalize";

    static final String PMIN = "pmin";

    static final String PMAX = "pmax";

    static final String CLIP = "clip";

    static final String INVERT = "invert";

    static final String SCALE = "scale";

    static final String PIXEL_SIZE = "pixel_size_nm";

    static final String TARGET_PIXEL_SIZE = "target_pixel_size_nm";

    /** Equalisation choices: the engine's ids. */
    static final List<String> EQUALIZE_CHOICES =
        Arrays.stream(EmPreprocessing.Equalize.values()).map(EmPreprocessing.Equalize::id).toList();

    private static final EmPreprocessing D = EmPreprocessing.DEEPCLEM;

    final SettingsModelString m_imageColumn = m_options.string(IMAGE_COLUMN, "Image column", "");

    final SettingsModelString m_channel = m_options.string(CHANNEL, "Channel", "auto");

    final SettingsModelString m_columnMode =
        m_options.string(COLUMN_MODE, "Append or replace", ColumnMode.APPEND.label());

    final SettingsModelString m_outputColumn = m_options.string(OUTPUT_COLUMN, "New column name", "Preprocessed");

    final SettingsModelString m_equalize = m_options.string(EQUALIZE, "Histogram equalisation", D.equalize().id());

    final SettingsModelIntegerBounded m_claheBlock =
        m_options.integer(CLAHE_BLOCK, "CLAHE block size (px)", Clahe.DEFAULT_BLOCK_SIZE, 2, 4096);

    final SettingsModelIntegerBounded m_claheBins =
        m_options.integer(CLAHE_BINS, "CLAHE histogram bins", Clahe.DEFAULT_BINS, 2, 65536);

    final SettingsModelDoubleBounded m_claheSlope =
        m_options.decimal(CLAHE_SLOPE, "CLAHE maximum slope", Clahe.DEFAULT_SLOPE, 1, 100);

    final SettingsModelBoolean m_normalize = m_options.bool(NORMALIZE, "Percentile normalisation", D.normalize());

    final SettingsModelDoubleBounded m_pmin = m_options.decimal(PMIN, "Lower percentile", D.lowPercentile(), 0, 100);

    final SettingsModelDoubleBounded m_pmax =
        m_options.decimal(PMAX, "Upper percentile", D.highPercentile(), 0, 100);

    final SettingsModelBoolean m_clip = m_options.bool(CLIP, "Clip normalised values to [0, 1]", true);

    final SettingsModelBoolean m_invert = m_options.bool(INVERT, "Invert intensities", D.invert());

    final SettingsModelDoubleBounded m_scale = m_options.decimal(SCALE, "Scale factor", D.scale(), 0.01, 16);

    final SettingsModelDoubleBounded m_pixelSize =
        m_options.decimal(PIXEL_SIZE, "Pixel size (nm, 0 = unknown)", 0, 0, 1e6);

    final SettingsModelDoubleBounded m_targetPixelSize =
        m_options.decimal(TARGET_PIXEL_SIZE, "Target pixel size (nm, 0 = none)", 0, 0, 1e6);

    @Override
    protected EmPreprocessorSettings createDefault() {
        return new EmPreprocessorSettings();
    }

    @Override
    public void checkConsistency() throws InvalidSettingsException {
        ColumnMode.fromLabel(m_columnMode.getStringValue(), m_options.label(COLUMN_MODE));
        channel();
        preprocessing();
    }

    ChannelSelection channel() throws InvalidSettingsException {
        return ImagePlanes.channel(m_channel.getStringValue(), m_options.label(CHANNEL));
    }

    /** The engine's preprocessing record these options describe. */
    EmPreprocessing preprocessing() throws InvalidSettingsException {
        EmPreprocessing.Equalize eq;
        try {
            eq = EmPreprocessing.Equalize.fromId(m_equalize.getStringValue());
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingsException("\"" + m_options.label(EQUALIZE) + "\": " + e.getMessage(), e);
        }
        try {
            return new EmPreprocessing(eq, m_claheBlock.getIntValue(), m_claheBins.getIntValue(),
                m_claheSlope.getDoubleValue(), m_normalize.getBooleanValue(), m_pmin.getDoubleValue(),
                m_pmax.getDoubleValue(), m_clip.getBooleanValue(), m_invert.getBooleanValue(),
                m_scale.getDoubleValue(), m_pixelSize.getDoubleValue(), m_targetPixelSize.getDoubleValue());
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingsException("Preprocessing options: " + e.getMessage()
                + " (see \"" + m_options.label(PMIN) + "\", \"" + m_options.label(PIXEL_SIZE) + "\").", e);
        }
    }
}
