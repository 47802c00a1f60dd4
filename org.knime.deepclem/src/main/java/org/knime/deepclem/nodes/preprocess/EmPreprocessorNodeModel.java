package org.knime.deepclem.nodes.preprocess;

import java.io.IOException;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.container.ColumnRearranger;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.deepclem.engine.io.ChannelSelection;
import org.knime.deepclem.engine.io.LoadedImage;
import org.knime.deepclem.engine.preprocess.EmPreprocessing;
import org.knime.deepclem.nodes.common.ColumnMode;
import org.knime.deepclem.nodes.common.ImageCellFactory;
import org.knime.deepclem.nodes.common.ImageColumns;
import org.knime.deepclem.nodes.common.ImagePlanes;
import org.knime.deepclem.nodes.common.SettingsNodeModel;
import org.knime.knip.base.data.img.ImgPlusCell;
import org.knime.knip.base.data.img.ImgPlusCellFactory;
import org.knime.knip.base.data.img.ImgPlusValue;

/** Preprocesses the images of one column as the engine prepares EM images for the network. */
public final class EmPreprocessorNodeModel extends SettingsNodeModel<EmPreprocessorSettings> {

    EmPreprocessorNodeModel() {
        super(1, 1, new EmPreprocessorSettings());
    }

    @Override
    protected DataTableSpec[] configure(final DataTableSpec[] inSpecs) throws InvalidSettingsException {
        return new DataTableSpec[]{createRearranger(inSpecs[0], null).createSpec()};
    }

    @Override
    protected BufferedDataTable[] execute(final BufferedDataTable[] inData, final ExecutionContext exec)
        throws Exception {
        ColumnRearranger rearranger = createRearranger(inData[0].getDataTableSpec(), exec);
        return new BufferedDataTable[]{exec.createColumnRearrangeTable(inData[0], rearranger, exec)};
    }

    private ColumnRearranger createRearranger(final DataTableSpec spec, final ExecutionContext exec)
        throws InvalidSettingsException {
        m_settings.checkConsistency();
        var labels = m_settings.options();
        int column = ImageColumns.imageColumn(spec, m_settings.m_imageColumn,
            labels.label(EmPreprocessorSettings.IMAGE_COLUMN), "the input table");
        ColumnMode mode = ColumnMode.fromLabel(m_settings.m_columnMode.getStringValue(),
            labels.label(EmPreprocessorSettings.COLUMN_MODE));
        String name = mode == ColumnMode.REPLACE ? spec.getColumnSpec(column).getName()
            : ImageColumns.newColumnName(spec, m_settings.m_outputColumn.getStringValue(),
                labels.label(EmPreprocessorSettings.OUTPUT_COLUMN));
        DataColumnSpec out = new DataColumnSpecCreator(name, ImgPlusCell.TYPE).createSpec();
        EmPreprocessing step = m_settings.preprocessing();
        ChannelSelection channel = m_settings.channel();
        ImageCellFactory factory = new ImageCellFactory(out, column, exec) {
            @Override
            protected DataCell compute(final ImgPlusValue<?> image, final ImgPlusCellFactory cells, final String rowId)
                throws IOException {
                LoadedImage img = ImagePlanes.loaded(image);
                return ImagePlanes.cell(cells, step.apply(channel.apply(img), img.sampleType().bits()), rowId);
            }
        };
        ColumnRearranger rearranger = new ColumnRearranger(spec);
        if (mode == ColumnMode.REPLACE) {
            rearranger.replace(factory, column);
        } else {
            rearranger.append(factory);
        }
        return rearranger;
    }
}
