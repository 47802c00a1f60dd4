package org.knime.deepclem.workflows;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.NodeHarness;
import org.knime.core.node.NodeModel;
import org.knime.core.node.NodePorts;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.port.PortType;
import org.knime.deepclem.nodes.TestImages;
import org.knime.deepclem.workflows.Workflow.Connection;
import org.knime.deepclem.workflows.Workflow.Parsed;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The workflow check: every shipped workflow (folder and .knwf) parses as KNIME AP 5.x stores it, equals the
 * generator's output, names only resolvable node factories (ours: class and plugin.xml; KNIME/KNIP: the documented
 * {@link KnimeNodes} list), connects ports that exist and fit, and runs end to end through the stand-in with the
 * settings stored in it, on the data shipped in it.
 */
class WorkflowFilesTest {

    private static Path root;

    private static Path workflowsDir;

    @BeforeAll
    static void locate() throws IOException {
        root = TestImages.root();
        workflowsDir = root.resolve("workflows");
        if (Boolean.getBoolean("workflows.regenerate")) {
            new WorkflowGenerator(root).writeAll(workflowsDir);
        }
    }

    /** Shipped workflow folders (a folder with workflow.knime). */
    private static List<Path> folders() throws IOException {
        try (Stream<Path> s = Files.list(workflowsDir)) {
            return s.filter(p -> Files.isRegularFile(p.resolve("workflow.knime"))).sorted().toList();
        }
    }

    private static Map<String, Parsed> shipped() throws IOException {
        Map<String, Parsed> out = new TreeMap<>();
        for (Path f : folders()) {
            out.put(f.getFileName().toString(), Workflow.parse(Workflow.readFolder(f), f.toString()));
        }
        return out;
    }

    private static Set<String> ourNodesAvailable() {
        Set<String> missing = new HashSet<>();
        for (String f : List.of(WorkflowGenerator.PREPROCESS, WorkflowGenerator.PREDICT, WorkflowGenerator.REGISTER,
            WorkflowGenerator.APPLY, WorkflowGenerator.LEARN)) {
            try {
                Class.forName(f);
            } catch (ClassNotFoundException e) {
                missing.add(f);
            }
        }
        return missing;
    }

    /** The shipped workflows predict with the bundled default model; without it the predictor refuses them. */
    private static void assumeBundledModel() {
        Assumptions.assumeTrue(org.knime.deepclem.engine.predict.VirtualChromatinModel.class
            .getResource(org.knime.deepclem.engine.predict.VirtualChromatinModel.DEFAULT_MODEL_RESOURCE) != null,
            "no bundled default model yet (the workflows predict with it)");
    }

    @Test
    void threeWorkflowsAreShippedAsFolderAndArchive() throws IOException {
        List<String> names = folders().stream().map(p -> p.getFileName().toString()).toList();
        assertEquals(List.of("DeepCLEM_Batch_Registration", "DeepCLEM_Demo", "DeepCLEM_Train_Network"), names);
        assertTrue(Files.isRegularFile(workflowsDir.resolve("workflowset.meta")), "workflow group metadata");
        for (String n : names) {
            Path knwf = workflowsDir.resolve(n + ".knwf");
            assertTrue(Files.isRegularFile(knwf), knwf + " missing");
            Map<String, byte[]> folder = Workflow.readFolder(workflowsDir.resolve(n));
            Map<String, byte[]> archive;
            try (InputStream in = Files.newInputStream(knwf)) {
                archive = Workflow.readKnwf(in, knwf.toString());
            }
            assertEquals(folder.keySet(), archive.keySet(), n + ": archive and folder hold other files");
            folder.forEach((k, v) -> assertArrayEquals(v, archive.get(k), n + ".knwf differs in " + k));
            assertTrue(folder.keySet().stream().anyMatch(k -> k.startsWith("data/") && k.endsWith(".png")),
                n + " ships its images in data/");
        }
    }

    @Test
    void committedFilesEqualTheGeneratorOutput() throws IOException {
        Set<String> missing = ourNodesAvailable();
        Assumptions.assumeTrue(missing.isEmpty(), "nodes not merged yet: " + missing);
        assumeBundledModel();
        for (Workflow w : new WorkflowGenerator(root).all()) {
            Path dir = workflowsDir.resolve(w.name());
            Map<String, byte[]> expected = w.files();
            Map<String, byte[]> actual = Workflow.readFolder(dir);
            assertEquals(expected.keySet(), actual.keySet(), w.name() + ": regenerate the workflows (see "
                + "WorkflowGenerator javadoc)");
            expected.forEach((k, v) -> assertArrayEquals(v, actual.get(k), w.name() + "/" + k
                + " differs from the generator's output; regenerate (see WorkflowGenerator javadoc)"));
            assertArrayEquals(w.knwf(), Files.readAllBytes(workflowsDir.resolve(w.name() + ".knwf")),
                w.name() + ".knwf differs from the generator's output");
        }
    }

