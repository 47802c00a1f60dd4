package org.knime.deepclem.workflows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Generates the example workflows shipped in {@code workflows/} (folders and .knwf archives), so that the settings
 * stored for our nodes are exactly what the nodes save and accept, and the folder and archive of a workflow agree.
 * WorkflowFilesTest fails when the committed files differ from this generator's output; regenerate with
 *
 * <pre>
 * mvn -B -q -pl org.knime.deepclem -am test -Dtest=WorkflowFilesTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dworkflows.regenerate=true
 * </pre>
 */
public final class WorkflowGenerator {

    static final String PREPROCESS = "org.knime.deepclem.nodes.preprocess.EmPreprocessorNodeFactory";

    static final String PREDICT = "org.knime.deepclem.nodes.predict.VirtualChromatinPredictorNodeFactory";

    static final String REGISTER = "org.knime.deepclem.nodes.register.ClemRegistrationNodeFactory";

    static final String APPLY = "org.knime.deepclem.nodes.apply.ApplyClemTransformNodeFactory";

    static final String LEARN = "org.knime.deepclem.nodes.learn.ClemNetworkLearnerNodeFactory";

    /** Where a node reads files of its own workflow (KNIME resolves it relative to the workflow folder). */
    static final String WF = "knime://knime.workflow/";

    private final Path m_root;

    /** @param root the repository root (data/deepclem holds the demo images) */
    public WorkflowGenerator(final Path root) {
        m_root = root;
    }

    /** All shipped workflows. */
    public List<Workflow> all() throws IOException {
        return List.of(demo(), batch(), training());
    }

    private byte[] image(final String relative) throws IOException {
        return Files.readAllBytes(m_root.resolve("data/deepclem").resolve(relative));
    }

    /** End-to-end demo on one EM/LM pair: read, preprocess, predict, register, apply, write, view. */
    Workflow demo() throws IOException {
        WorkflowBuilder b = new WorkflowBuilder("DeepCLEM_Demo",
            "DeepCLEM end to end on the demo images in this workflow's data folder: the EM image is equalised (EM "
                + "Preprocessor), the bundled network predicts virtual chromatin from it, the measured chromatin (LM) "
                + "is registered to the prediction (similarity transform, with quality figures and a verdict), and "
                + "the transform puts the LM channel of interest into the EM frame. Outputs: the channel of interest "
                + "in the EM frame as TIFF in the workflow's output folder, the transform and quality table (CLEM "
                + "Registration, first output), and the overlay of EM and registered chromatin (Image Viewer).",
            List.of("DeepCLEM demo: EM + chromatin + channel of interest -> channel of interest in the EM frame.",
                "Table Creator holds the three image paths (knime://knime.workflow/data/...). Execute all, then open",
                "the Image Viewer for the overlay. CLEM Registration's first output is the transform with its quality."));
        b.data("data/EM.png", image("example/EM.png"));
        b.data("data/Chromatin.png", image("example/Chromatin.png"));
        b.data("data/Channel_of_interest.png", image("example/Channel_of_interest.png"));
        int table = b.knime(1, KnimeNodes.TABLE_CREATOR,
            KnimeNodes.tableCreator(List.of("EM file", "Chromatin file", "Channel file"),
                List.of(List.of(WF + "data/EM.png", WF + "data/Chromatin.png", WF + "data/Channel_of_interest.png"))),
            40, 160, "Image paths of one EM/LM pair");
        int em = b.knime(2, KnimeNodes.IMAGE_READER_TABLE, KnimeNodes.imageReaderTable("EM file", " EM"), 180, 160,
            "EM image");
        int chromatin = b.knime(3, KnimeNodes.IMAGE_READER_TABLE,
            KnimeNodes.imageReaderTable("Chromatin file", " Chromatin"), 320, 160, "Measured chromatin (LM)");
        int channel = b.knime(4, KnimeNodes.IMAGE_READER_TABLE,
            KnimeNodes.imageReaderTable("Channel file", " Channel"), 460, 160, "LM channel of interest");
        b.connect(table, 1, em, 1);
        b.connect(em, 1, chromatin, 1);
        b.connect(chromatin, 1, channel, 1);
        // the equalised EM is the overlay's background; the predictor prepares the raw EM as its model says
        int pre = b.ours(5, PREPROCESS, Map.of("image_column", "Image EM", "output_column_name", "EM equalised"),
            600, 160, "Equalise the EM image");
        b.connect(channel, 1, pre, 1);
        int predict = b.ours(6, PREDICT, Map.of("image_column", "Image EM"), 740, 160, "Virtual chromatin from EM");
        b.connect(pre, 1, predict, 1);
        int reg = b.ours(7, REGISTER, registration("EM equalised"), 880, 160, "Chromatin onto virtual chromatin");
        b.connect(predict, 1, reg, 1);
        Map<String, Object> applied = new LinkedHashMap<>(applySettings());
        applied.put("image_columns/InclList", new String[] {"Image Channel"});
        int apply = b.ours(8, APPLY, applied, 1020, 260, "Channel of interest into the EM frame");
        b.connect(predict, 1, apply, 1);
        b.connect(reg, 1, apply, 2);
        int writer = b.knime(9, KnimeNodes.IMAGE_WRITER,
            KnimeNodes.imageWriter(WF + "output", "Image Channel (EM frame)"), 1160, 260,
            "Channel of interest in the EM frame, TIFF");
        b.connect(apply, 1, writer, 1);
        int viewer = b.knime(10, KnimeNodes.IMAGE_VIEWER, KnimeNodes.imageViewer(), 1020, 60,
            "Overlay: EM gray, registered chromatin blue");
        b.connect(reg, 2, viewer, 1);
        return b.build();
    }

