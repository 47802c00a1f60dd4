package org.knime.deepclem.nodes.learn;

import static org.knime.deepclem.nodes.learn.ClemNetworkLearnerSettings.*;

import javax.swing.JFileChooser;

import org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane;
import org.knime.core.node.defaultnodesettings.DialogComponentBoolean;
import org.knime.core.node.defaultnodesettings.DialogComponentColumnNameSelection;
import org.knime.core.node.defaultnodesettings.DialogComponentFileChooser;
import org.knime.core.node.defaultnodesettings.DialogComponentNumber;
import org.knime.core.node.defaultnodesettings.DialogComponentString;
import org.knime.core.node.defaultnodesettings.DialogComponentStringSelection;
import org.knime.deepclem.nodes.common.ImagePlanes;
import org.knime.knip.base.data.img.ImgPlusValue;

/** Dialog of the CLEM Network Learner node: data and output, then training, then network. */
final class ClemNetworkLearnerNodeDialog extends DefaultNodeSettingsPane {

    @SuppressWarnings("unchecked")
    ClemNetworkLearnerNodeDialog() {
        ClemNetworkLearnerSettings s = new ClemNetworkLearnerSettings();
        var o = s.options();
        createNewGroup("Training pairs");
        addDialogComponent(new DialogComponentColumnNameSelection(s.m_emColumn, o.label(EM_COLUMN), 0,
            ImgPlusValue.class));
        addDialogComponent(new DialogComponentStringSelection(s.m_emChannel, o.label(EM_CHANNEL),
            ImagePlanes.CHANNEL_CHOICES, true));
        addDialogComponent(new DialogComponentColumnNameSelection(s.m_chromatinColumn, o.label(CHROMATIN_COLUMN), 0,
            ImgPlusValue.class));
        addDialogComponent(new DialogComponentStringSelection(s.m_chromatinChannel, o.label(CHROMATIN_CHANNEL),
            ImagePlanes.CHANNEL_CHOICES, true));
        closeCurrentGroup();
        createNewGroup("Pixel size recorded in the model (\"from image\" or a value with its unit: 5nm, 0.005um)");
        addDialogComponent(new DialogComponentString(s.m_emPixelSize, o.label(EM_PIXEL_SIZE)));
        closeCurrentGroup();
        createNewGroup("Output");
        DialogComponentFileChooser file = new DialogComponentFileChooser(s.m_outputPath, "deepclem-model-out",
            JFileChooser.SAVE_DIALOG, false, ".zip");
        file.setBorderTitle(o.label(OUTPUT_PATH));
        addDialogComponent(file);
        addDialogComponent(new DialogComponentBoolean(s.m_overwrite, o.label(OVERWRITE)));
        closeCurrentGroup();
        createNewTab("Training");
        addDialogComponent(new DialogComponentNumber(s.m_steps, o.label(STEPS), 100));
        addDialogComponent(new DialogComponentNumber(s.m_patch, o.label(PATCH), 8));
        addDialogComponent(new DialogComponentNumber(s.m_batch, o.label(BATCH), 1));
        addDialogComponent(new DialogComponentNumber(s.m_scale, o.label(SCALE), 0.05));
        addDialogComponent(new DialogComponentBoolean(s.m_equalize, o.label(EQUALIZE)));
        addDialogComponent(new DialogComponentNumber(s.m_learningRate, o.label(LEARNING_RATE), 1e-4));
        addDialogComponent(new DialogComponentNumber(s.m_seed, o.label(SEED), 1));
        addDialogComponent(new DialogComponentNumber(s.m_validation, o.label(VALIDATION), 0.05));
        addDialogComponent(new DialogComponentNumber(s.m_validateEvery, o.label(VALIDATE_EVERY), 10));
        addDialogComponent(new DialogComponentNumber(s.m_chromatinWeight, o.label(CHROMATIN_WEIGHT), 0.5));
        addDialogComponent(new DialogComponentNumber(s.m_maxMinutes, o.label(MAX_MINUTES), 1));
        addDialogComponent(new DialogComponentBoolean(s.m_averageWeights, o.label(AVERAGE_WEIGHTS)));
        createNewTab("Network");
        addDialogComponent(new DialogComponentNumber(s.m_depth, o.label(DEPTH), 1));
        addDialogComponent(new DialogComponentNumber(s.m_filters, o.label(FILTERS), 4));
        addDialogComponent(new DialogComponentStringSelection(s.m_loss, o.label(LOSS), LOSSES));
    }
}
