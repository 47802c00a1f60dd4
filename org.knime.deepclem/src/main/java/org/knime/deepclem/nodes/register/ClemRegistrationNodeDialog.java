package org.knime.deepclem.nodes.register;

import static org.knime.deepclem.nodes.register.ClemRegistrationSettings.*;

import org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane;
import org.knime.core.node.defaultnodesettings.DialogComponentBoolean;
import org.knime.core.node.defaultnodesettings.DialogComponentColumnNameSelection;
import org.knime.core.node.defaultnodesettings.DialogComponentNumber;
import org.knime.core.node.defaultnodesettings.DialogComponentString;
import org.knime.core.node.defaultnodesettings.DialogComponentStringSelection;
import org.knime.deepclem.nodes.common.ImagePlanes;
import org.knime.deepclem.nodes.common.PredictionDialog;
import org.knime.knip.base.data.img.ImgPlusValue;

/** Dialog of the CLEM Registration node: inputs and registration on the first tab, the model on the second. */
final class ClemRegistrationNodeDialog extends DefaultNodeSettingsPane {

    @SuppressWarnings("unchecked")
    ClemRegistrationNodeDialog() {
        ClemRegistrationSettings s = new ClemRegistrationSettings();
        var o = s.options();
        createNewGroup("Inputs");
        addDialogComponent(new DialogComponentStringSelection(s.m_inputMode, o.label(INPUT_MODE), INPUT_MODES));
        addDialogComponent(new DialogComponentColumnNameSelection(s.m_fixedColumn, o.label(FIXED_COLUMN), 0,
            ImgPlusValue.class));
        addDialogComponent(new DialogComponentStringSelection(s.m_fixedChannel, o.label(FIXED_CHANNEL),
            ImagePlanes.CHANNEL_CHOICES, true));
        addDialogComponent(new DialogComponentColumnNameSelection(s.m_movingColumn, o.label(MOVING_COLUMN), 0,
            ImgPlusValue.class));
        addDialogComponent(new DialogComponentStringSelection(s.m_movingChannel, o.label(MOVING_CHANNEL),
            ImagePlanes.CHANNEL_CHOICES, true));
        addDialogComponent(new DialogComponentColumnNameSelection(s.m_overlayColumn, o.label(OVERLAY_COLUMN), 0,
            false, true, ImgPlusValue.class));
        closeCurrentGroup();
        createNewGroup("Registration");
        addDialogComponent(new DialogComponentStringSelection(s.m_transformModel, o.label(TRANSFORM_MODEL), MODELS));
        addDialogComponent(new DialogComponentStringSelection(s.m_method, o.label(METHOD), RegistrationMethods.IDS));
        addDialogComponent(new DialogComponentStringSelection(s.m_interpolation, o.label(INTERPOLATION),
            INTERPOLATIONS));
        addDialogComponent(new DialogComponentStringSelection(s.m_overlayColour, o.label(OVERLAY_COLOUR), COLOURS));
        addDialogComponent(new DialogComponentBoolean(s.m_landmarksOnly, o.label(LANDMARKS_ONLY)));
        addDialogComponent(new DialogComponentBoolean(s.m_mirror, o.label(MIRROR)));
        closeCurrentGroup();
        createNewGroup("Pixel sizes (\"from image\" or a value with its unit: 5nm, 0.1um)");
        addDialogComponent(new DialogComponentString(s.m_emPixelSize, o.label(EM_PIXEL_SIZE)));
        addDialogComponent(new DialogComponentString(s.m_lmPixelSize, o.label(LM_PIXEL_SIZE)));
        addDialogComponent(new DialogComponentNumber(s.m_scaleTolerance, o.label(SCALE_TOLERANCE), 5));
        closeCurrentGroup();
        createNewTab("Prediction");
        PredictionDialog.addTo(this, s.m_model, o);
        Runnable modeChanged = () -> {
            boolean predict = s.predictInside();
            for (var m : s.m_model.models()) {
                m.setEnabled(predict);
            }
        };
        s.m_inputMode.addChangeListener(e -> modeChanged.run());
    }
}
