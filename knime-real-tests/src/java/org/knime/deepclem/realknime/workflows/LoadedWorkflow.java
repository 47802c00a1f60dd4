package org.knime.deepclem.realknime.workflows;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.missing.MissingNodeModel;
import org.knime.core.node.workflow.ConnectionContainer;
import org.knime.core.node.workflow.NativeNodeContainer;
import org.knime.core.node.workflow.NodeContainer;
import org.knime.core.node.workflow.NodeID;
import org.knime.core.node.workflow.WorkflowLoadHelper;
import org.knime.core.node.workflow.WorkflowManager;
import org.knime.core.node.workflow.WorkflowPersistor.WorkflowLoadResult;

/**
 * A workflow loaded by KNIME's real WorkflowManager from a copy of its folder (the repository's files stay as they
 * are), with what the tests need: its missing (KNIME/KNIP) nodes, our nodes, and replacing the Table Creator and
 * image readers by {@link WorkflowImagesNodeFactory}.
 */
final class LoadedWorkflow implements AutoCloseable {

    final Path m_dir;

    final WorkflowLoadResult m_result;

    final WorkflowManager m_wfm;

    private LoadedWorkflow(final Path dir, final WorkflowLoadResult result) {
        m_dir = dir;
        m_result = result;
        m_wfm = result.getWorkflowManager();
    }

    /** Copies {@code workflow} (a folder) into a new temporary folder and loads it there. */
    static LoadedWorkflow copyAndLoad(final Path workflow) throws Exception {
        Path copy = Files.createTempDirectory("deepclem-wf").resolve(workflow.getFileName().toString());
        try (Stream<Path> walk = Files.walk(workflow)) {
            for (Path p : walk.toList()) {
                Files.copy(p, copy.resolve(workflow.relativize(p).toString()));
            }
        }
        return load(copy);
    }

    /** Loads the workflow in {@code dir} as it is. */
    static LoadedWorkflow load(final Path dir) throws Exception {
        WorkflowLoadResult r = WorkflowManager.loadProject(dir.toFile(), new ExecutionMonitor(),
            new WorkflowLoadHelper(dir.toFile()));
        return new LoadedWorkflow(dir, r);
    }

    /** Factory class of each node KNIME could not load (placeholder instead). */
    List<String> missingFactories() {
        return m_result.getMissingNodes().stream().map(n -> n.getFactoryClassNotNull()).sorted().toList();
    }

    /** Our nodes (DeepCLEM factories), in node-id order. */
    List<NativeNodeContainer> ours() {
        return nodes().stream().filter(n -> factory(n).startsWith("org.knime.deepclem.nodes.")).toList();
    }

    List<NativeNodeContainer> nodes() {
        return m_wfm.getNodeContainers().stream().filter(NativeNodeContainer.class::isInstance)
            .map(NativeNodeContainer.class::cast).sorted(Comparator.comparing(NodeContainer::getID)).toList();
    }

    /** The factory a node was saved with (for a placeholder: the missing node's). */
    static String factory(final NativeNodeContainer n) {
        return n.getNodeModel() instanceof MissingNodeModel m ? m.getNodeAndBundleInformation().getFactoryClassNotNull()
            : n.getNode().getFactory().getClass().getName();
    }

    NativeNodeContainer node(final int id) {
        return (NativeNodeContainer)m_wfm.getNodeContainer(new NodeID(m_wfm.getID(), id));
    }

    /** The first node made by {@code factory}. */
    Optional<NativeNodeContainer> first(final String factory) {
        return nodes().stream().filter(n -> factory(n).equals(factory)).findFirst();
    }

    /** The model settings a node holds now (as KNIME would save them). */
    NodeSettingsRO modelSettings(final NodeContainer nc) throws Exception {
        NodeSettings s = new NodeSettings("settings");
        m_wfm.saveNodeSettings(nc.getID(), s);
        return s.getNodeSettings("model");
    }

    /** The model settings stored in the node's settings.xml. */
    NodeSettingsRO storedModelSettings(final NodeContainer nc) throws IOException, Exception {
        Path file = nc.getNodeContainerDirectory().getFile().toPath().resolve("settings.xml");
        try (InputStream in = Files.newInputStream(file)) {
            return NodeSettings.loadFromXML(in).getNodeSettings("model");
        }
    }

    /**
     * Replaces the Table Creator and the chain of image readers behind it by {@link WorkflowImagesNodeFactory},
     * configured with their stored settings and connected where the last reader was.
     */
    void replaceReadersBySource() throws Exception {
        NativeNodeContainer table = first(TableCreatorNode.INSTANCE.factory()).orElseThrow();
        List<NativeNodeContainer> chain = new ArrayList<>(List.of(table));
        while (true) {
            NativeNodeContainer last = chain.get(chain.size() - 1);
            Optional<NativeNodeContainer> next = downstream(last).stream()
                .filter(n -> factory(n).equals(ImageReaderTableNode.INSTANCE.factory())).findFirst();
            if (next.isEmpty()) {
                break;
            }
            chain.add(next.get());
        }
        List<NodeSettingsRO> readers = new ArrayList<>();
        for (NativeNodeContainer reader : chain.subList(1, chain.size())) {
            readers.add(modelSettings(reader));
        }
        NodeSettings source = WorkflowImagesNodeFactory.settings(modelSettings(table), readers);
        Map<NodeID, Integer> targets = new LinkedHashMap<>();
        for (ConnectionContainer c : m_wfm.getOutgoingConnectionsFor(chain.get(chain.size() - 1).getID())) {
            targets.put(c.getDest(), c.getDestPort());
        }
        for (NativeNodeContainer n : chain) {
            m_wfm.removeNode(n.getID());
        }
        NodeID id = m_wfm.createAndAddNode(new WorkflowImagesNodeFactory());
        NodeSettings settings = new NodeSettings("settings");
        m_wfm.saveNodeSettings(id, settings);
        source.copyTo(settings.addNodeSettings("model"));
        m_wfm.loadNodeSettings(id, settings);
        targets.forEach((dest, port) -> m_wfm.addConnection(id, 1, dest, port));
    }

    List<NativeNodeContainer> downstream(final NodeContainer nc) {
        return m_wfm.getOutgoingConnectionsFor(nc.getID()).stream()
            .map(c -> (NativeNodeContainer)m_wfm.getNodeContainer(c.getDest())).toList();
    }

    /** The node and out-port (1 = first data port) feeding data in-port {@code port} of {@code nc}. */
    ConnectionContainer input(final NodeContainer nc, final int port) {
        return m_wfm.getIncomingConnectionsFor(nc.getID()).stream().filter(c -> c.getDestPort() == port).findFirst()
            .orElseThrow();
    }

    /** Executes our nodes (the placeholders cannot run) and waits. */
    void executeOurs(final long minutes) throws InterruptedException {
        m_wfm.executeUpToHere(ours().stream().map(NodeContainer::getID).toArray(NodeID[]::new));
        m_wfm.waitWhileInExecution(minutes, TimeUnit.MINUTES);
    }

    /** Output table {@code port} (1 = first data port) of a node. */
    static BufferedDataTable table(final NativeNodeContainer nc, final int port) {
        return (BufferedDataTable)nc.getOutPort(port).getPortObject();
    }

    /** Saves with data into a new folder. */
    Path saveCopy() throws Exception {
        Path to = Files.createTempDirectory("deepclem-wf-saved").resolve(m_dir.getFileName().toString());
        m_wfm.save(to.toFile(), new ExecutionMonitor(), true);
        return to;
    }

    @Override
    public void close() {
        WorkflowManager.ROOT.removeProject(m_wfm.getID());
    }
}
