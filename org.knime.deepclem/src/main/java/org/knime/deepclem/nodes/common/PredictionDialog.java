package org.knime.deepclem.nodes.common;

import javax.swing.JFileChooser;

import org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane;
import org.knime.core.node.defaultnodesettings.DialogComponentBoolean;
import org.knime.core.node.defaultnodesettings.DialogComponentFileChooser;
import org.knime.core.node.defaultnodesettings.DialogComponentNumber;
import org.knime.core.node.defaultnodesettings.DialogComponentString;
import org.knime.core.node.defaultnodesettings.DialogComponentStringSelection;

/** Adds the model options to a dialog, in their own group. */
public final class PredictionDialog {

    private PredictionDialog() {
    }

    public static void addTo(final DefaultNodeSettingsPane pane, final PredictionOptions m, final OptionSet o) {
        pane.createNewGroup("Virtual chromatin model");
        pane.addDialogComponent(new DialogComponentStringSelection(m.m_source, o.label(PredictionOptions.MODEL_SOURCE),
            PredictionOptions.SOURCES));
        DialogComponentFileChooser file = new DialogComponentFileChooser(m.m_path, "deepclem-model",
            JFileChooser.OPEN_DIALOG, false, ".zip");
        file.setBorderTitle(o.label(PredictionOptions.MODEL_PATH));
        pane.addDialogComponent(file);
        pane.addDialogComponent(new DialogComponentNumber(m.m_tile, o.label(PredictionOptions.TILE_SIZE), 16));
        pane.addDialogComponent(new DialogComponentNumber(m.m_margin, o.label(PredictionOptions.TILE_MARGIN), 8));
        pane.addDialogComponent(new DialogComponentBoolean(m.m_override,
            o.label(PredictionOptions.OVERRIDE_NORMALIZATION)));
        pane.addDialogComponent(new DialogComponentNumber(m.m_pmin, o.label(PredictionOptions.PMIN), 0.1));
        pane.addDialogComponent(new DialogComponentNumber(m.m_pmax, o.label(PredictionOptions.PMAX), 0.1));
        pane.addDialogComponent(new DialogComponentString(m.m_modelPixelSize,
            o.label(PredictionOptions.MODEL_PIXEL_SIZE)));
        pane.closeCurrentGroup();
        m.m_source.addChangeListener(
            e -> m.m_path.setEnabled(PredictionOptions.FROM_FILE.equals(m.m_source.getStringValue())));
        m.m_override.addChangeListener(e -> {
            m.m_pmin.setEnabled(m.m_override.getBooleanValue());
            m.m_pmax.setEnabled(m.m_override.getBooleanValue());
        });
    }
}
