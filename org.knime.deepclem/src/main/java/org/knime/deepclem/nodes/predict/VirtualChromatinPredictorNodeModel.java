package org.knime.deepclem.nodes.predict;

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
import org.knime.deepclem.nodes.common.ColumnMode;
import org.knime.deepclem.nodes.common.ImageCellFactory;
import org.knime.deepclem.nodes.common.ImageColumns;
import org.knime.deepclem.nodes.common.ImagePlanes;
import org.knime.deepclem.nodes.common.PredictionOptions;
import org.knime.deepclem.nodes.common.SettingsNodeModel;
import org.knime.knip.base.data.img.ImgPlusCell;
import org.knime.knip.base.data.img.ImgPlusCellFactory;
import org.knime.knip.base.data.img.ImgPlusValue;

/** Predicts virtual chromatin for every EM image of a column; the model is loaded once per execution. */
public final class VirtualChromatinPredictorNodeModel extends SettingsNodeModel<VirtualChromatinPredictorSettings> {

    VirtualChromatinPredictorNodeModel() {
        super(1, 1, new VirtualChromatinPredictorSettings());
    }

    @Override
    protected DataTableSpec[] configure(final DataTableSpec[] inSpecs) throws InvalidSettingsException {
        return new DataTableSpec[]{createRearranger(inSpecs[0], null, null).createSpec()};
    }

    @Override
    protected BufferedDataTable[] execute(final BufferedDataTable[] inData, final ExecutionContext exec)
        throws Exception {
        exec.setMessage("Loading the model");
        try (PredictionOptions.Predictor predictor = m_settings.m_model.load()) {
            ColumnRearranger r = createRearranger(inData[0].getDataTableSpec(), exec, predictor);
            return new BufferedDataTable[]{exec.createColumnRearrangeTable(inData[0], r, exec)};
        }
    }

    private ColumnRearranger createRearranger(final DataTableSpec spec, final ExecutionContext exec,
        final PredictionOptions.Predictor predictor) throws InvalidSettingsException {
        m_settings.checkConsistency();
        m_settings.m_model.checkFound();
        var o = m_settings.options();
        int column = ImageColumns.imageColumn(spec, m_settings.m_imageColumn,
            o.label(VirtualChromatinPredictorSettings.IMAGE_COLUMN), "the input table");
        ColumnMode mode = ColumnMode.fromLabel(m_settings.m_columnMode.getStringValue(),
            o.label(VirtualChromatinPredictorSettings.COLUMN_MODE));
        String name = mode == ColumnMode.REPLACE ? spec.getColumnSpec(column).getName()
            : ImageColumns.newColumnName(spec, m_settings.m_outputColumn.getStringValue(),
                o.label(VirtualChromatinPredictorSettings.OUTPUT_COLUMN));
        DataColumnSpec out = new DataColumnSpecCreator(name, ImgPlusCell.TYPE).createSpec();
        ChannelSelection channel = m_settings.channel();
        ImageCellFactory factory = new ImageCellFactory(out, column, exec) {
            @Override
            protected DataCell compute(final ImgPlusValue<?> image, final ImgPlusCellFactory cells, final String rowId)
                throws IOException {
                return ImagePlanes.cell(cells, predictor.predict(ImagePlanes.plane(image, channel)), rowId);
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
