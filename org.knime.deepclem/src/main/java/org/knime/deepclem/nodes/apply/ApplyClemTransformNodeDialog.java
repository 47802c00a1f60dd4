package org.knime.deepclem.nodes.apply;

import static org.knime.deepclem.nodes.apply.ApplyClemTransformSettings.*;

import java.util.List;

import org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane;
import org.knime.core.node.defaultnodesettings.DialogComponentBoolean;
import org.knime.core.node.defaultnodesettings.DialogComponentColumnFilter;
import org.knime.core.node.defaultnodesettings.DialogComponentColumnNameSelection;
import org.knime.core.node.defaultnodesettings.DialogComponentNumber;
import org.knime.core.node.defaultnodesettings.DialogComponentString;
import org.knime.core.node.defaultnodesettings.DialogComponentStringSelection;
import org.knime.deepclem.nodes.common.ColumnMode;
import org.knime.knip.base.data.img.ImgPlusValue;

/** Dialog of the Apply CLEM Transform node. */
final class ApplyClemTransformNodeDialog extends DefaultNodeSettingsPane {

    @SuppressWarnings("unchecked")
    ApplyClemTransformNodeDialog() {
        ApplyClemTransformSettings s = new ApplyClemTransformSettings();
        var o = s.options();
        createNewGroup(o.label(IMAGE_COLUMNS));
        addDialogComponent(new DialogComponentColumnFilter(s.m_imageColumns, 0, ImgPlusValue.class));
        closeCurrentGroup();
        createNewGroup("Transforms");
        addDialogComponent(new DialogComponentStringSelection(s.m_transformMode, o.label(TRANSFORM_MODE),
            List.of(JOIN_BY_ROW_ID, ONE_FOR_ALL)));
        addDialogComponent(new DialogComponentBoolean(s.m_skipFailed, o.label(SKIP_FAILED)));
        closeCurrentGroup();
        createNewGroup("Output");
        addDialogComponent(new DialogComponentStringSelection(s.m_sizeMode, o.label(SIZE_MODE),
            List.of(FROM_REFERENCE, EXPLICIT)));
        addDialogComponent(new DialogComponentColumnNameSelection(s.m_referenceColumn, o.label(REFERENCE_COLUMN), 0,
            false, ImgPlusValue.class));
        addDialogComponent(new DialogComponentNumber(s.m_width, o.label(WIDTH), 1));
        addDialogComponent(new DialogComponentNumber(s.m_height, o.label(HEIGHT), 1));
        addDialogComponent(new DialogComponentStringSelection(s.m_interpolation, o.label(INTERPOLATION),
            INTERPOLATIONS));
        addDialogComponent(new DialogComponentStringSelection(s.m_columnMode, o.label(COLUMN_MODE),
            ColumnMode.labels()));
        addDialogComponent(new DialogComponentString(s.m_suffix, o.label(SUFFIX)));
        closeCurrentGroup();
        s.m_sizeMode.addChangeListener(e -> {
            boolean ref = s.sizeFromReference();
            s.m_referenceColumn.setEnabled(ref);
            s.m_width.setEnabled(!ref);
            s.m_height.setEnabled(!ref);
        });
        s.m_columnMode.addChangeListener(
            e -> s.m_suffix.setEnabled(ColumnMode.APPEND.label().equals(s.m_columnMode.getStringValue())));
    }
}
