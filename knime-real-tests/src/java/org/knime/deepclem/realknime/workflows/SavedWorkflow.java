package org.knime.deepclem.realknime.workflows;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.Manifest;

import javax.xml.parsers.DocumentBuilderFactory;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.config.Config;
import org.w3c.dom.Element;

/**
 * A workflow folder as KNIME's WorkflowManager saved it in the kit, completed with what KNIME AP writes when the
 * extensions are installed and that a plain class path cannot know. Every change is read and written with KNIME's
 * own settings code (NodeSettings.loadFromXML / saveToXML):
 * <ul>
 * <li>node-bundle-* and node-feature-* of our nodes (KNIME takes them from the installed bundle; without OSGi it
 * writes nulls), from org.knime.deepclem/META-INF/MANIFEST.MF and the feature's feature.xml;</li>
 * <li>the node name and folder of a KNIME/KNIP node, which KNIME saves as "MISSING &lt;name&gt;" while the extension
 * is not installed;</li>
 * <li>the factory-id-uniquifier KNIME writes for the placeholder (a ParameterizedNodeFactory) but not for a plain
 * NodeFactory (FileNativeNodeContainerPersistor.saveNodeFactory);</li>
 * <li>created_by: KNIME refuses to load a workflow "created with a future version", comparing build qualifiers too
 * (WorkflowLoadHelper l.356-377, Version.compareTo), and the kit's qualifier need not match a released build's;
 * the release number alone (5.4.0) sorts before every 5.4.0 build;</li>
 * <li>the author and dates in workflow.knime (KNIME writes the user and the save time), and the .savedWithData
 * marker, which only an ordinary save writes, not an export.</li>
 * </ul>
 */
final class SavedWorkflow {

    private static final String MISSING = "MISSING ";

    /** As KNIME's AuthorInformation writes dates in workflow.knime. */
    private static final DateTimeFormatter KNIME_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss Z");

    private final Path m_dir;

    SavedWorkflow(final Path dir) {
        m_dir = dir;
    }

    void complete(final List<ThirdPartyNode> thirdParty, final Path root, final String author,
        final ZonedDateTime date) throws IOException, InvalidSettingsException {
        Origin ours = deepclemOrigin(root);
        NodeSettings workflow = load(m_dir.resolve("workflow.knime"));
        String createdBy = workflow.getString("created_by");
        workflow.addString("created_by", createdBy.substring(0, createdBy.indexOf(".v") < 0 ? createdBy.length()
            : createdBy.indexOf(".v")));
        Config authorInfo = workflow.getConfig("authorInformation");
        authorInfo.addString("authored-by", author);
        authorInfo.addString("authored-when", KNIME_DATE.format(date));
        authorInfo.addString("lastEdited-by", author);
        authorInfo.addString("lastEdited-when", KNIME_DATE.format(date));
        Config nodes = workflow.getConfig("nodes");
        for (String key : nodes.keySet()) {
            Config node = nodes.getConfig(key);
            String file = node.getString("node_settings_file");
            Path settingsFile = m_dir.resolve(file);
            NodeSettings settings = load(settingsFile);
            String factory = settings.getString("factory");
            if (factory.startsWith("org.knime.deepclem.")) {
                ours.saveTo(settings, factory, settings.getString("node-name"));
            } else {
                ThirdPartyNode node3 = thirdParty.stream().filter(t -> t.factory().equals(factory)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("unexpected node " + factory + " in " + file));
                settings.addString("name", node3.nodeName());
                if (!node3.parameterized()) {
                    settings.removeConfig("factory-id-uniquifier");
                }
                String folder = settingsFile.getParent().getFileName().toString();
                if (folder.startsWith(MISSING)) {
                    Path renamed = settingsFile.getParent().resolveSibling(folder.substring(MISSING.length()));
                    Files.move(settingsFile.getParent(), renamed);
                    settingsFile = renamed.resolve(settingsFile.getFileName());
                    node.addString("node_settings_file", m_dir.relativize(settingsFile).toString());
                }
            }
            save(settings, settingsFile);
        }
        save(workflow, m_dir.resolve("workflow.knime"));
        Files.deleteIfExists(m_dir.resolve(".savedWithData"));
    }

    static NodeSettings load(final Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return (NodeSettings)NodeSettings.loadFromXML(in);
        }
    }

    private static void save(final NodeSettingsRO settings, final Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            settings.saveToXML(out);
        }
    }

    /** Our bundle and feature as KNIME AP would record them (release versions, without the build qualifier). */
    static Origin deepclemOrigin(final Path root) throws IOException {
        Attributes m;
        try (InputStream in = Files.newInputStream(root.resolve("org.knime.deepclem/META-INF/MANIFEST.MF"))) {
            m = new Manifest(in).getMainAttributes();
        }
        Element f;
        try {
            f = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(root.resolve("org.knime.deepclem.feature/feature.xml").toFile()).getDocumentElement();
        } catch (Exception e) {
            throw new IOException("cannot read the feature.xml: " + e.getMessage(), e);
        }
        return new Origin(m.getValue("Bundle-SymbolicName").split(";")[0], m.getValue("Bundle-Name"),
            m.getValue("Bundle-Vendor"), release(m.getValue("Bundle-Version")), f.getAttribute("id") + ".feature.group",
            f.getAttribute("label"), f.getAttribute("provider-name"), release(f.getAttribute("version")));
    }

    private static String release(final String version) {
        return version.replace(".qualifier", "");
    }
}