    /** Batch registration of every EM/LM pair listed in the Table Creator, with a per-pair quality table. */
    Workflow batch() throws IOException {
        WorkflowBuilder b = new WorkflowBuilder("DeepCLEM_Batch_Registration",
            "Registers a folder of EM/LM pairs in one run: one Table Creator row per pair (EM file, chromatin file), "
                + "then prediction and registration per row. CLEM Registration's first output is the per-pair quality "
                + "table (transform, scale, rotation, inliers, residual, NCC, overlap, margin, verdict, reason); "
                + "failed pairs are marked failed, not hidden. The registered chromatin of each pair is written as "
                + "TIFF to the workflow's output folder. Replace the rows with your own files (any number).",
            List.of("DeepCLEM batch registration: one row per EM/LM pair in the Table Creator.",
                "CLEM Registration output 1 = one quality row per pair (verdict ok or failed, with the reason).",
                "Output 2 = registered chromatin and overlay per pair (Image Viewer, Image Writer)."));
        int chromatin = trainingPairReaders(b, "One row per pair", "Measured chromatin (LM)");
        int predict = b.ours(4, PREDICT, Map.of("image_column", "Image EM"), 460, 160, "Virtual chromatin per pair");
        b.connect(chromatin, 1, predict, 1);
        int reg = b.ours(5, REGISTER, registration(""), 600, 160, "Register every pair; quality per pair");
        b.connect(predict, 1, reg, 1);
        int viewer = b.knime(6, KnimeNodes.IMAGE_VIEWER, KnimeNodes.imageViewer(), 740, 60, "Overlays per pair");
        b.connect(reg, 2, viewer, 1);
        int writer = b.knime(7, KnimeNodes.IMAGE_WRITER, KnimeNodes.imageWriter(WF + "output", "Registered chromatin"),
            740, 260, "Registered chromatin per pair, TIFF");
        b.connect(reg, 2, writer, 1);
        return b.build();
    }

