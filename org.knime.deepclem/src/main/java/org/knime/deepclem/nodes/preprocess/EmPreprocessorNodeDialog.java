package org.knime.deepclem.nodes.preprocess;

import static org.knime.deepclem.nodes.preprocess.EmPreprocessorSettings.*;

import org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane;
import org.knime.core.node.defaultnodesettings.DialogComponentBoolean;
import org.knime.core.node.defaultnodesettings.DialogComponentColumnNameSelection;
import org.knime.core.node.defaultnodesettings.DialogComponentNumber;
import org.knime.core.node.defaultnodesettings.DialogComponentString;
import org.knime.core.node.defaultnodesettings.DialogComponentStringSelection;
import org.knime.deepclem.nodes.common.ColumnMode;
import org.knime.deepclem.nodes.common.ImagePlanes;
import org.knime.knip.base.data.img.ImgPlusValue;

/** Dialog of the EM Preprocessor node; components appear in the order of the options. */
final class EmPreprocessorNodeDialog extends DefaultNodeSettingsPane {

    @SuppressWarnings("unchecked")
    EmPreprocessorNodeDialog() {
        EmPreprocessorSettings s = new EmPreprocessorSettings();
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
        createNewGroup("Equalisation");
        addDialogComponent(new DialogComponentStringSelection(s.m_equalize, o.label(EQUALIZE), EQUALIZE_CHOICES));
        addDialogComponent(new DialogComponentNumber(s.m_claheBlock, o.label(CLAHE_BLOCK), 8));
        addDialogComponent(new DialogComponentNumber(s.m_claheBins, o.label(CLAHE_BINS), 16));
        addDialogComponent(new DialogComponentNumber(s.m_claheSlope, o.label(CLAHE_SLOPE), 0.5));
        closeCurrentGroup();
        createNewGroup("Normalisation");
        addDialogComponent(new DialogComponentBoolean(s.m_normalize, o.label(NORMALIZE)));
        addDialogComponent(new DialogComponentNumber(s.m_pmin, o.label(PMIN), 0.1));
        addDialogComponent(new DialogComponentNumber(s.m_pmax, o.label(PMAX), 0.1));
        addDialogComponent(new DialogComponentBoolean(s.m_clip, o.label(CLIP)));
        addDialogComponent(new DialogComponentBoolean(s.m_invert, o.label(INVERT)));
        closeCurrentGroup();
        createNewGroup("Size");
        addDialogComponent(new DialogComponentNumber(s.m_scale, o.label(SCALE), 0.05));
        addDialogComponent(new DialogComponentNumber(s.m_pixelSize, o.label(PIXEL_SIZE), 0.5));
        addDialogComponent(new DialogComponentNumber(s.m_targetPixelSize, o.label(TARGET_PIXEL_SIZE), 0.5));
        closeCurrentGroup();
        // options that only matter for some choices are greyed out otherwise
        s.m_columnMode.addChangeListener(
            e -> s.m_outputColumn.setEnabled(ColumnMode.APPEND.label().equals(s.m_columnMode.getStringValue())));
        s.m_equalize.addChangeListener(e -> {
            boolean clahe = "clahe".equals(s.m_equalize.getStringValue());
            s.m_claheBlock.setEnabled(clahe);
            s.m_claheBins.setEnabled(clahe);
            s.m_claheSlope.setEnabled(clahe);
        });
        s.m_normalize.addChangeListener(e -> {
            boolean on = s.m_normalize.getBooleanValue();
            s.m_pmin.setEnabled(on);
            s.m_pmax.setEnabled(on);
            s.m_clip.setEnabled(on);
        });
    }
}
