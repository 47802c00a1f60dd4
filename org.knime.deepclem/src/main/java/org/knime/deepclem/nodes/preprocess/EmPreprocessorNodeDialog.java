package org.knime.deepclem.nodes.preprocess;

import static org.knime.deepclem.nodes.preprocess.EmPreprocessorSettings.*;

import org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane;
import org.knime.core.node.defaultnodesettings.DialogComponentBoolean;
import org.knime.core.node.defaultnodesettings.DialogComponentColumnNameSelection;
import org.knime.core.node.defaultnodesettings.DialogComponentNumber;
import org.knime.core.node.defaultnodesettings.DialogComponentString;
import org.knime.core.node.defaultnodesettings.DialogComponentStringSelection;
import org.knime.deepclem.nodes.common.ColumnMode;
import org.knime.knip.base.data.img.ImgPlusValue;

/** Dialog of the EM Preprocessor node. */
final class EmPreprocessorNodeDialog extends DefaultNodeSettingsPane {

    @SuppressWarnings("unchecked")
    EmPreprocessorNodeDialog() {
        EmPreprocessorSettings s = new EmPreprocessorSettings();
        var o = s.options();
        createNewGroup("Input and output");
        addDialogComponent(new DialogComponentColumnNameSelection(s.m_imageColumn, o.label(IMAGE_COLUMN), 0,
            ImgPlusValue.class));
        addDialogComponent(new DialogComponentNumber(s.m_channel, o.label(CHANNEL), 1));
        addDialogComponent(new DialogComponentStringSelection(s.m_columnMode, o.label(COLUMN_MODE),
            ColumnMode.labels()));
        addDialogComponent(new DialogComponentString(s.m_outputColumn, o.label(OUTPUT_COLUMN), true, 20));
        closeCurrentGroup();
        createNewGroup("Preprocessing");
        addDialogComponent(new DialogComponentBoolean(s.m_equalize, o.label(EQUALIZE)));
        addDialogComponent(new DialogComponentNumber(s.m_scale, o.label(SCALE), 0.05));
        addDialogComponent(new DialogComponentBoolean(s.m_normalize, o.label(NORMALIZE)));
        addDialogComponent(new DialogComponentNumber(s.m_pmin, o.label(PMIN), 0.1));
        addDialogComponent(new DialogComponentNumber(s.m_pmax, o.label(PMAX), 0.1));
        addDialogComponent(new DialogComponentBoolean(s.m_clip, o.label(CLIP)));
        closeCurrentGroup();
        // the output name only matters when appending; percentiles only when normalising
        s.m_columnMode.addChangeListener(
            e -> s.m_outputColumn.setEnabled(ColumnMode.APPEND.label().equals(s.m_columnMode.getStringValue())));
        s.m_normalize.addChangeListener(e -> {
            s.m_pmin.setEnabled(s.m_normalize.getBooleanValue());
            s.m_pmax.setEnabled(s.m_normalize.getBooleanValue());
            s.m_clip.setEnabled(s.m_normalize.getBooleanValue());
        });
    }
}
