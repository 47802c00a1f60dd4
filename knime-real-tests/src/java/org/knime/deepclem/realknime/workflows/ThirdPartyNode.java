package org.knime.deepclem.realknime.workflows;

import java.util.ArrayList;
import java.util.List;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.defaultnodesettings.SettingsModel;

/**
 * A KNIME or KNIP node of the example workflows that the knime-real kit cannot run (knime-base and KNIP need jars
 * that are not on Maven Central): what KNIME stores for it, and what its real code accepts. The rules come from
 * reading that code; each problem message names the file it comes from.
 */
interface ThirdPartyNode {

    /** knime-ip/knip at the "5.4 ready" commit (KNIP 1.8.3), fetched and read for these rules. */
    String KNIP = "knime-ip/knip@961b9b1 ";

    /** knime/knime-base at tag analytics-platform/5.4.0. */
    String KNIME_BASE = "knime/knime-base@analytics-platform/5.4.0 ";

    String factory();

    /** The node name KNIME stores (node-name) and shows. */
    String nodeName();

    Origin origin();

    int inPorts();

    int outPorts();

    /** Whether the factory is a ParameterizedNodeFactory (e.g. a DynamicNodeFactory), for which KNIME saves more. */
    default boolean parameterized() {
        return false;
    }

    /** What the node's own code would refuse or misread in these stored model settings; empty when accepted. */
    List<String> problems(NodeSettingsRO model);

    /** Collects problems, each with the source file of its rule. */
    final class Problems {

        private final List<String> m_messages = new ArrayList<>();

        void add(final String message, final String source) {
            m_messages.add(message + " [" + source + "]");
        }

        /** The node's SettingsModel validating and loading the stored value, as the node's model does. */
        void accept(final SettingsModel model, final NodeSettingsRO settings, final String source) {
            try {
                model.validateSettings(settings);
                model.loadSettingsFrom(settings);
            } catch (InvalidSettingsException | RuntimeException e) {
                add(model + ": " + e.getMessage(), source);
            }
        }

        /** {@code value} must be one of {@code allowed} ({@code ignoreCase} as the node compares). */
        void oneOf(final String key, final String value, final List<String> allowed, final boolean ignoreCase,
            final String consequence, final String source) {
            boolean ok = allowed.stream().anyMatch(a -> ignoreCase ? a.equalsIgnoreCase(value) : a.equals(value));
            if (!ok) {
                add(key + " = \"" + value + "\" is not one of " + allowed + ": " + consequence, source);
            }
        }

        List<String> list() {
            return List.copyOf(m_messages);
        }
    }
}
