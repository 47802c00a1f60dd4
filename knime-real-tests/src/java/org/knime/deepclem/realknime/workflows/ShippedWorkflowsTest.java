package org.knime.deepclem.realknime.workflows;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.StringValue;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.KNIMEConstants;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.workflow.ConnectionContainer;
import org.knime.core.node.workflow.NativeNodeContainer;
import org.knime.core.node.workflow.NodeMessage;
import org.knime.deepclem.cli.Main;
import org.knime.deepclem.engine.geometry.Affine2D;
import org.knime.deepclem.engine.predict.VirtualChromatinModel;
import org.knime.deepclem.engine.transform.TransformFiles;
import org.knime.deepclem.realknime.KnimeRuntime;
import org.knime.knip.base.data.img.ImgPlusValue;

import net.imglib2.type.numeric.RealType;
import net.imglib2.view.Views;

/**
 * The shipped example workflows (workflows/) on KNIME's real WorkflowManager: they are what the generator writes;
 * they load from folder and .knwf with only the KNIME/KNIP nodes missing that the kit cannot provide; our nodes load
 * with their stored settings, configure without warnings and execute on the workflow's own data (a test node
 * standing in for the Table Creator and image readers) to the transform {@code deepclem register} gives; saved and
 * reloaded, they stay executed with the same tables. One line per workflow goes to the stage's report.
 */
class ShippedWorkflowsTest {

    private static final Path WORKFLOWS = KnimeRuntime.repositoryRoot().resolve("workflows");

    private static final String TABLE = TableCreatorNode.INSTANCE.factory(),
        READER = ImageReaderTableNode.INSTANCE.factory(), WRITER = ImageWriterNode.INSTANCE.factory(),
        VIEWER = ImageViewerNode.INSTANCE.factory();

    /** The nodes the kit cannot provide (knime-base and KNIP need jars not on Maven Central), per workflow. */
    private static final Map<String, List<String>> MISSING = Map.of(
        ExampleWorkflows.DEMO, sorted(TABLE, READER, READER, READER, VIEWER, WRITER),
        ExampleWorkflows.BATCH, sorted(TABLE, READER, READER, VIEWER, WRITER),
        ExampleWorkflows.TRAINING, sorted(TABLE, READER, READER));

    private static final List<ThirdPartyNode> THIRD_PARTY = List.of(TableCreatorNode.INSTANCE,
        ImageReaderTableNode.INSTANCE, ImageWriterNode.INSTANCE, ImageViewerNode.INSTANCE);

    private static List<String> sorted(final String... factories) {
        return Stream.of(factories).sorted().toList();
    }

    /** The workflows are generated with KNIME 5.4, the oldest version the plugin supports. */
    static boolean generatingVersion() {
        return KNIMEConstants.VERSION.startsWith("5.4.");
    }

    @Test
    @EnabledIf("generatingVersion")
    void committedFilesAreWhatTheGeneratorWrites(@TempDir final Path fresh) throws Exception {
        new ExampleWorkflows(KnimeRuntime.repositoryRoot()).writeAll(fresh);
        Map<String, byte[]> expected = files(fresh), actual = files(WORKFLOWS);
        assertEquals(expected.keySet(), actual.keySet(), "workflows/ holds other files than the generator writes; "
            + "regenerate with knime-real-tests/run.sh --regenerate-workflows");
        expected.forEach((k, v) -> assertArrayEquals(v, actual.get(k), "workflows/" + k
            + " differs from the generator's output; regenerate with knime-real-tests/run.sh --regenerate-workflows"));
    }

