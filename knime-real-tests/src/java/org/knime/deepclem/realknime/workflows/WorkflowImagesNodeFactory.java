package org.knime.deepclem.realknime.workflows;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.BufferedDataContainer;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeModel;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;
import org.knime.core.util.FileUtil;
import org.knime.deepclem.nodes.TestImages;
import org.knime.deepclem.realknime.HeadlessNodeFactory;
import org.knime.knip.base.data.img.ImgPlusCell;
import org.knime.knip.base.data.img.ImgPlusCellFactory;

/**
 * Test only: stands in for a shipped workflow's Table Creator and Image Reader (Table) nodes, which the kit cannot
 * run. Its settings are those nodes' stored settings; it outputs the table they would: the Table Creator's table as
 * {@link TableCreatorNode#table} reads it, then per reader the image at each row's path in column "Image" + suffix
 * (as {@link ImageReaderTableNode#appendedColumn}), read as KNIP reads a PNG ({@link TestImages#png}). Paths are
 * resolved with the real core's FileUtil, knime:// URLs against this workflow (KNIP uses ResolverUtil, whose service
 * needs OSGi).
 */
public final class WorkflowImagesNodeFactory extends HeadlessNodeFactory {

    static final String TABLE = "table_creator", READERS = "image_readers";

    /** The settings: the Table Creator's model and each reader's model, in the order the readers are chained. */
    static NodeSettings settings(final NodeSettingsRO tableCreator, final List<NodeSettingsRO> readers) {
        NodeSettings s = new NodeSettings("model");
        tableCreator.copyTo(s.addNodeSettings(TABLE));
        NodeSettingsWO r = s.addNodeSettings(READERS);
        for (int i = 0; i < readers.size(); i++) {
            readers.get(i).copyTo(r.addNodeSettings(Integer.toString(i)));
        }
        return s;
    }

    @Override
    public NodeModel createNodeModel() {
        return new Model();
    }

    private static final class Model extends NodeModel {

        private NodeSettings m_settings;

        Model() {
            super(0, 1);
        }

        private List<NodeSettingsRO> readers() throws InvalidSettingsException {
            NodeSettingsRO r = m_settings.getNodeSettings(READERS);
            List<NodeSettingsRO> out = new ArrayList<>();
            for (int i = 0; r.containsKey(Integer.toString(i)); i++) {
                out.add(r.getNodeSettings(Integer.toString(i)));
            }
            return out;
        }

        private DataTableSpec spec(final TableCreatorNode.Table table) throws InvalidSettingsException {
            List<DataColumnSpec> columns = new ArrayList<>();
            table.columns().forEach(c -> columns.add(new DataColumnSpecCreator(c, StringCell.TYPE).createSpec()));
            for (NodeSettingsRO reader : readers()) {
                String path = reader.getString("filename_column");
                if (!table.columns().contains(path)) {
                    throw new InvalidSettingsException("reader path column \"" + path + "\" is not in "
                        + table.columns());
                }
                DataTableSpec sofar = new DataTableSpec(columns.toArray(DataColumnSpec[]::new));
                columns.add(new DataColumnSpecCreator(ImageReaderTableNode.appendedColumn(reader, sofar),
                    ImgPlusCell.TYPE).createSpec());
            }
            return new DataTableSpec(columns.toArray(DataColumnSpec[]::new));
        }

        @Override
        protected DataTableSpec[] configure(final DataTableSpec[] inSpecs) throws InvalidSettingsException {
            return new DataTableSpec[]{spec(TableCreatorNode.table(m_settings.getNodeSettings(TABLE)))};
        }

        @Override
        protected BufferedDataTable[] execute(final BufferedDataTable[] inData, final ExecutionContext exec)
            throws Exception {
            TableCreatorNode.Table table = TableCreatorNode.table(m_settings.getNodeSettings(TABLE));
            DataTableSpec spec = spec(table);
            List<NodeSettingsRO> readers = readers();
            ImgPlusCellFactory cells = new ImgPlusCellFactory(exec);
            BufferedDataContainer out = exec.createDataContainer(spec);
            for (int r = 0; r < table.rows().size(); r++) {
                List<String> values = table.rows().get(r);
                List<DataCell> row = new ArrayList<>();
                values.forEach(v -> row.add(v == null ? DataType.getMissingCell() : new StringCell(v)));
                for (NodeSettingsRO reader : readers) {
                    String location = values.get(table.columns().indexOf(reader.getString("filename_column")));
                    if (location == null) {
                        row.add(DataType.getMissingCell()); // KNIP: a missing path gives a missing image
                    } else {
                        Path file = FileUtil.resolveToPath(FileUtil.toURL(location));
                        row.add(TestImages.png(file, cells));
                    }
                }
                out.addRowToTable(new DefaultRow(table.rowIds().get(r), row));
            }
            out.close();
            return new BufferedDataTable[]{out.getTable()};
        }

        @Override
        protected void saveSettingsTo(final NodeSettingsWO settings) {
            if (m_settings != null) {
                m_settings.copyTo(settings);
            }
        }

        @Override
        protected void validateSettings(final NodeSettingsRO settings) throws InvalidSettingsException {
            TableCreatorNode.table(settings.getNodeSettings(TABLE));
            settings.getNodeSettings(READERS);
        }

        @Override
        protected void loadValidatedSettingsFrom(final NodeSettingsRO settings) {
            m_settings = new NodeSettings("model");
            settings.copyTo(m_settings);
        }

        @Override
        protected void loadInternals(final File dir, final ExecutionMonitor exec) {
        }

        @Override
        protected void saveInternals(final File dir, final ExecutionMonitor exec) {
        }

        @Override
        protected void reset() {
        }
    }

}
