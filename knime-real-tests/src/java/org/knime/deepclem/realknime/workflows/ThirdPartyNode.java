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
abstract class ThirdPartyNode {

    /** knime-ip/knip at the "5.4 ready" commit (KNIP 1.8.3), fetched and read for these rules. */
    static final String KNIP = "knime-ip/knip@961b9b1 ";

    /** knime/knime-base at tag analytics-platform/5.4.0. */
    static final String KNIME_BASE = "knime/knime-base@analytics-platform/5.4.0 ";

    private final String m_factory;

    private final String m_nodeName;

    private final Origin m_origin;

    private final int m_inPorts;

    private final int m_outPorts;

    private final boolean m_parameterized;

    ThirdPartyNode(final String factory, final String nodeName, final Origin origin, final int inPorts,
        final int outPorts, final boolean parameterized) {
        m_factory = factory;
        m_nodeName = nodeName;
        m_origin = origin;
        m_inPorts = inPorts;
        m_outPorts = outPorts;
        m_parameterized = parameterized;
    }

    final String factory() {
        return m_factory;
    }

    /** The node name KNIME stores (node-name) and shows. */
    final String nodeName() {
        return m_nodeName;
    }

    final Origin origin() {
        return m_origin;
    }

    final int inPorts() {
        return m_inPorts;
    }

    final int outPorts() {
        return m_outPorts;
    }

    /** Whether the factory is a ParameterizedNodeFactory (e.g. a DynamicNodeFactory), for which KNIME saves more. */
    final boolean parameterized() {
        return m_parameterized;
    }

    /** What the node's own code would refuse or misread in these stored model settings; empty when accepted. */
    abstract List<String> problems(NodeSettingsRO model);

    /** Collects problems, each with the source file of its rule. */
    static final class Problems {

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
