package org.knime.deepclem.realknime.workflows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeHarness;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.defaultnodesettings.SettingsModelFilterString;
import org.knime.core.node.missing.MissingNodeFactory;
import org.knime.core.node.port.PortType;
import org.knime.core.node.workflow.AnnotationData;
import org.knime.core.node.workflow.NodeAnnotationData;
import org.knime.core.node.workflow.NodeContainer;
import org.knime.core.node.workflow.NodeContainerMetadata.ContentType;
import org.knime.core.node.workflow.NodeID;
import org.knime.core.node.workflow.NodeUIInformation;
import org.knime.core.node.workflow.WorkflowCreationHelper;
import org.knime.core.node.workflow.WorkflowManager;
import org.knime.core.node.workflow.WorkflowMetadata;
import org.knime.core.node.workflow.contextv2.WorkflowContextV2;
import org.knime.deepclem.nodes.apply.ApplyClemTransformNodeFactory;
import org.knime.deepclem.nodes.learn.ClemNetworkLearnerNodeFactory;
import org.knime.deepclem.nodes.predict.VirtualChromatinPredictorNodeFactory;
import org.knime.deepclem.nodes.preprocess.EmPreprocessorNodeFactory;
import org.knime.deepclem.nodes.register.ClemRegistrationNodeFactory;
import org.knime.deepclem.realknime.KnimeRuntime;

/**
 * The example workflows shipped in workflows/, built with KNIME's real WorkflowManager and saved by it, so each file
 * holds what KNIME writes: our nodes with the settings their models save, the KNIME and KNIP nodes the kit cannot run
 * as KNIME keeps a node whose extension is not installed ({@link MissingNodeFactory}: factory, bundle and model
 * settings are saved as given), with settings from {@link ThirdPartyNode}. Outside OSGi KNIME knows no bundles and no
 * extension's node names, so {@link SavedWorkflow} then writes, through KNIME's own settings code, what KNIME with the
 * extensions installed writes: bundle and feature entries, node names and folder names; and it fixes the author and
 * dates, so that the files are reproducible.
 *
 * <p>
 * Regenerate (KNIME 5.4 kit, the oldest version the plugin supports, so that created_by suits every user):
 * {@code knime-real-tests/run.sh --regenerate-workflows}. ShippedWorkflowsTest fails when workflows/ differs.
 */
public final class ExampleWorkflows {

    static final String DEMO = "DeepCLEM_Demo", BATCH = "DeepCLEM_Batch_Registration",
        TRAINING = "DeepCLEM_Train_Network";

    /** Where a node reads or writes files of its own workflow. */
    static final String WF = "knime://knime.workflow/";

    /** The date the files carry (KNIME writes the save time; a fixed one keeps the files reproducible). */
    static final ZonedDateTime DATE = ZonedDateTime.of(2026, 12, 3, 12, 0, 0, 0, ZoneOffset.UTC);

    static final String AUTHOR = "DeepCLEM for KNIME";

    private final Path m_root;

    /** @param root the repository root (data/deepclem holds the images) */
    ExampleWorkflows(final Path root) {
        m_root = root;
    }

    /** One workflow under construction in a real WorkflowManager. */
    private final class Builder {

        private final String m_name;

        private final Path m_dir;

        private final WorkflowManager m_wfm;

        private final Map<String, Path> m_data = new LinkedHashMap<>();

        private final List<ThirdPartyNode> m_thirdParty = new ArrayList<>();

        Builder(final String name, final Path scratch) {
            m_name = name;
            m_dir = scratch.resolve(name);
            m_wfm = WorkflowManager.ROOT.createAndAddProject(name,
                new WorkflowCreationHelper(WorkflowContextV2.forTemporaryWorkflow(m_dir, null)));
        }

        void data(final String relative, final String repositoryFile) {
            m_data.put(relative, m_root.resolve("data/deepclem").resolve(repositoryFile));
        }

