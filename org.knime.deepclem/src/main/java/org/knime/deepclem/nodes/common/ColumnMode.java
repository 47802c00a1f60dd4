package org.knime.deepclem.nodes.common;

import java.util.Arrays;
import java.util.List;

import org.knime.core.node.InvalidSettingsException;

/** Whether a node appends its result as a new column or replaces the input column (values as in KNIP nodes). */
public enum ColumnMode {
    APPEND("Append"), REPLACE("Replace");

    private final String m_label;

    ColumnMode(final String label) {
        m_label = label;
    }

    /** The value stored in the settings and shown in the dialog. */
    public String label() {
        return m_label;
    }

    public static List<String> labels() {
        return Arrays.stream(values()).map(ColumnMode::label).toList();
    }

    public static ColumnMode fromLabel(final String label, final String optionLabel) throws InvalidSettingsException {
        for (ColumnMode m : values()) {
            if (m.m_label.equals(label)) {
                return m;
            }
        }
        throw new InvalidSettingsException("\"" + optionLabel + "\" must be Append or Replace, not \"" + label + "\"");
    }
}
