package org.knime.deepclem.realknime.workflows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeHarness;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.workflow.NativeNodeContainer;
import org.knime.core.node.workflow.NodeID;
import org.knime.core.node.workflow.NodeMessage;
import org.knime.core.node.workflow.WorkflowCreationHelper;
import org.knime.core.node.workflow.WorkflowManager;
import org.knime.core.node.workflow.contextv2.WorkflowContextV2;
import org.knime.deepclem.engine.predict.VirtualChromatinModel;
import org.knime.deepclem.nodes.learn.ClemNetworkLearnerNodeFactory;
import org.knime.deepclem.nodes.predict.VirtualChromatinPredictorNodeFactory;
import org.knime.deepclem.realknime.KnimeRuntime;

/**
 * File options with knime:// URLs, resolved by KNIME's own code for a workflow in a local mount point (as in KNIME
 * AP's LOCAL workspace): the predictor reads a model from the workflow's data folder and from the mount point, the
 * learner writes there; what cannot be resolved fails the node at configure with a message saying what to change.
 * On 5.12 the URLs go through KNIME's own knime: handler, on 5.4 through the real core's resolver (KnimeUrls).
 */
class KnimeUrlOptionsTest {

    @TempDir
    Path m_mountpoint;

    private WorkflowManager m_wfm;

    private Path m_workflow;

    @AfterEach
    void close() {
        if (m_wfm != null) {
            WorkflowManager.ROOT.removeProject(m_wfm.getID());
        }
    }

    /** A workflow at LOCAL:/group/flow whose data/ holds the demo EM and the s6 pair. */
    private void workflow() throws Exception {
        m_workflow = m_mountpoint.resolve("group/flow");
        Path data = Files.createDirectories(m_workflow.resolve("data"));
        Path repo = KnimeRuntime.repositoryRoot().resolve("data/deepclem");
        Files.copy(repo.resolve("example/EM.png"), data.resolve("em.png"));
        Files.copy(repo.resolve("training/em/s6.png"), data.resolve("s6-em.png"));
        Files.copy(repo.resolve("training/chromatin/s6.png"), data.resolve("s6-chromatin.png"));
        WorkflowContextV2 context = WorkflowContextV2.builder()
            .withAnalyticsPlatformExecutor(e -> e.withCurrentUserAsUserId().withLocalWorkflowPath(m_workflow)
                .withMountpoint("LOCAL", m_mountpoint))
            .withLocalLocation().build();
        m_wfm = WorkflowManager.ROOT.createAndAddProject("flow", new WorkflowCreationHelper(context));
    }