        /** One of our nodes with its model's default settings, changed by {@code edit}. */
        NodeID ours(final NodeFactory<?> factory, final NodeHarness.SettingsEdit edit, final int x, final int y,
            final String label) throws Exception {
            NodeHarness h = new NodeHarness(factory);
            h.editSettings(edit);
            NodeID id = m_wfm.createAndAddNode(factory);
            setModel(id, h.saveSettings());
            return place(id, x, y, label);
        }

        /** A KNIME or KNIP node the kit cannot run, stored as KNIME stores a node of an extension not installed. */
        NodeID theirs(final ThirdPartyNode node, final NodeSettings model, final int x, final int y,
            final String label) throws Exception {
            PortType[] in = new PortType[node.inPorts()], out = new PortType[node.outPorts()];
            java.util.Arrays.fill(in, BufferedDataTable.TYPE);
            java.util.Arrays.fill(out, BufferedDataTable.TYPE);
            MissingNodeFactory factory = new MissingNodeFactory(node.origin().info(node.factory(), node.nodeName()),
                new NodeSettings("factory_settings"), in, out);
            factory.init(); // as KNIME's loader does before using it
            NodeID id = m_wfm.createAndAddNode(factory);
            setModel(id, model);
            m_thirdParty.add(node);
            return place(id, x, y, label);
        }

        private void setModel(final NodeID id, final NodeSettingsRO model) throws Exception {
            NodeSettings settings = new NodeSettings("settings");
            m_wfm.saveNodeSettings(id, settings);
            model.copyTo(settings.addNodeSettings("model"));
            m_wfm.loadNodeSettings(id, settings);
        }

        private NodeID place(final NodeID id, final int x, final int y, final String label) {
            NodeContainer nc = m_wfm.getNodeContainer(id);
            nc.setUIInformation(NodeUIInformation.builder().setNodeLocation(x, y, -1, -1).build());
            nc.getNodeAnnotation().copyFrom(NodeAnnotationData.createFromObsoleteCustomName(label), false);
            return id;
        }

        /** Connects data port {@code out} (1 = first) of {@code from} to data port {@code in} of {@code to}. */
        void connect(final NodeID from, final int out, final NodeID to, final int in) {
            m_wfm.addConnection(from, out, to, in);
        }

        void annotation(final String... lines) {
            AnnotationData a = new AnnotationData();
            a.setText(String.join("\n", lines));
            a.setDimension(20, 20, 760, 72);
            a.setBgColor(0xFFFFFF);
            a.setBorderSize(10);
            a.setBorderColor(0xFFD800);
            a.setDefaultFontSize(11);
            m_wfm.addWorkflowAnnotation(a, -1);
        }

        void description(final String text) {
            m_wfm.setContainerMetadata(WorkflowMetadata.fluentBuilder().withContentType(ContentType.PLAIN)
                .withLastModified(DATE).withDescription(text).withAuthor(AUTHOR).withCreated(DATE).build());
        }

        /** Saves the workflow (KNIME's save), then completes and copies it into {@code target}. */
        void writeTo(final Path target) throws Exception {
            try {
                m_wfm.save(m_dir.toFile(), new ExecutionMonitor(), true);
            } finally {
                WorkflowManager.ROOT.removeProject(m_wfm.getID());
            }
            for (Map.Entry<String, Path> d : m_data.entrySet()) {
                Path to = m_dir.resolve(d.getKey());
                Files.createDirectories(to.getParent());
                Files.copy(d.getValue(), to);
            }
            new SavedWorkflow(m_dir).complete(m_thirdParty, m_root, AUTHOR, DATE);
            replace(m_dir, target.resolve(m_name));
            WorkflowArchive.write(target.resolve(m_name), target.resolve(m_name + ".knwf"));
        }
    }