    /**
     * Nodes #1-#3 of the batch and training workflows: a Table Creator listing the three hand-registered pairs
     * (shipped in the workflow's data folder) and one image reader each for the EM and the chromatin column.
     *
     * @return the id of the chromatin reader, whose output carries both image columns
     */
    private int trainingPairReaders(WorkflowBuilder b, String tableNote, String chromatinNote) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        for (String s : List.of("s6", "s7", "s8")) {
            b.data("data/em/" + s + ".png", image("training/em/" + s + ".png"));
            b.data("data/chromatin/" + s + ".png", image("training/chromatin/" + s + ".png"));
            rows.add(List.of(WF + "data/em/" + s + ".png", WF + "data/chromatin/" + s + ".png"));
        }
        int table = b.knime(1, KnimeNodes.TABLE_CREATOR,
            KnimeNodes.tableCreator(List.of("EM file", "Chromatin file"), rows), 40, 160, tableNote);
        int em = b.knime(2, KnimeNodes.IMAGE_READER_TABLE, KnimeNodes.imageReaderTable("EM file", " EM"), 180, 160,
            "EM images");
        int chromatin = b.knime(3, KnimeNodes.IMAGE_READER_TABLE,
            KnimeNodes.imageReaderTable("Chromatin file", " Chromatin"), 320, 160, chromatinNote);
        b.connect(table, 1, em, 1);
        b.connect(em, 1, chromatin, 1);
        return chromatin;
    }

    /** Training a custom network from hand-registered EM/chromatin pairs. */
    Workflow training() throws IOException {
        WorkflowBuilder b = new WorkflowBuilder("DeepCLEM_Train_Network",
            "Trains a virtual-chromatin network on registered EM/chromatin pairs (one Table Creator row per pair; the "
                + "three pairs in data/ are hand-registered). CLEM Network Learner writes the model zip (TensorFlow "
                + "SavedModel with its preparation settings) that the Virtual Chromatin Predictor and CLEM "
                + "Registration read (option Model file or folder). Its outputs: the model row (file, pairs, steps, "
                + "best validation loss, time) and the loss curve. Set the model file (option Model file) before "
                + "executing; as shipped it is deepclem-model.zip in KNIME's working directory, and the short "
                + "training (200 steps, at most 10 minutes) only shows the mechanics: the original DeepCLEM asks "
                + "for 60-100 pairs and hours of training.",
            List.of("DeepCLEM training: registered EM/chromatin pairs -> model zip (TensorFlow SavedModel).",
                "Set the learner's model file first. 200 steps only show the mechanics; use many more pairs and",
                "steps (the original DeepCLEM: 60-100 pairs) for a useful model."));
        int chromatin = trainingPairReaders(b, "Registered pairs", "Chromatin images");
        Map<String, Object> learn = new LinkedHashMap<>();
        learn.put("em_column", "Image EM");
        learn.put("chromatin_column", "Image Chromatin");
        learn.put("output_path", LEARNER_OUTPUT);
        learn.put("overwrite", true);
        learn.put("steps", 200);
        learn.put("max_minutes", 10.0);
        int learner = b.ours(4, LEARN, learn, 460, 160, "Train the network; writes the model zip");
        b.connect(chromatin, 1, learner, 1);
        return b.build();
    }

    /** Where the shipped training workflow writes its model (the learner takes a file path, not a knime:// URL). */
    static final String LEARNER_OUTPUT = "deepclem-model.zip";

    /** Registration of the measured chromatin onto the predicted virtual chromatin. */
    private static Map<String, Object> registration(final String overlayBackground) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("fixed_column", "Virtual chromatin");
        m.put("moving_column", "Image Chromatin");
        m.put("overlay_background_column", overlayBackground);
        return m;
    }

    private static Map<String, Object> applySettings() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("transform_mode", "Join by row ID");
        m.put("output_size_mode", "Reference image column");
        m.put("reference_column", "Image EM");
        return m;
    }

    /**
     * Writes every workflow folder and .knwf archive into {@code dir} (workflows/ of the repository). A workflow that
     * cannot be built (e.g. a node missing) is skipped and reported at the end, after the others are written.
     */
    public void writeAll(final Path dir) throws IOException {
        Files.createDirectories(dir);
        List<String> failed = new ArrayList<>();
        for (java.util.concurrent.Callable<Workflow> make : List.<java.util.concurrent.Callable<Workflow>>of(
            this::demo, this::batch, this::training)) {
            Workflow w;
            try {
                w = make.call();
            } catch (Exception | LinkageError e) { // one unbuildable workflow must not block the others
                failed.add(e.getMessage());
                continue;
            }
            Path folder = dir.resolve(w.name());
            if (Files.exists(folder)) {
                try (var walk = Files.walk(folder)) { // stale files of an older generation would survive otherwise
                    walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
            w.writeFolder(folder);
            Files.write(dir.resolve(w.name() + ".knwf"), w.knwf());
        }
        Files.writeString(dir.resolve("workflowset.meta"), groupMeta());
        if (!failed.isEmpty()) {
            throw new IllegalStateException("workflows not generated: " + failed);
        }
    }

    /** The workflow group's metadata (a folder with workflowset.meta and no workflow.knime is a group). */
    static String groupMeta() {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<KNIMEMetaInfo nrOfElements=\"2\" xmlns=\"http://www.knime.org/2.9/metainfo\">\n"
            + "    <element form=\"multiline\" name=\"Comments\" read-only=\"false\">DeepCLEM for KNIME example "
            + "workflows: demo, batch registration, training.</element>\n"
            + "    <element form=\"text\" name=\"Last Edited\" read-only=\"true\">" + Workflow.TIMESTAMP
            + "</element>\n" + "</KNIMEMetaInfo>";
    }
}