    /** A source of the given image files (knime:// URLs) in columns "Image" + suffix. */
    private NodeID images(final List<String> columns, final List<String> urls, final List<String> suffixes)
        throws Exception {
        NodeSettingsRO table = TableCreatorNode.settings(columns, List.of(urls));
        List<NodeSettingsRO> readers = new java.util.ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            readers.add(ImageReaderTableNode.settings(columns.get(i), suffixes.get(i)));
        }
        return add(new WorkflowImagesNodeFactory(), WorkflowImagesNodeFactory.settings(table, readers));
    }

    private NodeID add(final NodeFactory<?> factory, final NodeSettingsRO model) throws Exception {
        NodeID id = m_wfm.createAndAddNode(factory);
        set(id, model);
        return id;
    }

    private void set(final NodeID id, final NodeSettingsRO model) throws Exception {
        NodeSettings s = new NodeSettings("settings");
        m_wfm.saveNodeSettings(id, s);
        model.copyTo(s.addNodeSettings("model"));
        m_wfm.loadNodeSettings(id, s);
    }

    /** Our node's default settings changed by {@code edit}. */
    private static NodeSettingsRO settings(final NodeFactory<?> factory, final NodeHarness.SettingsEdit edit)
        throws Exception {
        NodeHarness h = new NodeHarness(factory);
        h.editSettings(edit);
        return h.saveSettings();
    }

    private NativeNodeContainer node(final NodeID id) {
        return (NativeNodeContainer)m_wfm.getNodeContainer(id);
    }

    private void execute(final NodeID id) throws Exception {
        m_wfm.executeUpToHere(id);
        m_wfm.waitWhileInExecution(5, TimeUnit.MINUTES);
        assertTrue(node(id).getNodeContainerState().isExecuted(), node(id).getNodeMessage().toString());
    }

    /** The node refuses to configure (KNIME shows that as a warning), its message containing each of {@code parts}. */
    private void assertConfigureError(final NodeID id, final String... parts) {
        NodeMessage m = node(id).getNodeMessage();
        assertTrue(!node(id).getNodeContainerState().isConfigured(), node(id).getNodeContainerState().toString());
        assertEquals(NodeMessage.Type.WARNING, m.getMessageType(), m.toString());
        for (String p : parts) {
            assertTrue(m.getMessage().contains(p), "\"" + p + "\" not in: " + m.getMessage());
        }
    }

    @Test
    void predictorReadsItsModelFromTheWorkflowAndTheMountpoint() throws Exception {
        workflow();
        try (InputStream model = VirtualChromatinModel.class
            .getResourceAsStream(VirtualChromatinModel.DEFAULT_MODEL_RESOURCE)) {
            Files.copy(model, m_workflow.resolve("data/model.zip"));
        }
        Files.createDirectories(m_mountpoint.resolve("models"));
        Files.copy(m_workflow.resolve("data/model.zip"), m_mountpoint.resolve("models/shared.zip"));
        NodeID source = images(List.of("EM file"), List.of("knime://knime.workflow/data/em.png"), List.of(" EM"));
        NodeID predictor = add(new VirtualChromatinPredictorNodeFactory(), predictorWith(
            "knime://knime.workflow/data/model.zip"));
        m_wfm.addConnection(source, 1, predictor, 1);
        execute(predictor);
        assertEquals(List.of("EM file", "Image EM", "Virtual chromatin"),
            List.of(LoadedWorkflow.table(node(predictor), 1).getDataTableSpec().getColumnNames()));

        set(predictor, predictorWith("knime://knime.mountpoint/models/shared.zip"));
        execute(predictor);

        set(predictor, predictorWith("knime://knime.mountpoint/models/none.zip"));
        assertConfigureError(predictor, "\"Model file or folder\"", "knime://knime.mountpoint/models/none.zip",
            "does not exist");
        set(predictor, predictorWith("models/shared.zip"));
        assertConfigureError(predictor, "is a relative path", "knime://knime.workflow/data/shared.zip");
    }

    private static NodeSettingsRO predictorWith(final String modelPath) throws Exception {
        return settings(new VirtualChromatinPredictorNodeFactory(), s -> {
            s.addString("image_column", "Image EM");
            s.addString("model_source", "Model file or folder");
            s.addString("model_path", modelPath);
        });
    }

    @Test
    void learnerWritesIntoTheWorkflowsDataFolderByDefaultAndIntoTheMountpoint() throws Exception {
        workflow();
        NodeID source = images(List.of("EM file", "Chromatin file"), List.of("knime://knime.workflow/data/s6-em.png",
            "knime://knime.workflow/data/s6-chromatin.png"), List.of(" EM", " Chromatin"));
        NodeID learner = add(new ClemNetworkLearnerNodeFactory(), learnerWith(null));
        m_wfm.addConnection(source, 1, learner, 1);
        execute(learner);
        assertTrue(Files.size(m_workflow.resolve("data/deepclem-model.zip")) > 1000, "default: workflow data folder");

        set(learner, learnerWith("knime://knime.mountpoint/models/m.zip"));
        execute(learner);
        assertTrue(Files.size(m_mountpoint.resolve("models/m.zip")) > 1000, "mount point, folder created");

        set(learner, learnerWith("knime://knime.workflow/../../../outside.zip"));
        assertConfigureError(learner, "\"Model file (.zip)\"", "cannot resolve knime://knime.workflow/../../../outside.zip");
        assertTrue(Files.notExists(m_mountpoint.resolveSibling("outside.zip")));
    }

    /** A seconds-long training; {@code output} null keeps the node's default. */
    private static NodeSettingsRO learnerWith(final String output) throws Exception {
        return settings(new ClemNetworkLearnerNodeFactory(), s -> {
            if (output != null) {
                s.addString("output_path", output);
            }
            s.addString("em_column", "Image EM");
            s.addString("chromatin_column", "Image Chromatin");
            s.addBoolean("overwrite", true);
            s.addInt("steps", 2);
            s.addInt("patch_size", 16);
            s.addInt("batch_size", 2);
            s.addInt("validate_every", 1);
            s.addInt("depth", 2);
            s.addInt("filters", 4);
        });
    }
}