    /** Writes every example workflow (folder and .knwf) into {@code target} (the repository's workflows/). */
    void writeAll(final Path target) throws Exception {
        KnimeRuntime.start();
        Path scratch = Files.createTempDirectory("deepclem-workflows");
        Files.createDirectories(target);
        demo(scratch).writeTo(target);
        batch(scratch).writeTo(target);
        training(scratch).writeTo(target);
        Files.writeString(target.resolve("workflowset.meta"), groupMeta());
    }

    /** End to end on one EM/LM pair: read, preprocess, predict, register, apply, write, view. */
    private Builder demo(final Path scratch) throws Exception {
        Builder b = new Builder(DEMO, scratch);
        b.description("DeepCLEM end to end on the demo images in this workflow's data folder: the EM image is "
            + "equalised (EM Preprocessor), the bundled network predicts virtual chromatin from it, the measured "
            + "chromatin (LM) is registered to the prediction (similarity transform, with quality figures and a "
            + "verdict), and the transform puts the LM channel of interest into the EM frame. Outputs: the channel of "
            + "interest in the EM frame as TIFF in the workflow's output folder, the transform and quality table (CLEM "
            + "Registration, first output), and the overlay of EM and registered chromatin (Image Viewer).");
        b.annotation("DeepCLEM demo: EM + chromatin + channel of interest -> channel of interest in the EM frame.",
            "Table Creator holds the three image paths (knime://knime.workflow/data/...). Execute all, then open",
            "the Image Viewer for the overlay. CLEM Registration's first output is the transform with its quality.");
        b.data("data/EM.png", "example/EM.png");
        b.data("data/Chromatin.png", "example/Chromatin.png");
        b.data("data/Channel_of_interest.png", "example/Channel_of_interest.png");
        NodeID table = b.theirs(TableCreatorNode.INSTANCE,
            TableCreatorNode.settings(List.of("EM file", "Chromatin file", "Channel file"),
                List.of(List.of(WF + "data/EM.png", WF + "data/Chromatin.png", WF + "data/Channel_of_interest.png"))),
            40, 160, "Image paths of one EM/LM pair");
        NodeID em = reader(b, "EM file", " EM", 180, "EM image");
        NodeID chromatin = reader(b, "Chromatin file", " Chromatin", 320, "Measured chromatin (LM)");
        NodeID channel = reader(b, "Channel file", " Channel", 460, "LM channel of interest");
        b.connect(table, 1, em, 1);
        b.connect(em, 1, chromatin, 1);
        b.connect(chromatin, 1, channel, 1);
        // the equalised EM is the overlay's background; the predictor prepares the raw EM as its model says
        NodeID pre = b.ours(new EmPreprocessorNodeFactory(), s -> {
            s.addString("image_column", "Image EM");
            s.addString("output_column_name", "EM equalised");
        }, 600, 160, "Equalise the EM image");
        b.connect(channel, 1, pre, 1);
        NodeID predict = b.ours(new VirtualChromatinPredictorNodeFactory(), s -> s.addString("image_column", "Image EM"),
            740, 160, "Virtual chromatin from EM");
        b.connect(pre, 1, predict, 1);
        NodeID reg = b.ours(new ClemRegistrationNodeFactory(), registration("EM equalised"), 880, 160,
            "Chromatin onto virtual chromatin");
        b.connect(predict, 1, reg, 1);
        NodeID apply = b.ours(new ApplyClemTransformNodeFactory(), s -> {
            s.addString("transform_mode", "Join by row ID");
            s.addString("output_size_mode", "Reference image column");
            s.addString("reference_column", "Image EM");
            new SettingsModelFilterString("image_columns", List.of("Image Channel"), List.of()).saveSettingsTo(s);
        }, 1020, 260, "Channel of interest into the EM frame");
        b.connect(predict, 1, apply, 1);
        b.connect(reg, 1, apply, 2);
        NodeID writer = b.theirs(ImageWriterNode.INSTANCE,
            ImageWriterNode.settings(WF + "output", "Image Channel (EM frame)"), 1160, 260,
            "Channel of interest in the EM frame, TIFF");
        b.connect(apply, 1, writer, 1);
        NodeID viewer = b.theirs(ImageViewerNode.INSTANCE, ImageViewerNode.settings(), 1020, 60,
            "Overlay: EM gray, registered chromatin blue");
        b.connect(reg, 2, viewer, 1);
        return b;
    }

