package org.knime.deepclem.workflows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * A KNIME workflow in its on-disk form (KNIME AP 5.x): {@code workflow.knime}, one {@code Name (#id)/settings.xml}
 * per node, {@code workflowset.meta}, {@code workflow-metadata.xml}, plus data files shipped in the workflow folder.
 * Builds the files of a workflow, and parses them back from a folder or a {@code .knwf} archive.
 */
public final class Workflow {

    /** Who made a node: the bundle and feature keys of settings.xml (KNIME offers to install what is missing). */
    public record Origin(String bundleSymbolicName, String bundleName, String vendor, String bundleVersion,
        String featureSymbolicName, String featureName, String featureVersion) {
    }

    /** A native node: factory, display name, model settings, data out-port count, position in the editor. */
    public record WfNode(int id, String factory, String name, Origin origin, KnimeConfig model, int nrOutPorts,
        int x, int y, String comment) {

        /** The node's folder, as KNIME names it. */
        public String folder() {
            return name.replaceAll("[^\\w ()\\-]", "_") + " (#" + id + ")";
        }
    }

    /** A connection; ports are numbered as in workflow.knime, where 1 is the first data port (0 = flow variables). */
    public record Connection(int source, int sourcePort, int dest, int destPort) {
    }

    /** KNIME AP version written as created_by: 5.4.0, the oldest AP this extension supports. */
    static final String CREATED_BY = "5.4.0.v202411281500";

    /** Workflow format version (knime-shared LoadVersion, newest in 5.x). */
    static final String FORMAT_VERSION = "5.1.0";

    /** A fixed time stamp, so that generated files are reproducible. */
    static final String TIMESTAMP = "2026-11-28 12:00:00 +0000";

    private final String m_name;

    private final String m_description;

    private final List<String> m_annotation;

    private final List<WfNode> m_nodes;

    private final List<Connection> m_connections;

    private final Map<String, byte[]> m_dataFiles;

    public Workflow(final String name, final String description, final List<String> annotation,
        final List<WfNode> nodes, final List<Connection> connections, final Map<String, byte[]> dataFiles) {
        m_name = name;
        m_description = description;
        m_annotation = List.copyOf(annotation);
        m_nodes = List.copyOf(nodes);
        m_connections = List.copyOf(connections);
        m_dataFiles = new TreeMap<>(dataFiles);
    }

    public String name() {
        return m_name;
    }

    public String description() {
        return m_description;
    }

    public List<WfNode> nodes() {
        return m_nodes;
    }

    public List<Connection> connections() {
        return m_connections;
    }

    /** Data files, by path relative to the workflow folder (e.g. {@code data/EM.png}). */
    public Map<String, byte[]> dataFiles() {
        return m_dataFiles;
    }

    public WfNode node(final int id) {
        return m_nodes.stream().filter(n -> n.id() == id).findFirst()
            .orElseThrow(() -> new IllegalArgumentException("workflow " + m_name + " has no node #" + id));
    }

    // ------------------------------------------------------------------------------------------- writing

    /** Every file of the workflow folder, by relative path, as KNIME would have saved it (not executed). */
    public Map<String, byte[]> files() {
        Map<String, byte[]> files = new TreeMap<>(m_dataFiles);
        files.put("workflow.knime", workflowKnime().toXml());
        for (WfNode n : m_nodes) {
            files.put(n.folder() + "/settings.xml", nodeSettings(n).toXml());
        }
        files.put("workflowset.meta", workflowsetMeta().getBytes(StandardCharsets.UTF_8));
        files.put("workflow-metadata.xml", workflowMetadata().getBytes(StandardCharsets.UTF_8));
        return files;
    }

    private KnimeConfig workflowKnime() {
        KnimeConfig wf = new KnimeConfig("workflow.knime");
        wf.string("created_by", CREATED_BY).bool("created_by_nightly", false).string("version", FORMAT_VERSION)
            .string("name", null);
        wf.config("authorInformation").string("authored-by", "DeepCLEM for KNIME").string("authored-when", TIMESTAMP)
            .string("lastEdited-by", "DeepCLEM for KNIME").string("lastEdited-when", TIMESTAMP);
        wf.string("customDescription", null).string("state", "IDLE");
        wf.config("workflow_credentials");
        KnimeConfig annotations = wf.config("annotations");
        String text = String.join("\n", m_annotation);
        KnimeConfig a = annotations.config("annotation_0");
        a.string("text", text).string("contentType", "text/plain").integer("bgcolor", 16777215)
            .integer("x-coordinate", 20).integer("y-coordinate", 20).integer("width", 760)
            .integer("height", 24 + 16 * m_annotation.size()).string("alignment", "LEFT").integer("borderSize", 10)
            .integer("borderColor", 16766976).integer("defFontSize", 11).integer("annotation-version", 20230412);
        a.config("styles");
        KnimeConfig nodes = wf.config("nodes");
        for (WfNode n : m_nodes) {
            KnimeConfig c = nodes.config("node_" + n.id());
            c.integer("id", n.id()).string("node_settings_file", n.folder() + "/settings.xml")
                .bool("node_is_meta", false).string("node_type", "NativeNode")
                .string("ui_classname", "org.knime.core.node.workflow.NodeUIInformation");
            c.config("ui_settings").ints("extrainfo.node.bounds", n.x(), n.y(), 76, 76);
        }
        KnimeConfig conns = wf.config("connections");
        for (int i = 0; i < m_connections.size(); i++) {
            Connection k = m_connections.get(i);
            KnimeConfig c = conns.config("connection_" + i);
            c.integer("sourceID", k.source()).integer("destID", k.dest()).integer("sourcePort", k.sourcePort())
                .integer("destPort", k.destPort())
                .string("ui_classname", "org.knime.core.node.workflow.ConnectionUIInformation");
            c.config("ui_settings").integer("extrainfo.conn.bendpoints_size", 0);
        }
        wf.config("workflow_editor_settings").bool("workflow.editor.snapToGrid", true)
            .bool("workflow.editor.ShowGrid", false).integer("workflow.editor.gridX", 20)
            .integer("workflow.editor.gridY", 20).decimal("workflow.editor.zoomLevel", 1.0)
            .bool("workflow.editor.curvedConnections", true).integer("workflow.editor.connectionWidth", 2);
        return wf;
    }

    private static KnimeConfig nodeSettings(final WfNode n) {
        KnimeConfig s = new KnimeConfig("settings.xml");
        s.string("node_file", "settings.xml");
        s.config("flow_stack");
        s.config("internal_node_subsettings").string("memory_policy", "CacheSmallInMemory");
        KnimeConfig model = new KnimeConfig("model");
        n.model().keys().forEach(k -> copy(n.model(), k, model));
        s.put(model);
        s.string("customDescription", n.comment()).string("state", "IDLE").string("factory", n.factory())
            .string("node-name", n.name());
        Origin o = n.origin();
        s.string("node-bundle-name", o.bundleName()).string("node-bundle-symbolic-name", o.bundleSymbolicName())
            .string("node-bundle-vendor", o.vendor()).string("node-bundle-version", o.bundleVersion())
            .string("node-feature-name", o.featureName()).string("node-feature-symbolic-name", o.featureSymbolicName())
            .string("node-feature-vendor", o.vendor()).string("node-feature-version", o.featureVersion());
        s.config("factory_settings");
        s.string("name", n.name()).bool("hasContent", false).bool("isInactive", false);
        KnimeConfig ports = s.config("ports");
        for (int p = 1; p <= n.nrOutPorts(); p++) {
            ports.config("port_" + p).integer("index", p).string("port_dir_location", null);
        }
        s.config("filestores").string("file_store_location", null).string("file_store_id", null);
        return s;
    }

    private static void copy(final KnimeConfig from, final String key, final KnimeConfig to) {
        if (from.isConfig(key)) {
            to.put(from.getConfig(key));
        } else {
            KnimeConfig.Entry e = from.getEntry(key);
            to.entry(key, e.type(), e.value());
        }
    }

    private String workflowsetMeta() {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<!--This file is auto-generated and is overwritten each time the workflow is saved.\n"
            + "    The metadata have moved to the `workflow-metadata.xml` file.-->\n"
            + "<KNIMEMetaInfo nrOfElements=\"2\" xmlns=\"http://www.knime.org/2.9/metainfo\">\n"
            + "    <element form=\"multiline\" name=\"Comments\" read-only=\"false\">" + xmlText(m_description)
            + "</element>\n" + "    <element form=\"text\" name=\"Last Edited\" read-only=\"true\">" + TIMESTAMP
            + "</element>\n" + "</KNIMEMetaInfo>";
    }

    private String workflowMetadata() {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<workflow-metadata content-type=\"text/plain\" xmlns=\"http://www.knime.org/core/node/workflow/metadata/v1.0\">\n"
            + "    <last-modified>2026-11-28T12:00:00.000Z</last-modified>\n" + "    <description>"
            + xmlText(m_description) + "</description>\n" + "</workflow-metadata>";
    }

    private static String xmlText(final String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Writes the workflow folder {@code dir} (created; files inside replaced). */
    public void writeFolder(final Path dir) throws IOException {
        for (Map.Entry<String, byte[]> f : files().entrySet()) {
            Path p = dir.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.write(p, f.getValue());
        }
    }

    /** The {@code .knwf} archive: a zip whose single top-level entry is the workflow folder. Reproducible bytes. */
    public byte[] knwf() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.setLevel(9);
            List<String> dirs = new ArrayList<>();
            for (Map.Entry<String, byte[]> f : files().entrySet()) {
                String path = m_name + "/" + f.getKey();
                for (int i = path.indexOf('/'); i >= 0; i = path.indexOf('/', i + 1)) {
                    String d = path.substring(0, i + 1);
                    if (!dirs.contains(d)) {
                        dirs.add(d);
                        zip.putNextEntry(fixedTime(new ZipEntry(d)));
                        zip.closeEntry();
                    }
                }
                zip.putNextEntry(fixedTime(new ZipEntry(path)));
                zip.write(f.getValue());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static ZipEntry fixedTime(final ZipEntry e) {
        // a fixed local time (no time zone in zip entries), so the archive is the same on every run
        e.setTimeLocal(java.time.LocalDateTime.of(2026, 11, 28, 12, 0));
        return e;
    }

    // ------------------------------------------------------------------------------------------- reading

    /** The files of a workflow folder, by relative path ('/' separators). */
    public static Map<String, byte[]> readFolder(final Path dir) throws IOException {
        if (!Files.isRegularFile(dir.resolve("workflow.knime"))) {
            throw new IOException(dir + " is no KNIME workflow folder (no workflow.knime)");
        }
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(dir.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
            }
        }
        return files;
    }

    /** The files of a .knwf archive, relative to its single top-level folder (as KNIME's import unpacks it). */
    public static Map<String, byte[]> readKnwf(final InputStream in, final String what) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        String top = null;
        try (ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null;) {
                String name = e.getName();
                int slash = name.indexOf('/');
                if (slash < 0) {
                    throw new IOException(what + ": entry \"" + name + "\" is outside the workflow folder");
                }
                String t = name.substring(0, slash);
                if (top != null && !top.equals(t)) {
                    throw new IOException(what + " holds more than one top-level folder: " + top + ", " + t);
                }
                top = t;
                if (!e.isDirectory()) {
                    files.put(name.substring(slash + 1), zip.readAllBytes());
                }
            }
        }
        if (!files.containsKey("workflow.knime")) {
            throw new IOException(what + " has no " + top + "/workflow.knime");
        }
        return files;
    }

    /** Parses workflow.knime and every node's settings.xml of {@code files} (as read by readFolder/readKnwf). */
    public static Parsed parse(final Map<String, byte[]> files, final String what) throws IOException {
        KnimeConfig wf = KnimeConfig.read(files.get("workflow.knime"), what + "/workflow.knime");
        List<Parsed.Node> nodes = new ArrayList<>();
        for (KnimeConfig n : wf.getConfig("nodes").children()) {
            String settingsFile = n.getString("node_settings_file");
            if (!"NativeNode".equals(n.getString("node_type"))) {
                throw new IOException(what + ": node #" + n.getInt("id") + " is a " + n.getString("node_type")
                    + "; only native nodes are expected in the shipped workflows");
            }
            byte[] xml = files.get(settingsFile);
            if (xml == null) {
                throw new IOException(what + ": node #" + n.getInt("id") + " points to " + settingsFile
                    + ", which is missing");
            }
            nodes.add(new Parsed.Node(n.getInt("id"), settingsFile,
                KnimeConfig.read(xml, what + "/" + settingsFile)));
        }
        List<Connection> conns = new ArrayList<>();
        for (KnimeConfig c : wf.getConfig("connections").children()) {
            conns.add(new Connection(c.getInt("sourceID"), c.getInt("sourcePort"), c.getInt("destID"),
                c.getInt("destPort")));
        }
        return new Parsed(wf, nodes, conns);
    }

    /** A parsed workflow: the workflow.knime config, each node's settings.xml, the connections. */
    public record Parsed(KnimeConfig workflowKnime, List<Node> nodes, List<Connection> connections) {

        /** A node as stored: its settings.xml config. */
        public record Node(int id, String settingsFile, KnimeConfig settings) {

            public String factory() {
                return settings.getString("factory");
            }

            public KnimeConfig model() {
                return settings.getConfig("model");
            }

            public int nrOutPortsStored() {
                return settings.getConfig("ports").children().size();
            }
        }

        public Node node(final int id) {
            return nodes.stream().filter(n -> n.id() == id).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no node #" + id));
        }
    }
}
