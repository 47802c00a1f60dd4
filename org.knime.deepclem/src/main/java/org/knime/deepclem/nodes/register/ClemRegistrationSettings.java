package org.knime.deepclem.nodes.register;

import java.util.Arrays;
import java.util.List;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.defaultnodesettings.SettingsModelBoolean;
import org.knime.core.node.defaultnodesettings.SettingsModelDoubleBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelString;
import org.knime.deepclem.engine.io.ChannelSelection;
import org.knime.deepclem.engine.io.Overlay;
import org.knime.deepclem.engine.io.PixelSize;
import org.knime.deepclem.engine.registration.ScalePrior;
import org.knime.deepclem.engine.registration.TransformModel;
import org.knime.deepclem.engine.transform.Interpolation;
import org.knime.deepclem.nodes.common.ImageCalibrations;
import org.knime.deepclem.nodes.common.ImagePlanes;
import org.knime.deepclem.nodes.common.NodeSettingsBase;
import org.knime.deepclem.nodes.common.PredictionOptions;

/** Options of the CLEM Registration node (config keys are what settings.xml stores). */
final class ClemRegistrationSettings extends NodeSettingsBase {

    static final String INPUT_MODE = "input_mode";

    static final String FIXED_COLUMN = "fixed_column";

    static final String FIXED_CHANNEL = "fixed_channel";

    static final String MOVING_COLUMN = "moving_column";

    static final String MOVING_CHANNEL = "moving_channel";

    static final String OVERLAY_COLUMN = "overlay_background_column";

    static final String TRANSFORM_MODEL = "transform_model";

    static final String METHOD = "method";

    static final String INTERPOLATION = "interpolation";

    static final String OVERLAY_COLOUR = "overlay_colour";

    static final String LANDMARKS_ONLY = "landmarks_only";

    static final String EM_PIXEL_SIZE = "em_pixel_size";

    static final String LM_PIXEL_SIZE = "lm_pixel_size";

    static final String SCALE_TOLERANCE = "scale_tolerance_percent";
    static final String MIRROR = "mirror";

    static final String VIRTUAL_CHROMATIN = "Virtual chromatin and measured chromatin";

    static final String EM_WITH_PREDICTION = "EM and measured chromatin (predict inside)";

    static final List<String> INPUT_MODES = List.of(VIRTUAL_CHROMATIN, EM_WITH_PREDICTION);

    static final List<String> MODELS = Arrays.stream(TransformModel.values()).map(TransformModel::id).toList();

    static final List<String> INTERPOLATIONS = Arrays.stream(Interpolation.values()).map(Interpolation::id).toList();

    static final List<String> COLOURS = Arrays.stream(Overlay.Colour.values()).map(Overlay.Colour::id).toList();

    final SettingsModelString m_inputMode = m_options.string(INPUT_MODE, "Inputs", VIRTUAL_CHROMATIN);

    final SettingsModelString m_fixedColumn =
        m_options.string(FIXED_COLUMN, "Fixed image column (virtual chromatin or EM)", "");

    final SettingsModelString m_fixedChannel = m_options.string(FIXED_CHANNEL, "Fixed image channel", "auto");

    final SettingsModelString m_movingColumn =
        m_options.string(MOVING_COLUMN, "Measured chromatin column (moving)", "");

    final SettingsModelString m_movingChannel = m_options.string(MOVING_CHANNEL, "Chromatin channel", "blue");

    final SettingsModelString m_overlayColumn =
        m_options.string(OVERLAY_COLUMN, "Overlay background column (empty = fixed image)", "");

    final SettingsModelString m_transformModel =
        m_options.string(TRANSFORM_MODEL, "Transform model", TransformModel.SIMILARITY.id());

    final SettingsModelString m_method =
        m_options.string(METHOD, "Registration method", RegistrationMethods.DEFAULT);

    final SettingsModelString m_interpolation =
        m_options.string(INTERPOLATION, "Interpolation of the registered chromatin", Interpolation.LINEAR.id());

    final SettingsModelString m_overlayColour =
        m_options.string(OVERLAY_COLOUR, "Overlay colour of the chromatin", Overlay.Colour.BLUE.id());

