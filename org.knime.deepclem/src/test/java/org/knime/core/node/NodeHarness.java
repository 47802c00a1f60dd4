package org.knime.core.node;

import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;

/**
 * Runs a node model as KNIME would: settings round trips, configure, execute with a progress monitor that can
 * cancel. The same harness runs on the API stand-in (Maven build) and on KNIME's real core (knime-real-tests/); only
 * {@link TestExecution}, which makes the execution context, differs. Lives in org.knime.core.node because
 * NodeModel's lifecycle methods are protected.
 */
public final class NodeHarness {

    /**
     * A progress monitor that cancels once progress has been set {@code cancelAfter} times (any of the three
     * setProgress variants: in KNIME they do not call each other).
     */
    public static final class CancelingMonitor extends DefaultNodeProgressMonitor {

        private final int m_cancelAfter;

        private int m_calls;

        public CancelingMonitor(final int cancelAfter) {
            m_cancelAfter = cancelAfter;
            if (cancelAfter <= 0) {
                setExecuteCanceled();
            }
        }

        @Override
        public synchronized void setProgress(final double progress) {
            super.setProgress(progress);
            count();
        }

        @Override
        public synchronized void setProgress(final double progress, final String message) {
            super.setProgress(progress, message);
            count();
        }

        @Override
        public synchronized void setProgress(final double progress, final Supplier<String> message) {
            super.setProgress(progress, message);
            count();
        }

        private void count() {
            if (++m_calls >= m_cancelAfter) {
                setExecuteCanceled();
            }
        }
    }

    private final NodeFactory<? extends NodeModel> m_factory;

    private final NodeModel m_model;

    private NodeProgressMonitor m_monitor = new DefaultNodeProgressMonitor();

    public NodeHarness(final NodeFactory<? extends NodeModel> factory) {
        m_factory = factory;
        m_model = factory.createNodeModel();
    }

    public NodeModel model() {
        return m_model;
    }

    public NodeProgressMonitor monitor() {
        return m_monitor;
    }

    /** Use this monitor for the next executions. */
    public NodeHarness withMonitor(final NodeProgressMonitor monitor) {
        m_monitor = monitor;
        return this;
    }

    /** The model's current settings. */
    public NodeSettings saveSettings() {
        NodeSettings s = new NodeSettings("model");
        m_model.saveSettingsTo(s);
        return s;
    }

    /** Validates, then loads, as KNIME does when settings are applied. */
    public void loadSettings(final NodeSettingsRO settings) throws InvalidSettingsException {
        m_model.validateSettings(settings);
        m_model.loadValidatedSettingsFrom(settings);
    }

    /** Saves, edits with {@code edit}, and loads the settings back. */
    public void editSettings(final SettingsEdit edit) throws InvalidSettingsException {
        NodeSettings s = saveSettings();
        edit.apply(s);
        loadSettings(s);
    }

    /** Changes a saved settings tree. */
    @FunctionalInterface
    public interface SettingsEdit {
        void apply(NodeSettings settings) throws InvalidSettingsException;
    }

    public DataTableSpec[] configure(final DataTableSpec... inSpecs) throws InvalidSettingsException {
        PortObjectSpec[] out = configurePorts(inSpecs);
        return Arrays.copyOf(out, out.length, DataTableSpec[].class);
    }

    /** configure, then execute (as KNIME does); returns the output tables. */
    public BufferedDataTable[] execute(final BufferedDataTable... inData) throws Exception {
        PortObject[] out = executePorts(inData);
        return Arrays.copyOf(out, out.length, BufferedDataTable[].class);
    }

    /** A file store of this node's execution context (e.g. for a port object that copies files into one). */
    public org.knime.core.data.filestore.FileStore createFileStore(final String name) throws java.io.IOException {
        return TestExecution.create(m_factory, m_monitor).createFileStore(name);
    }

    /** configure with port specs; as in KNIME, an unconnected (optional) port trailing the given ones is null. */
    public PortObjectSpec[] configurePorts(final PortObjectSpec... inSpecs) throws InvalidSettingsException {
        return m_model.configure(Arrays.copyOf(inSpecs, inPorts(), PortObjectSpec[].class));
    }

    /** configure, then execute with port objects (unconnected trailing ports null). */
    public PortObject[] executePorts(final PortObject... inObjects) throws Exception {
        PortObject[] in = Arrays.copyOf(inObjects, inPorts(), PortObject[].class);
        configurePorts(Arrays.stream(in).map(o -> o == null ? null : o.getSpec()).toArray(PortObjectSpec[]::new));
        return m_model.execute(in, TestExecution.create(m_factory, m_monitor));
    }

    public int inPorts() {
        return m_model.getNrInPorts();
    }

    public int outPorts() {
        return m_model.getNrOutPorts();
    }

    public String warning() {
        return m_model.getWarningMessage();
    }

    /** The node's dialog after loading {@code settings} with {@code specs}, saved again. */
    public NodeSettings dialogRoundTrip(final NodeSettingsRO settings, final DataTableSpec... specs)
        throws NotConfigurableException, InvalidSettingsException {
        return dialogRoundTrip(m_factory.createNodeDialogPane(), settings, specs);
    }

    /** {@code dialog} after loading {@code settings} with {@code specs}, saved again. */
    public static NodeSettings dialogRoundTrip(final NodeDialogPane dialog, final NodeSettingsRO settings,
        final DataTableSpec... specs) throws NotConfigurableException, InvalidSettingsException {
        dialog.loadSettingsFrom(settings, (PortObjectSpec[])specs);
        NodeSettings out = new NodeSettings("model");
        dialog.saveSettingsTo(out);
        return out;
    }

    /** A table of these rows. */
    public static BufferedDataTable table(final DataTableSpec spec, final List<? extends DataRow> rows) {
        BufferedDataContainer c = executionContext().createDataContainer(spec);
        rows.forEach(c::addRowToTable);
        c.close();
        return c.getTable();
    }

    /** A fresh execution context (for building tables and image cells in tests). */
    public static ExecutionContext executionContext() {
        return TestExecution.create(null, new DefaultNodeProgressMonitor());
    }
}
