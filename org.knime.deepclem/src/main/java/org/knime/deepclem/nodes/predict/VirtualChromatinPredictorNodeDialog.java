package org.knime.deepclem.nodes.predict;

import static org.knime.deepclem.nodes.predict.VirtualChromatinPredictorSettings.*;

import org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane;
import org.knime.core.node.defaultnodesettings.DialogComponentColumnNameSelection;
import org.knime.core.node.defaultnodesettings.DialogComponentString;
import org.knime.core.node.defaultnodesettings.DialogComponentStringSelection;
import org.knime.deepclem.nodes.common.ColumnMode;
import org.knime.deepclem.nodes.common.ImagePlanes;
import org.knime.deepclem.nodes.common.PredictionDialog;
import org.knime.knip.base.data.img.ImgPlusValue;

/** Dialog of the Virtual Chromatin Predictor node. */
final class VirtualChromatinPredictorNodeDialog extends DefaultNodeSettingsPane {

    @SuppressWarnings("unchecked")
    VirtualChromatinPredictorNodeDialog() {
        VirtualChromatinPredictorSettings s = new VirtualChromatinPredictorSettings();
        var o = s.options();
        createNewGroup("Input and output");
        addDialogComponent(new DialogComponentColumnNameSelection(s.m_imageColumn, o.label(IMAGE_COLUMN), 0,
            ImgPlusValue.class));
        addDialogComponent(new DialogComponentStringSelection(s.m_channel, o.label(CHANNEL),
            ImagePlanes.CHANNEL_CHOICES, true));
        addDialogComponent(new DialogComponentStringSelection(s.m_columnMode, o.label(COLUMN_MODE),
            ColumnMode.labels()));
        addDialogComponent(new DialogComponentString(s.m_outputColumn, o.label(OUTPUT_COLUMN), true, 20));
        closeCurrentGroup();
        createNewGroup("Pixel size (\"from image\" or a value with its unit: 5nm, 0.005um)");
        addDialogComponent(new DialogComponentString(s.m_emPixelSize, o.label(EM_PIXEL_SIZE)));
        closeCurrentGroup();
        PredictionDialog.addTo(this, s.m_model, o);
        s.m_columnMode.addChangeListener(
            e -> s.m_outputColumn.setEnabled(ColumnMode.APPEND.label().equals(s.m_columnMode.getStringValue())));
    }
}
