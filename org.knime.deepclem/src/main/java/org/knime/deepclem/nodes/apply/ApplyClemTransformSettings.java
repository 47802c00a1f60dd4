package org.knime.deepclem.nodes.apply;

import java.util.Arrays;
import java.util.List;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.defaultnodesettings.SettingsModelBoolean;
import org.knime.core.node.defaultnodesettings.SettingsModelFilterString;
import org.knime.core.node.defaultnodesettings.SettingsModelIntegerBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelString;
import org.knime.deepclem.engine.transform.Interpolation;
import org.knime.deepclem.nodes.common.ColumnMode;
import org.knime.deepclem.nodes.common.NodeSettingsBase;

/** Options of the Apply CLEM Transform node (config keys are what settings.xml stores). */
final class ApplyClemTransformSettings extends NodeSettingsBase {

    static final String IMAGE_COLUMNS = "image_columns";

    static final String TRANSFORM_MODE = "transform_mode";

    static final String SKIP_FAILED = "skip_failed";

    static final String SIZE_MODE = "output_size_mode";

    static final String REFERENCE_COLUMN = "reference_column";

    static final String WIDTH = "width";

    static final String HEIGHT = "height";

    static final String INTERPOLATION = "interpolation";

    static final String COLUMN_MODE = "column_creation_mode";

    static final String SUFFIX = "column_suffix";

    static final String JOIN_BY_ROW_ID = "Join by row ID";

    static final String ONE_FOR_ALL = "One transform for all rows";

    static final String FROM_REFERENCE = "Reference image column";

    static final String EXPLICIT = "Explicit size";

    static final List<String> INTERPOLATIONS = Arrays.stream(Interpolation.values()).map(Interpolation::id).toList();

    final SettingsModelFilterString m_imageColumns = m_options.columns(IMAGE_COLUMNS, "Image columns");

    final SettingsModelString m_transformMode = m_options.string(TRANSFORM_MODE, "Transform per row", JOIN_BY_ROW_ID);

    final SettingsModelBoolean m_skipFailed =
        m_options.bool(SKIP_FAILED, "Missing output for failed registrations", true);

    final SettingsModelString m_sizeMode = m_options.string(SIZE_MODE, "Output size from", FROM_REFERENCE);

    final SettingsModelString m_referenceColumn = m_options.string(REFERENCE_COLUMN, "Reference image column", "");

    final SettingsModelIntegerBounded m_width = m_options.integer(WIDTH, "Width (px)", 1024, 1, 1 << 16);

    final SettingsModelIntegerBounded m_height = m_options.integer(HEIGHT, "Height (px)", 1024, 1, 1 << 16);

    final SettingsModelString m_interpolation =
        m_options.string(INTERPOLATION, "Interpolation", Interpolation.LINEAR.id());

    final SettingsModelString m_columnMode =
        m_options.string(COLUMN_MODE, "Append or replace", ColumnMode.APPEND.label());

    final SettingsModelString m_suffix = m_options.string(SUFFIX, "Suffix of new columns", " (EM frame)");

    @Override
    protected ApplyClemTransformSettings createDefault() {
        return new ApplyClemTransformSettings();
    }

    @Override
    public void checkConsistency() throws InvalidSettingsException {
        oneOf(TRANSFORM_MODE, m_transformMode.getStringValue(), JOIN_BY_ROW_ID, ONE_FOR_ALL);
        oneOf(SIZE_MODE, m_sizeMode.getStringValue(), FROM_REFERENCE, EXPLICIT);
        interpolation();
        if (ColumnMode.fromLabel(m_columnMode.getStringValue(), m_options.label(COLUMN_MODE)) == ColumnMode.APPEND
            && m_suffix.getStringValue().isEmpty()) {
            throw new InvalidSettingsException("\"" + m_options.label(SUFFIX) + "\" must not be empty when appending.");
        }
    }

    private void oneOf(final String key, final String value, final String... allowed) throws InvalidSettingsException {
        if (!Arrays.asList(allowed).contains(value)) {
            throw new InvalidSettingsException("\"" + m_options.label(key) + "\" must be one of "
                + String.join(", ", allowed) + ", not \"" + value + "\".");
        }
    }

    Interpolation interpolation() throws InvalidSettingsException {
        try {
            return Interpolation.fromId(m_interpolation.getStringValue());
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingsException("\"" + m_options.label(INTERPOLATION) + "\": " + e.getMessage(), e);
        }
    }

    boolean joinByRowId() {
        return JOIN_BY_ROW_ID.equals(m_transformMode.getStringValue());
    }

    boolean sizeFromReference() {
        return FROM_REFERENCE.equals(m_sizeMode.getStringValue());
    }
}
