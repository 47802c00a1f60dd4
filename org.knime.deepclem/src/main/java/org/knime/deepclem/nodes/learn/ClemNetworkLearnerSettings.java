package org.knime.deepclem.nodes.learn;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.defaultnodesettings.SettingsModelBoolean;
import org.knime.core.node.defaultnodesettings.SettingsModelDoubleBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelIntegerBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelString;
import org.knime.deepclem.engine.io.ChannelSelection;
import org.knime.deepclem.engine.io.PixelSize;
import org.knime.deepclem.engine.train.TrainingOptions;
import org.knime.deepclem.engine.train.UNetConfig;
import org.knime.deepclem.nodes.common.FileLocations;
import org.knime.deepclem.nodes.common.ImageCalibrations;
import org.knime.deepclem.nodes.common.ImagePlanes;
import org.knime.deepclem.nodes.common.NodeSettingsBase;

/** Options of the CLEM Network Learner node (config keys are what settings.xml stores). */
final class ClemNetworkLearnerSettings extends NodeSettingsBase {

    static final String EM_COLUMN = "em_column";

    static final String EM_CHANNEL = "em_channel";

    static final String CHROMATIN_COLUMN = "chromatin_column";

    static final String CHROMATIN_CHANNEL = "chromatin_channel";

    static final String EM_PIXEL_SIZE = "em_pixel_size";

    static final String OUTPUT_PATH = "output_path";

    static final String OVERWRITE = "overwrite";

    static final String STEPS = "steps";

    static final String PATCH = "patch_size";

    static final String BATCH = "batch_size";

    static final String SCALE = "working_scale";

    static final String EQUALIZE = "equalize";

    static final String LEARNING_RATE = "learning_rate";

    static final String SEED = "seed";

    static final String VALIDATION = "validation_fraction";

    static final String VALIDATE_EVERY = "validate_every";

    static final String CHROMATIN_WEIGHT = "chromatin_weight";

    static final String MAX_MINUTES = "max_minutes";

    static final String AVERAGE_WEIGHTS = "average_weights";

    static final String DEPTH = "depth";

    static final String FILTERS = "filters";

    static final String LOSS = "loss";

    static final List<String> LOSSES =
        Arrays.stream(UNetConfig.Loss.values()).map(l -> l.name().toLowerCase(Locale.ROOT)).toList();

    private static final TrainingOptions T = TrainingOptions.defaults();

    private static final UNetConfig U = UNetConfig.defaults();

    final SettingsModelString m_emColumn = m_options.string(EM_COLUMN, "EM image column", "");

    final SettingsModelString m_emChannel = m_options.string(EM_CHANNEL, "EM channel", "auto");

    final SettingsModelString m_chromatinColumn =
        m_options.string(CHROMATIN_COLUMN, "Registered chromatin column", "");

    final SettingsModelString m_chromatinChannel = m_options.string(CHROMATIN_CHANNEL, "Chromatin channel", "blue");

    /**
     * "from image" (the training EM cells' calibration, which must agree to 1 %) or a size with its unit, e.g. "5nm":
     * recorded in the model as the pixel size it was trained at.
     */
    final SettingsModelString m_emPixelSize = m_options.addedLater(m_options.string(EM_PIXEL_SIZE, "EM pixel size",
        ImageCalibrations.FROM_IMAGE));

    /** The workflow's data folder: the model travels with the workflow (export, KNIME Hub). */
    static final String DEFAULT_OUTPUT = "knime://knime.workflow/data/deepclem-model.zip";

    final SettingsModelString m_outputPath = m_options.string(OUTPUT_PATH, "Model file (.zip)", DEFAULT_OUTPUT);

    final SettingsModelBoolean m_overwrite = m_options.bool(OVERWRITE, "Overwrite an existing model file", false);

    final SettingsModelIntegerBounded m_steps = m_options.integer(STEPS, "Training steps", T.steps(), 1, 10_000_000);

    final SettingsModelIntegerBounded m_patch = m_options.integer(PATCH, "Patch size (px)", T.patch(), 8, 1024);

    final SettingsModelIntegerBounded m_batch = m_options.integer(BATCH, "Batch size", T.batch(), 1, 256);

    final SettingsModelDoubleBounded m_scale = m_options.decimal(SCALE, "Working scale", T.workingScale(), 0.01, 4);

    final SettingsModelBoolean m_equalize = m_options.bool(EQUALIZE, "Histogram equalisation of the EM", T.equalize());

    final SettingsModelDoubleBounded m_learningRate =
        m_options.decimal(LEARNING_RATE, "Learning rate", T.learningRate(), 1e-7, 0.99);