    @Test
    void everyNodeHasTheKeysKnimeReadsAndAResolvableFactory() throws Exception {
        Set<String> registered = pluginXmlFactories();
        for (Map.Entry<String, Parsed> wf : shipped().entrySet()) {
            assertEquals(Workflow.FORMAT_VERSION, wf.getValue().workflowKnime().getString("version"));
            String createdBy = wf.getValue().workflowKnime().getString("created_by");
            assertTrue(createdBy.startsWith("5."), "created_by must be a 5.x release: " + createdBy);
            assertFalse(wf.getValue().workflowKnime().getBoolean("created_by_nightly"));
            for (Parsed.Node n : wf.getValue().nodes()) {
                String where = wf.getKey() + " node #" + n.id();
                KnimeConfig s = n.settings();
                for (String key : List.of("factory", "node-name", "node-bundle-name", "node-bundle-symbolic-name",
                    "node-bundle-vendor", "internal_node_subsettings", "model", "node_file", "flow_stack", "state",
                    "hasContent", "ports", "filestores")) {
                    assertTrue(s.has(key), where + " lacks settings key " + key);
                }
                assertTrue(n.settingsFile().equals(s.getString("name") + " (#" + n.id() + ")/settings.xml")
                    || n.settingsFile().endsWith("(#" + n.id() + ")/settings.xml"), where + ": " + n.settingsFile());
                KnimeNodes knime = KnimeNodes.byFactory(n.factory());
                if (knime != null) {
                    assertEquals(knime.origin().bundleSymbolicName(), s.getString("node-bundle-symbolic-name"), where);
                    for (String key : knime.requiredKeys()) {
                        assertTrue(n.model().has(key), where + " (" + knime.nodeName() + ") lacks model key " + key
                            + " (" + knime.source() + ")");
                    }
                    assertEquals(knime.nrOutPorts(), n.nrOutPortsStored(), where + " ports");
                } else {
                    assertTrue(n.factory().startsWith("org.knime.deepclem.nodes."), where + ": unknown factory "
                        + n.factory() + "; add KNIME/KNIP nodes to KnimeNodes with their source");
                    assertTrue(registered.contains(n.factory()), where + ": " + n.factory() + " not in plugin.xml");
                    assertEquals("org.knime.deepclem", s.getString("node-bundle-symbolic-name"), where);
                    assumeBundledModel();
                    NodeHarness h = new NodeHarness(WorkflowBuilder.factory(n.factory()));
                    NodeSettings stored = SettingsBridge.toSettings(n.model());
                    h.loadSettings(stored); // validateSettings + load: the node accepts what the workflow stores
                    assertEquals(n.model(), SettingsBridge.toConfig(h.saveSettings(), "model"),
                        where + ": stored settings are not what the node saves");
                    assertEquals(NodePorts.out(h.model()).length, n.nrOutPortsStored(), where + " ports");
                }
            }
        }
    }

    @Test
    void connectionsJoinExistingCompatiblePorts() throws Exception {
        for (Map.Entry<String, Parsed> wf : shipped().entrySet()) {
            Map<Integer, PortType[]> in = new HashMap<>(), out = new HashMap<>();
            for (Parsed.Node n : wf.getValue().nodes()) {
                KnimeNodes knime = KnimeNodes.byFactory(n.factory());
                if (knime != null) { // KNIME/KNIP nodes used here have data-table ports only
                    in.put(n.id(), tables(knime.nrInPorts()));
                    out.put(n.id(), tables(knime.nrOutPorts()));
                } else {
                    NodeModel m = WorkflowBuilder.factory(n.factory()).createNodeModel();
                    in.put(n.id(), NodePorts.in(m));
                    out.put(n.id(), NodePorts.out(m));
                }
            }
            Set<String> fed = new HashSet<>();
            for (Connection c : wf.getValue().connections()) {
                String where = wf.getKey() + " " + c;
                assertTrue(out.containsKey(c.source()) && in.containsKey(c.dest()), where + ": unknown node");
                assertTrue(c.sourcePort() >= 1 && c.sourcePort() <= out.get(c.source()).length,
                    where + ": node #" + c.source() + " has " + out.get(c.source()).length + " data out-ports");
                assertTrue(c.destPort() >= 1 && c.destPort() <= in.get(c.dest()).length,
                    where + ": node #" + c.dest() + " has " + in.get(c.dest()).length + " data in-ports");
                PortType from = out.get(c.source())[c.sourcePort() - 1], to = in.get(c.dest())[c.destPort() - 1];
                assertTrue(to.isSuperTypeOf(from), where + ": " + from.getPortObjectClass().getSimpleName()
                    + " does not fit " + to.getPortObjectClass().getSimpleName());
                assertTrue(fed.add(c.dest() + ":" + c.destPort()), where + ": in-port connected twice");
            }
            in.forEach((id, ports) -> {
                for (int p = 1; p <= ports.length; p++) {
                    if (!ports[p - 1].isOptional()) {
                        assertTrue(fed.contains(id + ":" + p), wf.getKey() + " node #" + id + " in-port " + p
                            + " is not connected");
                    }
                }
            });
        }
    }

