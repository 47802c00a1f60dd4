package org.knime.deepclem.workflows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.StringValue;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.NodeHarness;
import org.knime.deepclem.nodes.TestImages;
import org.knime.deepclem.workflows.Workflow.Connection;
import org.knime.deepclem.workflows.Workflow.Parsed;
import org.knime.knip.base.data.img.ImgPlusCell;
import org.knime.knip.base.data.img.ImgPlusValue;

/**
 * Executes a stored workflow headlessly through the KNIME stand-in: our nodes run as they are, with the settings
 * stored in their settings.xml; the KNIME/KNIP nodes around them are emulated from their stored settings as the real
 * nodes behave (Table Creator builds its string table, Image Reader (Table) reads the image at each row's path as
 * KNIP does, the sinks check their input). Returns every node's output tables.
 */
final class WorkflowRunner {

    private final Path m_workflowDir;

    private final Parsed m_workflow;

    /** Per node: model settings replaced for this run, as the batch executor's -option=nodeID,key,value,type does. */
    private final Map<Integer, Map<String, KnimeConfig.Entry>> m_options = new HashMap<>();

    /** @param workflowDir the folder the workflow's knime://knime.workflow/ URLs resolve against */
    WorkflowRunner(final Path workflowDir, final Parsed workflow) {
        m_workflowDir = workflowDir;
        m_workflow = workflow;
    }

    /** Replaces the stored model setting {@code key} of node {@code id} for this run (like -option). */
    WorkflowRunner option(final int id, final String key, final String type, final String value) {
        m_options.computeIfAbsent(id, k -> new LinkedHashMap<>()).put(key, new KnimeConfig.Entry(type, value));
        return this;
    }

    /** Runs every node in dependency order; returns the output tables by node id. */
    Map<Integer, BufferedDataTable[]> run() throws Exception {
        Map<Integer, BufferedDataTable[]> outputs = new LinkedHashMap<>();
        List<Parsed.Node> pending = new ArrayList<>(m_workflow.nodes());
        while (!pending.isEmpty()) {
            Parsed.Node next = pending.stream().filter(n -> inputsReady(n, outputs)).findFirst()
                .orElseThrow(() -> new IllegalStateException("the workflow has a cycle or a dangling input among "
                    + pending.stream().map(Parsed.Node::id).toList()));
            pending.remove(next);
            outputs.put(next.id(), execute(next, inputs(next, outputs)));
        }
        return outputs;
    }

    private boolean inputsReady(final Parsed.Node n, final Map<Integer, BufferedDataTable[]> done) {
        return m_workflow.connections().stream().filter(c -> c.dest() == n.id())
            .allMatch(c -> done.containsKey(c.source()));
    }

    private BufferedDataTable[] inputs(final Parsed.Node n, final Map<Integer, BufferedDataTable[]> done) {
        Map<Integer, BufferedDataTable> byPort = new HashMap<>();
        for (Connection c : m_workflow.connections()) {
            if (c.dest() == n.id()) {
                byPort.put(c.destPort() - 1, done.get(c.source())[c.sourcePort() - 1]);
            }
        }
        BufferedDataTable[] in = new BufferedDataTable[byPort.size()];
        for (int i = 0; i < in.length; i++) {
            in[i] = byPort.get(i);
            if (in[i] == null) {
                throw new IllegalStateException("node #" + n.id() + ": input port " + (i + 1) + " is not connected");
            }
        }
        return in;
    }

    private BufferedDataTable[] execute(final Parsed.Node n, final BufferedDataTable[] in) throws Exception {
        KnimeNodes knime = KnimeNodes.byFactory(n.factory());
        if (knime == null) { // one of ours
            NodeHarness h = new NodeHarness(WorkflowBuilder.factory(n.factory()));
            KnimeConfig model = n.model();
            for (Map.Entry<String, KnimeConfig.Entry> o : m_options.getOrDefault(n.id(), Map.of()).entrySet()) {
                if (!model.has(o.getKey())) {
                    throw new IllegalArgumentException("node #" + n.id() + " has no setting " + o.getKey());
                }
                model.entry(o.getKey(), o.getValue().type(), o.getValue().value());
            }
            h.loadSettings(SettingsBridge.toSettings(model));
            return h.execute(in);
        }
        KnimeConfig m = n.model();
        return switch (knime) {
            case TABLE_CREATOR -> new BufferedDataTable[] {tableCreator(m)};
            case IMAGE_READER_TABLE -> new BufferedDataTable[] {readImages(in[0], m)};
            case IMAGE_WRITER -> {
                requireImageColumn(in[0], m.getString("img_column_key"), n);
                yield new BufferedDataTable[0];
            }
            case IMAGE_VIEWER -> {
                if (in[0].getDataTableSpec().stream().noneMatch(c -> c.getType().isCompatible(ImgPlusValue.class))) {
                    throw new IllegalStateException("node #" + n.id() + " (Image Viewer) gets no image column");
                }
                yield new BufferedDataTable[0];
            }
        };
    }