    final SettingsModelIntegerBounded m_seed = m_options.integer(SEED, "Random seed", (int)T.seed(),
        Integer.MIN_VALUE, Integer.MAX_VALUE);

    final SettingsModelDoubleBounded m_validation =
        m_options.decimal(VALIDATION, "Validation fraction", T.valFraction(), 0, 0.89);

    final SettingsModelIntegerBounded m_validateEvery =
        m_options.integer(VALIDATE_EVERY, "Validate every (steps)", T.validateEvery(), 1, 1_000_000);

    final SettingsModelDoubleBounded m_chromatinWeight =
        m_options.decimal(CHROMATIN_WEIGHT, "Chromatin weight of the loss", T.chromatinWeight(), 0, 1000);

    final SettingsModelDoubleBounded m_maxMinutes =
        m_options.decimal(MAX_MINUTES, "Time limit (minutes, 0 = none)", 0, 0, 1e6);

    final SettingsModelBoolean m_averageWeights = m_options.addedLater(
        m_options.bool(AVERAGE_WEIGHTS, "Average the weights of the second half", T.averageWeights()));

    final SettingsModelIntegerBounded m_depth = m_options.integer(DEPTH, "U-Net depth", U.depth(), 1, 6);

    final SettingsModelIntegerBounded m_filters = m_options.integer(FILTERS, "U-Net filters", U.filters(), 1, 256);

    final SettingsModelString m_loss = m_options.string(LOSS, "Loss", U.loss().name().toLowerCase(Locale.ROOT));

    @Override
    protected ClemNetworkLearnerSettings createDefault() {
        return new ClemNetworkLearnerSettings();
    }

    @Override
    public void checkConsistency() throws InvalidSettingsException {
        emChannel();
        chromatinChannel();
        emPixelSize();
        trainingOptions();
        unetConfig();
    }

    ChannelSelection emChannel() throws InvalidSettingsException {
        return ImagePlanes.channel(m_emChannel.getStringValue(), m_options.label(EM_CHANNEL));
    }

    /** The given EM pixel size, or null: read from the training EM images. */
    PixelSize emPixelSize() throws InvalidSettingsException {
        return ImageCalibrations.given(m_emPixelSize.getStringValue(), m_options.label(EM_PIXEL_SIZE));
    }

    ChannelSelection chromatinChannel() throws InvalidSettingsException {
        return ImagePlanes.channel(m_chromatinChannel.getStringValue(), m_options.label(CHROMATIN_CHANNEL));
    }

    TrainingOptions trainingOptions() throws InvalidSettingsException {
        try {
            return new TrainingOptions(m_steps.getIntValue(), m_patch.getIntValue(), m_batch.getIntValue(),
                m_scale.getDoubleValue(), m_equalize.getBooleanValue(), m_learningRate.getDoubleValue(),
                m_seed.getIntValue(), m_validation.getDoubleValue(), m_validateEvery.getIntValue(),
                m_chromatinWeight.getDoubleValue(), m_maxMinutes.getDoubleValue() * 60,
                m_averageWeights.getBooleanValue());
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingsException("Training options: " + e.getMessage(), e);
        }
    }

    UNetConfig unetConfig() throws InvalidSettingsException {
        UNetConfig.Loss loss;
        try {
            loss = UNetConfig.Loss.valueOf(m_loss.getStringValue().trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingsException("\"" + m_options.label(LOSS) + "\" must be mse or mae, not \""
                + m_loss.getStringValue() + "\".", e);
        }
        try {
            return new UNetConfig(m_depth.getIntValue(), m_filters.getIntValue(), U.kernel(), U.residual(), loss);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingsException("Network options: " + e.getMessage(), e);
        }
    }

    /** The model file to write (a missing folder is created when the model is written). */
    Path outputPath() throws InvalidSettingsException {
        String p = m_outputPath.getStringValue();
        if (p == null || p.isBlank()) {
            throw new InvalidSettingsException("\"" + m_options.label(OUTPUT_PATH) + "\" is empty: choose where to "
                + "write the trained model (a .zip file), e.g. " + DEFAULT_OUTPUT + ".");
        }
        Path path = FileLocations.localPath(p, m_options.label(OUTPUT_PATH));
        if (path.getParent() == null) {
            throw new InvalidSettingsException("\"" + m_options.label(OUTPUT_PATH) + "\": " + path
                + " is not a file name.");
        }
        if (Files.isDirectory(path)) {
            throw new InvalidSettingsException("\"" + m_options.label(OUTPUT_PATH) + "\": " + path
                + " is a folder; give a file name ending in .zip.");
        }
        return path;
    }
}