    @Test
    void shippedWorkflowsRunThroughTheStandInWithTheirStoredSettings() throws Exception {
        assumeBundledModel();
        Map<String, Parsed> wfs = shipped();

        // demo: one pair; the channel of interest lands in the EM frame (EM size), registration judged ok
        Path demo = workflowsDir.resolve("DeepCLEM_Demo");
        Map<Integer, BufferedDataTable[]> out = new WorkflowRunner(demo, wfs.get("DeepCLEM_Demo")).run();
        BufferedDataTable transforms = out.get(7)[0];
        assertEquals(1, transforms.size());
        var t = transforms.iterator().next();
        var spec = transforms.getDataTableSpec();
        assertEquals("Row0", t.getKey().getString(), "row IDs flow from the Table Creator");
        // the bundled model registers the demo: the workflow must give the transform of `deepclem register`
        assertEquals("ok", cell(t, spec, "verdict"), cell(t, spec, "reason"));
        var fromWorkflow = new org.knime.deepclem.engine.transform.Affine2D(
            Double.parseDouble(cell(t, spec, "a")), Double.parseDouble(cell(t, spec, "b")),
            Double.parseDouble(cell(t, spec, "tx")), Double.parseDouble(cell(t, spec, "c")),
            Double.parseDouble(cell(t, spec, "d")), Double.parseDouble(cell(t, spec, "ty")));
        Path cliOut = java.nio.file.Files.createTempDirectory("deepclem-demo-cli");
        Path data = org.knime.deepclem.engine.io.RepoData.file("example");
        assertEquals(0, org.knime.deepclem.cli.Main.run("register", "--em", data.resolve("EM.png").toString(), "--lm",
            data.resolve("Chromatin.png").toString(), "--out", cliOut.toString()));
        var fromCli = org.knime.deepclem.engine.transform.TransformFiles.read(cliOut.resolve("transform.json"))
            .result().movingToFixed();
        double rms = fromWorkflow.rmsDistance(fromCli, 1002, 530, 16);
        assertTrue(rms < 0.5, "workflow vs deepclem register: " + rms + " px RMS over the EM frame");
        assertEquals(List.of("Registered chromatin", "Overlay"), imageColumns(out.get(7)[1]));
        BufferedDataTable applied = out.get(8)[0];
        int col = applied.getDataTableSpec().findColumnIndex("Image Channel (EM frame)");
        assertTrue(col >= 0, "apply output " + List.of(applied.getDataTableSpec().getColumnNames()));
        var appliedCell = applied.iterator().next().getCell(col);
        long[] dims = ((org.knime.knip.base.data.img.ImgPlusValue<?>)appliedCell).getDimensions();
        assertEquals(1002, dims[0], "EM width");
        assertEquals(530, dims[1], "EM height");

        // batch: one quality row per pair, same row IDs; the shipped pairs are hand-registered, so an ok
        // transform must be close to the identity
        Path batch = workflowsDir.resolve("DeepCLEM_Batch_Registration");
        out = new WorkflowRunner(batch, wfs.get("DeepCLEM_Batch_Registration")).run();
        transforms = out.get(5)[0];
        spec = transforms.getDataTableSpec();
        List<String> keys = new ArrayList<>();
        int ok = 0;
        for (var row : transforms) {
            keys.add(row.getKey().getString());
            String verdict = cell(row, spec, "verdict");
            assertTrue(List.of("ok", "failed").contains(verdict), verdict);
            if (verdict.equals("ok")) {
                ok++;
                assertEquals(1.0, Double.parseDouble(cell(row, spec, "scale")), 0.05, row.getKey().getString());
                assertEquals(0.0, Double.parseDouble(cell(row, spec, "rotation (deg)")), 2.0, row.getKey().getString());
                assertEquals(0.0, Double.parseDouble(cell(row, spec, "tx")), 15.0, row.getKey().getString());
                assertEquals(0.0, Double.parseDouble(cell(row, spec, "ty")), 15.0, row.getKey().getString());
            } else {
                assertFalse(cell(row, spec, "reason").isBlank(), "a failed pair says why");
            }
        }
        assertEquals(List.of("Row0", "Row1", "Row2"), keys);
        assertTrue(ok >= 1, ok + " of 3 hand-registered pairs registered");

        // training: the stored learner settings train on the three pairs; model file and steps overridden for a
        // quick run, as the batch executor's -option does
        Path training = workflowsDir.resolve("DeepCLEM_Train_Network");
        Path model = Files.createTempDirectory("deepclem-wf").resolve("model.zip");
        out = new WorkflowRunner(training, wfs.get("DeepCLEM_Train_Network"))
            .option(4, "output_path", "xstring", model.toString()).option(4, "steps", "xint", "4")
            .option(4, "validate_every", "xint", "2").run();
        assertTrue(Files.size(model) > 1000, "model zip written");
        BufferedDataTable modelRow = out.get(4)[0];
        assertEquals(1, modelRow.size());
        var m = modelRow.iterator().next();
        var ms = modelRow.getDataTableSpec();
        assertEquals(model.toString(), cell(m, ms, "Model file"));
        assertEquals("3", cell(m, ms, "Pairs"), "the three shipped pairs");
        assertEquals("4", cell(m, ms, "Steps done"));
        assertTrue(out.get(4)[1].size() >= 1, "loss curve");
    }

