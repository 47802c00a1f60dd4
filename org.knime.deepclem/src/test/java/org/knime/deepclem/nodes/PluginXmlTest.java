package org.knime.deepclem.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeHarness;
import org.knime.core.node.NodeModel;
import org.knime.core.node.NodeSettings;
import org.knime.deepclem.nodes.common.OptionSet;
import org.knime.deepclem.nodes.common.SettingsNodeModel;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * plugin.xml registers every node; each factory loads, has a well-formed v4.1 description documenting every option
 * its dialog shows and every port, and a 16x16 PNG icon.
 */
class PluginXmlTest {

    private static final String NS = "http://knime.org/node/v4.1";

    private static final List<String> EXPECTED = List.of(
        "org.knime.deepclem.nodes.preprocess.EmPreprocessorNodeFactory",
        "org.knime.deepclem.nodes.predict.VirtualChromatinPredictorNodeFactory",
        "org.knime.deepclem.nodes.register.ClemRegistrationNodeFactory",
        "org.knime.deepclem.nodes.apply.ApplyClemTransformNodeFactory",
        "org.knime.deepclem.nodes.learn.ClemNetworkLearnerNodeFactory");

    private static Document parse(final InputStream in) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(in);
    }

    private static Document pluginXml() throws Exception {
        Path plugin = TestImages.root().resolve("org.knime.deepclem/plugin.xml");
        try (InputStream in = Files.newInputStream(plugin)) {
            return parse(in);
        }
    }

    @Test
    void categoryAndAllFiveNodesAreRegistered() throws Exception {
        Document doc = pluginXml();
        Element category = (Element)doc.getElementsByTagName("category").item(0);
        assertEquals("/community", category.getAttribute("path"));
        assertEquals("deepclem", category.getAttribute("level-id"));
        assertEquals("DeepCLEM", category.getAttribute("name"));
        assertIcon(TestImages.root().resolve("org.knime.deepclem").resolve(category.getAttribute("icon")).toUri()
            .toURL());
        NodeList nodes = doc.getElementsByTagName("node");
        List<String> factories = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            Element n = (Element)nodes.item(i);
            assertEquals("/community/deepclem", n.getAttribute("category-path"));
            factories.add(n.getAttribute("factory-class"));
        }
        assertEquals(EXPECTED, factories);
    }

    @Test
    void everyFactoryHasItsDescriptionIconAndDocumentsEveryOptionAndPort() throws Exception {
        for (String name : EXPECTED) {
            Class<?> c = Class.forName(name);
            assertTrue(NodeFactory.class.isAssignableFrom(c), name);
            NodeFactory<?> factory = (NodeFactory<?>)c.getDeclaredConstructor().newInstance();
            Document desc;
            try (InputStream in = c.getResourceAsStream(c.getSimpleName() + ".xml")) {
                assertNotNull(in, "description of " + name);
                desc = parse(in);
            }
            Element root = desc.getDocumentElement();
            assertEquals(NS, root.getNamespaceURI(), name);
            assertEquals("knimeNode", root.getLocalName());
            assertEquals(1, desc.getElementsByTagNameNS(NS, "intro").getLength(), name + " intro");
            assertFalse(factory.getNodeName().isBlank());
            assertIcon(factory.getIcon());

            NodeHarness h = new NodeHarness(factory);
            NodeModel model = h.model();
            OptionSet options = ((SettingsNodeModel<?>)model).options();
            Set<String> documented = new TreeSet<>();
            NodeList opts = desc.getElementsByTagNameNS(NS, "option");
            for (int i = 0; i < opts.getLength(); i++) {
                Element o = (Element)opts.item(i);
                assertTrue(documented.add(o.getAttribute("name")), name + ": option documented twice: "
                    + o.getAttribute("name"));
                assertFalse(o.getTextContent().isBlank(), name + ": empty description of " + o.getAttribute("name"));
            }
            Set<String> labels = new TreeSet<>();
            Set<String> keys = new HashSet<>();
            for (OptionSet.Option o : options.options()) {
                labels.add(o.label());
                keys.add(o.key());
            }
            assertEquals(labels, documented, name + ": dialog labels vs <option name>");
            NodeSettings saved = h.saveSettings();
            Set<String> internals = new TreeSet<>();
            keys.forEach(k -> internals.add(k + "_Internals")); // KNIME's SettingsModel writes one per option
            Set<String> expected = new TreeSet<>(keys);
            expected.addAll(internals);
            assertEquals(expected, new TreeSet<>(saved.keySet()), name + ": saved config keys vs options");

            assertEquals(h.inPorts(), desc.getElementsByTagNameNS(NS, "inPort").getLength(), name + " in-ports");
            assertEquals(h.outPorts(), desc.getElementsByTagNameNS(NS, "outPort").getLength(), name + " out-ports");
            assertTrue(factory.getType() != NodeFactory.NodeType.Unknown, name + " type");
        }
    }

    private static void assertFalse(final boolean b, final String... msg) {
        assertTrue(!b, msg.length == 0 ? "" : msg[0]);
    }

    private static void assertIcon(final URL icon) throws Exception {
        assertNotNull(icon, "icon");
        BufferedImage img = ImageIO.read(icon);
        assertNotNull(img, "icon is not an image: " + icon);
        assertEquals(16, img.getWidth(), icon.toString());
        assertEquals(16, img.getHeight(), icon.toString());
    }
}