    /** With landmarks for a row: fit them alone, without registering (or predicting) that row automatically. */
    final SettingsModelBoolean m_landmarksOnly = m_options.addedLater(
        m_options.bool(LANDMARKS_ONLY, "Use the landmarks alone (rows that have landmarks)", false));

    /** Also register the chromatin image mirrored left-right (MirrorSearch): sections seen from the other side. */
    final SettingsModelBoolean m_mirror = m_options.addedLater(
        m_options.bool(MIRROR, "Also try the chromatin image mirrored", false));

    /** "from image" (the cell's calibrated X/Y axes) or a size with its unit, e.g. "5nm". */
    final SettingsModelString m_emPixelSize = m_options.addedLater(m_options.string(EM_PIXEL_SIZE,
        "Fixed (EM) pixel size", ImageCalibrations.FROM_IMAGE));

    final SettingsModelString m_lmPixelSize = m_options.addedLater(m_options.string(LM_PIXEL_SIZE,
        "Chromatin (LM) pixel size", ImageCalibrations.FROM_IMAGE));

    /** With both sizes known, only scales this close to the one they imply are searched; 0 = every scale. */
    final SettingsModelDoubleBounded m_scaleTolerance = m_options.addedLater(m_options.decimal(SCALE_TOLERANCE,
        "Scale tolerance with known pixel sizes (%, 0 = search every scale)", ScalePrior.DEFAULT_TOLERANCE * 100, 0,
        100));

    final PredictionOptions m_model = new PredictionOptions(m_options);

    @Override
    protected ClemRegistrationSettings createDefault() {
        return new ClemRegistrationSettings();
    }

    @Override
    public void checkConsistency() throws InvalidSettingsException {
        if (!INPUT_MODES.contains(m_inputMode.getStringValue())) {
            throw new InvalidSettingsException("\"" + m_options.label(INPUT_MODE) + "\" must be \"" + VIRTUAL_CHROMATIN
                + "\" or \"" + EM_WITH_PREDICTION + "\", not \"" + m_inputMode.getStringValue() + "\".");
        }
        fixedChannel();
        movingChannel();
        transformModel();
        interpolation();
        overlayColour();
        RegistrationMethods.check(m_method.getStringValue(), m_options.label(METHOD));
        emPixelSize();
        lmPixelSize();
        if (predictInside()) {
            m_model.check();
        }
    }

    /** The given EM pixel size, or null: read from each fixed image. */
    PixelSize emPixelSize() throws InvalidSettingsException {
        return ImageCalibrations.given(m_emPixelSize.getStringValue(), m_options.label(EM_PIXEL_SIZE));
    }

    /** The given LM pixel size, or null: read from each chromatin image. */
    PixelSize lmPixelSize() throws InvalidSettingsException {
        return ImageCalibrations.given(m_lmPixelSize.getStringValue(), m_options.label(LM_PIXEL_SIZE));
    }

    boolean predictInside() {
        return EM_WITH_PREDICTION.equals(m_inputMode.getStringValue());
    }

    ChannelSelection fixedChannel() throws InvalidSettingsException {
        return ImagePlanes.channel(m_fixedChannel.getStringValue(), m_options.label(FIXED_CHANNEL));
    }

    ChannelSelection movingChannel() throws InvalidSettingsException {
        return ImagePlanes.channel(m_movingChannel.getStringValue(), m_options.label(MOVING_CHANNEL));
    }

    TransformModel transformModel() throws InvalidSettingsException {
        try {
            return TransformModel.fromId(m_transformModel.getStringValue());
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingsException("\"" + m_options.label(TRANSFORM_MODEL) + "\": " + e.getMessage(), e);
        }
    }

    Interpolation interpolation() throws InvalidSettingsException {
        try {
            return Interpolation.fromId(m_interpolation.getStringValue());
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingsException("\"" + m_options.label(INTERPOLATION) + "\": " + e.getMessage(), e);
        }
    }

    Overlay.Colour overlayColour() throws InvalidSettingsException {
        try {
            return Overlay.Colour.fromId(m_overlayColour.getStringValue());
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingsException("\"" + m_options.label(OVERLAY_COLOUR) + "\": " + e.getMessage(), e);
        }
    }
}
