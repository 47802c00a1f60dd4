package org.knime.deepclem.workflows;

import java.util.List;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.config.base.ConfigBase;

/**
 * Converts between the stand-in's in-memory {@link NodeSettings} (what a NodeModel's saveSettingsTo writes) and the
 * {@link KnimeConfig} of a settings.xml {@code model} section, with KNIME's XML conventions: arrays are sub-configs
 * with {@code array-size}, a null string is {@code isnull}.
 */
final class SettingsBridge {

    private SettingsBridge() {
    }

    /** The settings as the {@code model} config of settings.xml. */
    static KnimeConfig toConfig(final ConfigBase settings, final String key) {
        KnimeConfig out = new KnimeConfig(key);
        for (String k : settings.keySet()) {
            write(settings, k, out);
        }
        return out;
    }

    // The stand-in keeps typed values but has no type query, so probe the typed getters in turn.
    private static void write(final ConfigBase s, final String k, final KnimeConfig out) {
        try {
            out.put(toConfig(s.getConfigBase(k), k));
            return;
        } catch (InvalidSettingsException e) { // not a sub-config
        }
        try {
            out.integer(k, s.getInt(k));
            return;
        } catch (InvalidSettingsException e) { // not an int
        }
        try {
            out.entry(k, "xlong", Long.toString(s.getLong(k)));
            return;
        } catch (InvalidSettingsException e) { // not a long
        }
        try {
            out.decimal(k, s.getDouble(k));
            return;
        } catch (InvalidSettingsException e) { // not a double
        }
        try {
            out.bool(k, s.getBoolean(k));
            return;
        } catch (InvalidSettingsException e) { // not a boolean
        }
        try {
            out.string(k, s.getString(k));
            return;
        } catch (InvalidSettingsException e) { // not a string
        }
        try {
            out.strings(k, s.getStringArray(k));
            return;
        } catch (InvalidSettingsException e) { // not a string array
        }
        try {
            double[] v = s.getDoubleArray(k);
            KnimeConfig c = out.config(k).integer("array-size", v.length);
            for (int i = 0; i < v.length; i++) {
                c.decimal(Integer.toString(i), v[i]);
            }
            return;
        } catch (InvalidSettingsException e) { // not a double array
        }
        try {
            out.ints(k, s.getIntArray(k));
            return;
        } catch (InvalidSettingsException e) { // not an int array either
            throw new IllegalStateException("settings key \"" + k + "\" has a type this bridge does not know", e);
        }
    }

    /** A settings.xml {@code model} config as stand-in settings (what loadValidatedSettingsFrom reads). */
    static NodeSettings toSettings(final KnimeConfig config) {
        NodeSettings s = new NodeSettings(config.key());
        fill(config, s);
        return s;
    }

    private static void fill(final KnimeConfig c, final ConfigBase s) {
        for (String k : c.keys()) {
            if (c.isConfig(k)) {
                KnimeConfig sub = c.getConfig(k);
                if (!fillArray(sub, k, s)) {
                    fill(sub, s.addConfigBase(k));
                }
                continue;
            }
            KnimeConfig.Entry e = c.getEntry(k);
            switch (e.type()) {
                case "xstring" -> s.addString(k, e.value());
                case "xint" -> s.addInt(k, Integer.parseInt(e.value()));
                case "xlong" -> s.addLong(k, Long.parseLong(e.value()));
                case "xdouble" -> s.addDouble(k, Double.parseDouble(e.value()));
                case "xboolean" -> s.addBoolean(k, Boolean.parseBoolean(e.value()));
                default -> throw new IllegalArgumentException("settings entry \"" + k + "\" has type " + e.type()
                    + ", which the stand-in settings cannot hold");
            }
        }
    }

    /** A sub-config of exactly array-size and 0..n-1 of one type is an array (KNIME's array encoding). */
    private static boolean fillArray(final KnimeConfig sub, final String k, final ConfigBase s) {
        if (!sub.has("array-size") || sub.isConfig("array-size")) {
            return false;
        }
        int n = sub.getInt("array-size");
        if (sub.keys().size() != n + 1) {
            return false;
        }
        List<String> keys = sub.keys().stream().filter(x -> !x.equals("array-size")).toList();
        for (int i = 0; i < n; i++) {
            if (!keys.get(i).equals(Integer.toString(i)) || sub.isConfig(keys.get(i))) {
                return false;
            }
        }
        String type = n == 0 ? "xstring" : sub.getEntry("0").type();
        for (String key : keys) {
            if (!sub.getEntry(key).type().equals(type)) {
                return false;
            }
        }
        switch (type) {
            case "xstring" -> s.addStringArray(k, keys.stream().map(sub::getString).toArray(String[]::new));
            case "xint" -> s.addIntArray(k, keys.stream().mapToInt(sub::getInt).toArray());
            case "xdouble" -> s.addDoubleArray(k,
                keys.stream().mapToDouble(x -> Double.parseDouble(sub.getString(x))).toArray());
            default -> {
                return false;
            }
        }
        return true;
    }
}