    private static Map<String, byte[]> files(final Path dir) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                out.put(dir.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {ExampleWorkflows.DEMO, ExampleWorkflows.BATCH, ExampleWorkflows.TRAINING})
    void loadsFromFolderAndArchiveWithOnlyKnimeAndKnipNodesMissing(final String name, @TempDir final Path tmp)
        throws Exception {
        Path archive = WorkflowArchive.unpack(WORKFLOWS.resolve(name + ".knwf"), tmp);
        assertEquals(name, archive.getFileName().toString());
        for (Path form : List.of(WORKFLOWS.resolve(name), archive)) {
            try (LoadedWorkflow w = LoadedWorkflow.copyAndLoad(form)) {
                assertEquals(MISSING.get(name), w.missingFactories(), form + ": nodes KNIME could not load");
                for (NativeNodeContainer n : w.ours()) {
                    assertTrue(((NodeSettings)w.modelSettings(n)).isIdentical((NodeSettings)w.storedModelSettings(n)),
                        form + ": " + n.getNameWithID() + " did not take its stored settings");
                }
                for (NativeNodeContainer n : w.nodes()) {
                    // the label under a node is its annotation (customDescription is a hidden legacy field)
                    assertTrue(!n.getNodeAnnotation().getData().isDefault() && !n.getNodeAnnotation().getText()
                        .isBlank(), form + ": " + n.getNameWithID() + " has no label");
                    assertEquals(null, n.getCustomDescription(), form + ": " + n.getNameWithID());
                    String factory = LoadedWorkflow.factory(n);
                    THIRD_PARTY.stream().filter(t -> t.factory().equals(factory)).findFirst().ifPresent(t -> {
                        try {
                            assertEquals(List.of(), t.problems(w.modelSettings(n)), form + ": " + n.getNameWithID());
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    });
                }
            }
        }
        Report.line(name + ": loaded from folder and .knwf, missing only " + MISSING.get(name).size()
            + " KNIME/KNIP nodes (" + names(MISSING.get(name)) + "); our " + ours(name) + " nodes loaded their "
            + "settings; KNIME/KNIP settings pass their source's rules");
    }

    private static String names(final List<String> factories) {
        return String.join(", ", factories.stream().distinct().map(f -> f.substring(f.lastIndexOf('.') + 1)
            .replace("NodeFactory", "") + (factories.stream().filter(f::equals).count() > 1
                ? " x" + factories.stream().filter(f::equals).count() : "")).toList());
    }

    private static int ours(final String name) throws Exception {
        try (LoadedWorkflow w = LoadedWorkflow.copyAndLoad(WORKFLOWS.resolve(name))) {
            return w.ours().size();
        }
    }

    /** Replaces the readers, checks our nodes configure without a message, executes them. */
    private static void configureAndExecute(final LoadedWorkflow w) throws Exception {
        w.replaceReadersBySource();
        for (NativeNodeContainer n : w.ours()) {
            assertTrue(n.getNodeContainerState().isConfigured(), n.getNameWithID() + " is not configured: "
                + n.getNodeMessage());
            assertEquals(NodeMessage.Type.RESET, n.getNodeMessage().getMessageType(),
                n.getNameWithID() + " configured with a message: " + n.getNodeMessage());
        }
        w.executeOurs(10);
        for (NativeNodeContainer n : w.ours()) {
            assertTrue(n.getNodeContainerState().isExecuted(), n.getNameWithID() + " did not execute: "
                + n.getNodeMessage());
        }
    }

    /** Saved with data and loaded again: our nodes are still executed and give the same tables. */
    private static void assertSurvivesSaveAndReload(final LoadedWorkflow w) throws Exception {
        Path saved = w.saveCopy();
        try (LoadedWorkflow again = LoadedWorkflow.load(saved)) {
            for (NativeNodeContainer before : w.ours()) {
                NativeNodeContainer after = again.node(before.getID().getIndex());
                assertTrue(after.getNodeContainerState().isExecuted(), after.getNameWithID() + " after reload: "
                    + after.getNodeContainerState());
                for (int p = 1; p < before.getNrOutPorts(); p++) {
                    Tables.assertSame(LoadedWorkflow.table(before, p), LoadedWorkflow.table(after, p),
                        before.getNameWithID() + " port " + p);
                }
            }
        }
    }

    /** The writer's image column is an image column of the table it is connected to. */
    private static void assertWriterFindsItsColumn(final LoadedWorkflow w) throws Exception {
        NativeNodeContainer writer = w.first(WRITER).orElseThrow();
        String column = w.modelSettings(writer).getString("img_column_key");
        ConnectionContainer in = w.input(writer, 1);
        DataTableSpec spec = (DataTableSpec)((NativeNodeContainer)w.m_wfm.getNodeContainer(in.getSource()))
            .getOutPort(in.getSourcePort()).getPortObjectSpec();
        int i = spec.findColumnIndex(column);
        assertTrue(i >= 0 && spec.getColumnSpec(i).getType().isCompatible(ImgPlusValue.class),
            "the Image Writer's column \"" + column + "\" is not an image column of " + List.of(spec.getColumnNames()));
    }

    @Test
    void demoGivesTheTransformOfTheCommandLine() throws Exception {
        try (LoadedWorkflow w = LoadedWorkflow.copyAndLoad(WORKFLOWS.resolve(ExampleWorkflows.DEMO))) {
            configureAndExecute(w);
            BufferedDataTable transforms = LoadedWorkflow.table(w.node(7), 1);
            assertEquals(1, transforms.size());
            DataRow t = transforms.iterator().next();
            assertEquals("Row0", t.getKey().getString(), "row IDs flow from the Table Creator");
            assertEquals("ok", string(t, transforms.getDataTableSpec(), "verdict"), "the demo pair registers");
            Path data = w.m_dir.resolve("data");
            assertSameAsCommandLine(t, transforms.getDataTableSpec(), data.resolve("EM.png"),
                data.resolve("Chromatin.png"), 1002, 530);
            BufferedDataTable applied = LoadedWorkflow.table(w.node(8), 1);
            int col = applied.getDataTableSpec().findColumnIndex("Image Channel (EM frame)");
            assertTrue(col >= 0, "apply output " + List.of(applied.getDataTableSpec().getColumnNames()));
            long[] dims = ((ImgPlusValue<?>)applied.iterator().next().getCell(col)).getDimensions();
            assertEquals(1002, dims[0], "EM width");
            assertEquals(530, dims[1], "EM height");
            assertWriterFindsItsColumn(w);
            assertSurvivesSaveAndReload(w);
        }
        Report.line(ExampleWorkflows.DEMO + ": our nodes configured without warnings, executed (transform = deepclem "
            + "register's), saved and reloaded executed with identical tables");
    }

    @Test
    void batchGivesTheCommandLinesVerdictAndTransformPerPair() throws Exception {
        try (LoadedWorkflow w = LoadedWorkflow.copyAndLoad(WORKFLOWS.resolve(ExampleWorkflows.BATCH))) {
            configureAndExecute(w);
            BufferedDataTable transforms = LoadedWorkflow.table(w.node(5), 1);
            List<String> keys = new ArrayList<>();
            int i = 0, ok = 0;
            for (DataRow row : transforms) {
                keys.add(row.getKey().getString());
                ok += "ok".equals(string(row, transforms.getDataTableSpec(), "verdict")) ? 1 : 0;
                String pair = List.of("s6", "s7", "s8").get(i++);
                Path data = w.m_dir.resolve("data");
                assertSameAsCommandLine(row, transforms.getDataTableSpec(), data.resolve("em/" + pair + ".png"),
                    data.resolve("chromatin/" + pair + ".png"), 0, 0);
            }
            assertEquals(List.of("Row0", "Row1", "Row2"), keys, "one row per Table Creator row");
            assertTrue(ok >= 1, ok + " of the 3 hand-registered pairs registered");
            assertWriterFindsItsColumn(w);
            assertSurvivesSaveAndReload(w);
        }
        Report.line(ExampleWorkflows.BATCH + ": our nodes configured without warnings, executed (3 pairs, each "
            + "verdict and transform = deepclem register's), saved and reloaded executed with identical tables");
    }

    @Test
    void trainingWritesItsModelIntoTheWorkflowsDataFolder() throws Exception {
        try (LoadedWorkflow w = LoadedWorkflow.copyAndLoad(WORKFLOWS.resolve(ExampleWorkflows.TRAINING))) {
            NativeNodeContainer learner = w.node(4);
            assertEquals("knime://knime.workflow/data/deepclem-model.zip",
                w.modelSettings(learner).getString("output_path"));
            // a quick run: fewer steps, as the batch executor's -option=4,steps,4,int would set them
            NodeSettings settings = new NodeSettings("settings");
            w.m_wfm.saveNodeSettings(learner.getID(), settings);
            settings.getNodeSettings("model").addInt("steps", 4);
            settings.getNodeSettings("model").addInt("validate_every", 2);
            w.m_wfm.loadNodeSettings(learner.getID(), settings);
            configureAndExecute(w);
            Path model = w.m_dir.resolve("data/deepclem-model.zip");
            assertTrue(Files.size(model) > 1000, "model zip in the workflow's data folder");
            try (VirtualChromatinModel m = VirtualChromatinModel.load(model)) {
                assertTrue(m.settings() != null);
            }
            DataRow row = LoadedWorkflow.table(learner, 1).iterator().next();
            assertEquals(model.toAbsolutePath().normalize().toString(), ((StringValue)row.getCell(0)).getStringValue());
            assertEquals("3", row.getCell(1).toString(), "the three shipped pairs");
            assertEquals("4", row.getCell(2).toString(), "steps done");
            assertSurvivesSaveAndReload(w);
        }
        Report.line(ExampleWorkflows.TRAINING + ": our node configured without warnings, executed (model written to "
            + "knime://knime.workflow/data/deepclem-model.zip and loadable), saved and reloaded executed with "
            + "identical tables");
    }

    /**
     * The workflow's row equals what {@code deepclem register} gives for the same files: same verdict, and for an
     * ok pair a transform within 0.5 px RMS over the EM frame ({@code w}x{@code h}; 0: the EM file's size).
     */
    private static void assertSameAsCommandLine(final DataRow row, final DataTableSpec spec, final Path em,
        final Path lm, final int w, final int h) throws Exception {
        Path out = Files.createTempDirectory("deepclem-cli");
        int code = Main.run("register", "--em", em.toString(), "--lm", lm.toString(), "--out", out.toString());
        String verdict = string(row, spec, "verdict");
        assertEquals(code == 0 ? "ok" : "failed", verdict, row.getKey() + ": " + string(row, spec, "reason"));
        if (code != 0) {
            return;
        }
        Affine2D fromWorkflow = new Affine2D(dbl(row, spec, "a"), dbl(row, spec, "b"), dbl(row, spec, "tx"),
            dbl(row, spec, "c"), dbl(row, spec, "d"), dbl(row, spec, "ty"));
        Affine2D fromCli = TransformFiles.read(out.resolve("transform.json")).result().movingToFixed();
        int width = w > 0 ? w : javax.imageio.ImageIO.read(em.toFile()).getWidth();
        int height = h > 0 ? h : javax.imageio.ImageIO.read(em.toFile()).getHeight();
        double rms = fromWorkflow.rmsDistance(fromCli, width, height, 16);
        assertTrue(rms < 0.5, row.getKey() + ": workflow vs deepclem register: " + rms + " px RMS over the EM frame");
    }

    private static String string(final DataRow row, final DataTableSpec spec, final String column) {
        DataCell c = row.getCell(spec.findColumnIndex(column));
        return c.isMissing() ? "" : ((StringValue)c).getStringValue();
    }

    private static double dbl(final DataRow row, final DataTableSpec spec, final String column) {
        return ((DoubleValue)row.getCell(spec.findColumnIndex(column))).getDoubleValue();
    }

    /** Table equality, image cells by their pixels. */
    static final class Tables {

        private Tables() {
        }

        static void assertSame(final BufferedDataTable a, final BufferedDataTable b, final String what) {
            assertEquals(a.getDataTableSpec(), b.getDataTableSpec(), what + ": spec");
            assertEquals(a.size(), b.size(), what + ": rows");
            var ia = a.iterator();
            var ib = b.iterator();
            while (ia.hasNext()) {
                DataRow ra = ia.next(), rb = ib.next();
                assertEquals(ra.getKey(), rb.getKey(), what);
                for (int c = 0; c < ra.getNumCells(); c++) {
                    DataCell ca = ra.getCell(c), cb = rb.getCell(c);
                    if (ca instanceof ImgPlusValue<?> ia2 && cb instanceof ImgPlusValue<?> ib2) {
                        assertArrayEquals(ia2.getDimensions(), ib2.getDimensions(), what + " " + ra.getKey());
                        assertArrayEquals(pixels(ia2), pixels(ib2), what + " " + ra.getKey() + " pixels");
                    } else {
                        assertEquals(ca, cb, what + " " + ra.getKey() + " column " + c);
                    }
                }
            }
        }

        private static double[] pixels(final ImgPlusValue<?> v) {
            List<Double> out = new ArrayList<>();
            for (Object t : Views.flatIterable(v.getImgPlus())) {
                out.add(((RealType<?>)t).getRealDouble());
            }
            return out.stream().mapToDouble(Double::doubleValue).toArray();
        }
    }
}