    private static NodeID reader(final Builder b, final String pathColumn, final String suffix, final int x,
        final String label) throws Exception {
        return b.theirs(ImageReaderTableNode.INSTANCE, ImageReaderTableNode.settings(pathColumn, suffix), x, 160,
            label);
    }

    /** Registration of the measured chromatin (blue channel) onto the predicted virtual chromatin. */
    private static NodeHarness.SettingsEdit registration(final String overlayBackground) {
        return s -> {
            s.addString("fixed_column", "Virtual chromatin");
            s.addString("moving_column", "Image Chromatin");
            s.addString("overlay_background_column", overlayBackground);
        };
    }

    /** Batch registration of every EM/LM pair listed in the Table Creator, with a quality row per pair. */
    private Builder batch(final Path scratch) throws Exception {
        Builder b = new Builder(BATCH, scratch);
        b.description("Registers a folder of EM/LM pairs in one run: one Table Creator row per pair (EM file, "
            + "chromatin file), then prediction and registration per row. CLEM Registration's first output is the "
            + "per-pair quality table (transform, scale, rotation, inliers, residual, NCC, overlap, margin, verdict, "
            + "reason); failed pairs are marked failed, not hidden. The registered chromatin of each pair is written "
            + "as TIFF to the workflow's output folder. Replace the rows with your own files (any number).");
        b.annotation("DeepCLEM batch registration: one row per EM/LM pair in the Table Creator.",
            "CLEM Registration output 1 = one quality row per pair (verdict ok or failed, with the reason).",
            "Output 2 = registered chromatin and overlay per pair (Image Viewer, Image Writer).");
        NodeID chromatin = trainingPairReaders(b, "One row per pair", "Measured chromatin (LM)");
        NodeID predict = b.ours(new VirtualChromatinPredictorNodeFactory(), s -> s.addString("image_column", "Image EM"),
            460, 160, "Virtual chromatin per pair");
        b.connect(chromatin, 1, predict, 1);
        NodeID reg = b.ours(new ClemRegistrationNodeFactory(), registration(""), 600, 160,
            "Register every pair; quality per pair");
        b.connect(predict, 1, reg, 1);
        NodeID viewer = b.theirs(ImageViewerNode.INSTANCE, ImageViewerNode.settings(), 740, 60, "Overlays per pair");
        b.connect(reg, 2, viewer, 1);
        NodeID writer = b.theirs(ImageWriterNode.INSTANCE, ImageWriterNode.settings(WF + "output",
            "Registered chromatin"), 740, 260, "Registered chromatin per pair, TIFF");
        b.connect(reg, 2, writer, 1);
        return b;
    }

    /**
     * Nodes #1-#3 of the batch and training workflows: a Table Creator listing the three hand-registered pairs
     * (shipped in the workflow's data folder) and one image reader each for the EM and the chromatin column.
     *
     * @return the chromatin reader, whose output carries both image columns
     */
    private static NodeID trainingPairReaders(final Builder b, final String tableNote, final String chromatinNote)
        throws Exception {
        List<List<String>> rows = new ArrayList<>();
        for (String s : List.of("s6", "s7", "s8")) {
            b.data("data/em/" + s + ".png", "training/em/" + s + ".png");
            b.data("data/chromatin/" + s + ".png", "training/chromatin/" + s + ".png");
            rows.add(List.of(WF + "data/em/" + s + ".png", WF + "data/chromatin/" + s + ".png"));
        }
        NodeID table = b.theirs(TableCreatorNode.INSTANCE,
            TableCreatorNode.settings(List.of("EM file", "Chromatin file"), rows), 40, 160, tableNote);
        NodeID em = reader(b, "EM file", " EM", 180, "EM images");
        NodeID chromatin = reader(b, "Chromatin file", " Chromatin", 320, chromatinNote);
        b.connect(table, 1, em, 1);
        b.connect(em, 1, chromatin, 1);
        return chromatin;
    }

