package org.knime.deepclem.nodes.common;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;
import org.knime.core.node.defaultnodesettings.SettingsModel;
import org.knime.core.node.defaultnodesettings.SettingsModelBoolean;
import org.knime.core.node.defaultnodesettings.SettingsModelDoubleBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelFilterString;
import org.knime.core.node.defaultnodesettings.SettingsModelIntegerBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelString;

/**
 * The settings of one node: every option is a SettingsModel registered here with its config key and the label its
 * dialog shows (the same label names the option in the node description). Saving, validating and loading go over
 * all options, so a new option cannot be forgotten in one of them. An option added after the first release is
 * marked with {@link #addedLater}: workflows saved before it existed still load, with its default.
 */
public final class OptionSet {

    /** One option: config key (in settings.xml), dialog label, model. */
    public record Option(String key, String label, SettingsModel model) {
    }

    private final List<Option> m_options = new ArrayList<>();

    /** The defaults of the options added later, by key: what a workflow saved without the key gets. */
    private final Map<String, NodeSettings> m_laterDefaults = new HashMap<>();

    private <M extends SettingsModel> M add(final String key, final String label, final M model) {
        if (m_options.stream().anyMatch(o -> o.key().equals(key))) {
            throw new IllegalArgumentException("duplicate option key " + key);
        }
        m_options.add(new Option(key, label, model));
        return model;
    }

    public SettingsModelString string(final String key, final String label, final String def) {
        return add(key, label, new SettingsModelString(key, def));
    }

    public SettingsModelBoolean bool(final String key, final String label, final boolean def) {
        return add(key, label, new SettingsModelBoolean(key, def));
    }

    public SettingsModelIntegerBounded integer(final String key, final String label, final int def, final int min,
        final int max) {
        return add(key, label, new SettingsModelIntegerBounded(key, def, min, max));
    }

    public SettingsModelDoubleBounded decimal(final String key, final String label, final double def,
        final double min, final double max) {
        return add(key, label, new SettingsModelDoubleBounded(key, def, min, max));
    }

    public SettingsModelFilterString columns(final String key, final String label) {
        return add(key, label, new SettingsModelFilterString(key));
    }

    /**
     * Marks an option (just made by one of the methods above, so still at its default) as added after the first
     * release: settings without its key, saved by an older version, validate and load with this default instead of
     * failing ("Config for key ... not found"), as KNIME expects of a node's new settings.
     */
    public <M extends SettingsModel> M addedLater(final M model) {
        Option o = m_options.stream().filter(x -> x.model() == model).findFirst()
            .orElseThrow(() -> new IllegalArgumentException("not an option of this set"));
        NodeSettings def = new NodeSettings(o.key());
        model.saveSettingsTo(def);
        m_laterDefaults.put(o.key(), def);
        return model;
    }

    /** All options in registration order. */
    public List<Option> options() {
        return Collections.unmodifiableList(m_options);
    }

    /** The label of the option with that key (for messages that name the option as the dialog does). */
    public String label(final String key) {
        return m_options.stream().filter(o -> o.key().equals(key)).map(Option::label).findFirst()
            .orElseThrow(() -> new IllegalArgumentException("no option " + key));
    }

    public void saveTo(final NodeSettingsWO settings) {
        m_options.forEach(o -> o.model().saveSettingsTo(settings));
    }

    public void validate(final NodeSettingsRO settings) throws InvalidSettingsException {
        for (Option o : m_options) {
            try {
                o.model().validateSettings(source(o, settings));
            } catch (InvalidSettingsException e) {
                throw new InvalidSettingsException("Option \"" + o.label() + "\" (key " + o.key() + "): "
                    + e.getMessage(), e);
            }
        }
    }

    public void loadFrom(final NodeSettingsRO settings) throws InvalidSettingsException {
        for (Option o : m_options) {
            o.model().loadSettingsFrom(source(o, settings));
        }
    }

    /** Where an option is read from: the given settings, or its default when it was added after they were saved. */
    private NodeSettingsRO source(final Option o, final NodeSettingsRO settings) {
        NodeSettings def = m_laterDefaults.get(o.key());
        return def != null && !settings.containsKey(o.key()) ? def : settings;
    }
}