    private static void requireImageColumn(final BufferedDataTable t, final String col, final Parsed.Node n) {
        DataColumnSpec c = t.getDataTableSpec().getColumnSpec(col);
        if (c == null || !c.getType().isCompatible(ImgPlusValue.class)) {
            throw new IllegalStateException("node #" + n.id() + ": image column \"" + col + "\" not in "
                + List.of(t.getDataTableSpec().getColumnNames()));
        }
    }

    /** Table Creator: string cells at (rowIndices[i], columnIndices[i]); row IDs prefix + (start + row). */
    private static BufferedDataTable tableCreator(final KnimeConfig m) {
        List<String> rowIdx = m.getStrings("rowIndices"), colIdx = m.getStrings("columnIndices");
        List<String> values = m.getStrings("values");
        List<KnimeConfig> props = m.getConfig("columnProperties").children();
        int nRows = rowIdx.stream().mapToInt(Integer::parseInt).max().orElse(-1) + 1;
        String[][] cells = new String[nRows][props.size()];
        for (int i = 0; i < values.size(); i++) {
            cells[Integer.parseInt(rowIdx.get(i))][Integer.parseInt(colIdx.get(i))] = values.get(i);
        }
        DataColumnSpec[] specs = props.stream()
            .map(p -> new DataColumnSpecCreator(p.getString("ColumnName"), StringCell.TYPE).createSpec())
            .toArray(DataColumnSpec[]::new);
        List<DataRow> rows = new ArrayList<>();
        for (int r = 0; r < nRows; r++) {
            DataCell[] row = new DataCell[specs.length];
            for (int c = 0; c < specs.length; c++) {
                row[c] = new StringCell(cells[r][c]);
            }
            rows.add(new DefaultRow(m.getString("rowIdPrefix") + (m.getInt("rowIdStartValue") + r)
                + m.getString("rowIdSuffix"), row));
        }
        return NodeHarness.table(new DataTableSpec(specs), rows);
    }

    /** Image Reader (Table), Append mode: the image at each row's path as column "Image" + suffix; row IDs kept. */
    private BufferedDataTable readImages(final BufferedDataTable in, final KnimeConfig m) throws IOException {
        if (!"Append".equals(m.getString("m_colCreationMode"))) {
            throw new IllegalStateException("the shipped workflows append images; this reader is set to "
                + m.getString("m_colCreationMode"));
        }
        DataTableSpec spec = in.getDataTableSpec();
        int pathCol = spec.findColumnIndex(m.getString("filename_column"));
        if (pathCol < 0) {
            throw new IllegalStateException("Image Reader (Table): path column \"" + m.getString("filename_column")
                + "\" not in " + List.of(spec.getColumnNames()));
        }
        String name = DataTableSpec.getUniqueColumnName(spec, "Image" + m.getString("m_colSuffix"));
        DataTableSpec out = new DataTableSpec(spec,
            new DataTableSpec(new DataColumnSpecCreator(name, ImgPlusCell.TYPE).createSpec()));
        List<DataRow> rows = new ArrayList<>();
        for (DataRow r : in) {
            List<DataCell> cells = new ArrayList<>();
            r.forEach(cells::add);
            cells.add(TestImages.png(resolve(((StringValue)r.getCell(pathCol)).getStringValue())));
            rows.add(new DefaultRow(r.getKey(), cells));
        }
        return NodeHarness.table(out, rows);
    }

    /** A knime://knime.workflow/ URL as KNIME resolves it: relative to the workflow folder. */
    Path resolve(final String url) throws IOException {
        String prefix = WorkflowGenerator.WF;
        if (!url.startsWith(prefix)) {
            throw new IOException("shipped workflows must read their own data (" + prefix + "...), not " + url);
        }
        Path p = m_workflowDir.resolve(url.substring(prefix.length())).normalize();
        if (!p.startsWith(m_workflowDir) || !Files.isRegularFile(p)) {
            throw new IOException(url + " does not name a file in " + m_workflowDir);
        }
        return p;
    }
}