    /** Training a network on hand-registered EM/chromatin pairs; the model goes into the workflow's data folder. */
    private Builder training(final Path scratch) throws Exception {
        Builder b = new Builder(TRAINING, scratch);
        b.description("Trains a virtual-chromatin network on registered EM/chromatin pairs (one Table Creator row "
            + "per pair; the three pairs in data/ are hand-registered). CLEM Network Learner writes the model zip "
            + "(TensorFlow SavedModel with its preparation settings) into this workflow's data folder "
            + "(knime://knime.workflow/data/deepclem-model.zip), so the model travels with the workflow when it is "
            + "exported or shared on KNIME Hub; the Virtual Chromatin Predictor and CLEM Registration read it with "
            + "the option Model file or folder. Outputs: the model row (file, pairs, steps, best validation loss, "
            + "time) and the loss curve. The short training (200 steps, at most 10 minutes) only shows the "
            + "mechanics: the original DeepCLEM asks for 60-100 pairs and hours of training.");
        b.annotation("DeepCLEM training: registered EM/chromatin pairs -> model zip (TensorFlow SavedModel).",
            "The model is written to knime://knime.workflow/data/deepclem-model.zip. 200 steps only show the",
            "mechanics; use many more pairs and steps (the original DeepCLEM: 60-100 pairs) for a useful model.");
        NodeID chromatin = trainingPairReaders(b, "Registered pairs", "Chromatin images");
        NodeID learner = b.ours(new ClemNetworkLearnerNodeFactory(), s -> {
            s.addString("em_column", "Image EM");
            s.addString("chromatin_column", "Image Chromatin");
            s.addBoolean("overwrite", true);
            s.addInt("steps", 200);
            s.addDouble("max_minutes", 10.0);
        }, 460, 160, "Train the network; writes the model zip");
        b.connect(chromatin, 1, learner, 1);
        return b;
    }

    /** The workflow group's metadata (a folder with workflowset.meta and no workflow.knime is a group). */
    static String groupMeta() {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<KNIMEMetaInfo nrOfElements=\"2\" xmlns=\"http://www.knime.org/2.9/metainfo\">\n"
            + "    <element form=\"multiline\" name=\"Comments\" read-only=\"false\">DeepCLEM for KNIME example "
            + "workflows: demo, batch registration, training.</element>\n"
            + "    <element form=\"text\" name=\"Last Edited\" read-only=\"true\">03/12/2026</element>\n"
            + "</KNIMEMetaInfo>";
    }

    /** Replaces {@code target} by {@code source} (stale files of an older generation must not survive). */
    private static void replace(final Path source, final Path target) throws IOException {
        if (Files.exists(target)) {
            try (Stream<Path> walk = Files.walk(target)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(target.getParent());
        try (Stream<Path> walk = Files.walk(source)) {
            for (Path p : walk.toList()) {
                Files.copy(p, target.resolve(source.relativize(p).toString()));
            }
        }
    }

    /** Writes the example workflows into the folder given as the only argument. */
    public static void main(final String[] args) throws Exception {
        int status = 0;
        try {
            new ExampleWorkflows(KnimeRuntime.repositoryRoot()).writeAll(Path.of(args[0]));
            System.out.println("example workflows written to " + args[0]);
        } catch (Exception | Error e) { // NOSONAR: report and exit, KNIME keeps non-daemon threads alive
            e.printStackTrace();
            status = 1;
        }
        System.exit(status);
    }
}
