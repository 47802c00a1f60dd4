package org.knime.deepclem.workflows;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeHarness;
import org.knime.core.node.NodeModel;
import org.knime.core.node.NodePorts;
import org.knime.core.node.NodeSettings;
import org.knime.deepclem.workflows.Workflow.Connection;
import org.knime.deepclem.workflows.Workflow.WfNode;

/**
 * Assembles a {@link Workflow}. Our nodes get the settings their own model saves (defaults), changed only where the
 * workflow says so, and checked by the model's validateSettings; so the stored settings are always ones the node
 * accepts. KNIME/KNIP nodes get the settings built in {@link KnimeNodes}.
 */
final class WorkflowBuilder {

    private final String m_name;

    private final String m_description;

    private final List<String> m_annotation;

    private final List<WfNode> m_nodes = new ArrayList<>();

    private final List<Connection> m_connections = new ArrayList<>();

    private final Map<String, byte[]> m_data = new LinkedHashMap<>();

    WorkflowBuilder(final String name, final String description, final List<String> annotation) {
        m_name = name;
        m_description = description;
        m_annotation = annotation;
    }

    /** A KNIME/KNIP node. */
    int knime(final int id, final KnimeNodes node, final KnimeConfig model, final int x, final int y,
        final String comment) {
        m_nodes.add(new WfNode(id, node.factory(), node.nodeName(), node.origin(), model, node.nrOutPorts(), x, y,
            comment));
        return id;
    }

    /**
     * One of our nodes: its default settings with {@code changes} (key to String, Integer, Double, Boolean or
     * String[]); every changed key must exist, and the node must accept the result.
     */
    int ours(final int id, final String factoryClass, final Map<String, Object> changes, final int x, final int y,
        final String comment) {
        NodeFactory<? extends NodeModel> factory = factory(factoryClass);
        NodeHarness h = new NodeHarness(factory);
        NodeSettings defaults = h.saveSettings();
        KnimeConfig model = SettingsBridge.toConfig(defaults, "model");
        for (Map.Entry<String, Object> c : changes.entrySet()) {
            set(model, factoryClass, c.getKey(), c.getValue());
        }
        try {
            h.loadSettings(SettingsBridge.toSettings(model));
        } catch (InvalidSettingsException e) {
            throw new IllegalStateException(factoryClass + " refuses the workflow's settings: " + e.getMessage(), e);
        }
        // store exactly what the node saves after loading them (normalised by its SettingsModels)
        model = SettingsBridge.toConfig(h.saveSettings(), "model");
        m_nodes.add(new WfNode(id, factoryClass, nodeName(factory), KnimeNodes.Bundles.DEEPCLEM, model,
            NodePorts.out(h.model()).length, x, y, comment));
        return id;
    }

    private static void set(final KnimeConfig model, final String factory, final String path, final Object value) {
        // "a/b" addresses key b in sub-config a (e.g. a SettingsModelFilterString's include list)
        String[] parts = path.split("/");
        KnimeConfig c = model;
        for (int i = 0; i < parts.length - 1; i++) {
            c = c.getConfig(parts[i]);
        }
        String key = parts[parts.length - 1];
        if (!c.has(key)) {
            throw new IllegalArgumentException(factory + " has no setting \"" + path + "\"; its settings: "
                + model.keys());
        }
        if (value instanceof String[] arr) {
            c.strings(key, arr);
            return;
        }
        String type = c.getEntry(key).type();
        String expected;
        if (value instanceof String) {
            expected = "xstring";
        } else if (value instanceof Integer) {
            expected = "xint";
        } else if (value instanceof Double) {
            expected = "xdouble";
        } else if (value instanceof Boolean) {
            expected = "xboolean";
        } else {
            throw new IllegalArgumentException("unsupported setting value " + value);
        }
        if (!type.equals(expected)) {
            throw new IllegalArgumentException(factory + " setting \"" + path + "\" is " + type + ", not " + expected);
        }
        c.entry(key, type, value.toString());
    }

    void connect(final int source, final int sourcePort, final int dest, final int destPort) {
        m_connections.add(new Connection(source, sourcePort, dest, destPort));
    }

    /** Ships {@code content} in the workflow folder at {@code path} (e.g. data/EM.png). */
    void data(final String path, final byte[] content) {
        m_data.put(path, content);
    }

    Workflow build() {
        return new Workflow(m_name, m_description, m_annotation, m_nodes, m_connections, m_data);
    }

    @SuppressWarnings("unchecked")
    static NodeFactory<? extends NodeModel> factory(final String factoryClass) {
        try {
            return (NodeFactory<? extends NodeModel>)Class.forName(factoryClass).getDeclaredConstructor()
                .newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("node factory " + factoryClass + " is not available: " + e, e);
        }
    }

    /** The node name from the factory's description XML ({@code <Factory>.xml} next to the class). */
    static String nodeName(final NodeFactory<?> factory) {
        Class<?> c = factory.getClass();
        String xml = c.getSimpleName() + ".xml";
        try (InputStream in = c.getResourceAsStream(xml)) {
            if (in == null) {
                throw new IllegalStateException(c.getName() + " has no node description " + xml);
            }
            var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
            return doc.getElementsByTagName("name").item(0).getTextContent().trim();
        } catch (IOException | javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException e) {
            throw new IllegalStateException("cannot read " + xml + " of " + c.getName() + ": " + e.getMessage(), e);
        }
    }
}