    private static String cell(final org.knime.core.data.DataRow row, final org.knime.core.data.DataTableSpec spec,
        final String column) {
        int i = spec.findColumnIndex(column);
        assertTrue(i >= 0, "no column " + column + " in " + List.of(spec.getColumnNames()));
        return row.getCell(i).toString();
    }

    private static PortType[] tables(final int n) {
        PortType[] t = new PortType[n];
        java.util.Arrays.fill(t, BufferedDataTable.TYPE);
        return t;
    }

    @Test
    void archivesAreRejectedWhenTheyHoldMoreThanOneWorkflow() throws IOException {
        var bytes = new java.io.ByteArrayOutputStream();
        try (var zip = new java.util.zip.ZipOutputStream(bytes)) {
            for (String name : List.of("A/workflow.knime", "B/workflow.knime")) {
                zip.putNextEntry(new java.util.zip.ZipEntry(name));
                zip.write("x".getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        IOException e = assertThrows(IOException.class,
            () -> Workflow.readKnwf(new ByteArrayInputStream(bytes.toByteArray()), "two.knwf"));
        assertTrue(e.getMessage().contains("more than one top-level folder"), e.getMessage());
    }

    @Test
    void configXmlRoundTripsKnimeEscapes() throws IOException {
        KnimeConfig c = new KnimeConfig("settings.xml");
        c.string("text", "line 1\nline \"2\" <&>").string("none", null).integer("n", 3);
        c.config("sub").strings("list", "a", "b");
        String xml = new String(c.toXml(), StandardCharsets.UTF_8);
        assertTrue(xml.contains("value=\"line 1%%00010line &quot;2&quot; &lt;&amp;&gt;\""), xml);
        assertTrue(xml.contains("<entry key=\"none\" type=\"xstring\" isnull=\"true\" value=\"\"/>"), xml);
        KnimeConfig back = KnimeConfig.read(c.toXml(), "test");
        assertEquals(c, back);
        assertEquals(List.of("a", "b"), back.getConfig("sub").getStrings("list"));
        assertEquals("line 1\nline \"2\" <&>", back.getString("text"));
    }

    /** Factory classes registered in plugin.xml (KNIME loads only those). */
    private static Set<String> pluginXmlFactories() throws Exception {
        var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
            .parse(root.resolve("org.knime.deepclem/plugin.xml").toFile());
        Set<String> out = new HashSet<>();
        NodeList nodes = doc.getElementsByTagName("node");
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add(((Element)nodes.item(i)).getAttribute("factory-class"));
        }
        return out;
    }

    static List<String> imageColumns(final BufferedDataTable t) {
        List<String> out = new ArrayList<>();
        t.getDataTableSpec().stream()
            .filter(c -> c.getType().isCompatible(org.knime.knip.base.data.img.ImgPlusValue.class))
            .forEach(c -> out.add(c.getName()));
        return out;
    }

    static void assertRan(final Map<Integer, BufferedDataTable[]> outputs, final int node) {
        assertNotNull(outputs.get(node), "node #" + node + " did not run");
        if (outputs.get(node).length > 0 && outputs.get(node)[0].size() == 0) {
            fail("node #" + node + " produced an empty table");
        }
    }
}
