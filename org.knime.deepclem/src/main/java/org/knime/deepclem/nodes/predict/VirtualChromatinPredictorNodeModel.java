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
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortType;
import org.knime.deepclem.engine.io.ChannelSelection;
import org.knime.deepclem.engine.io.PixelSize;
import org.knime.deepclem.nodes.common.ColumnMode;
import org.knime.deepclem.nodes.common.ImageCellFactory;
import org.knime.deepclem.nodes.common.ImageColumns;
import org.knime.deepclem.nodes.common.ImageCalibrations;
import org.knime.deepclem.nodes.common.ImagePlanes;
import org.knime.deepclem.nodes.common.NetworkPort;
import org.knime.deepclem.nodes.common.PredictionOptions;
import org.knime.deepclem.nodes.common.SettingsNodeModel;
import org.knime.knip.base.data.img.ImgPlusCell;
import org.knime.knip.base.data.img.ImgPlusCellFactory;
import org.knime.knip.base.data.img.ImgPlusValue;

/**
 * Predicts virtual chromatin for every EM image of a column; the model (the dialog's, or the network at the optional
 * second input) is loaded once per execution.
 */
public final class VirtualChromatinPredictorNodeModel extends SettingsNodeModel<VirtualChromatinPredictorSettings> {

    VirtualChromatinPredictorNodeModel() {
        super(new PortType[]{BufferedDataTable.TYPE, NetworkPort.optionalType()}, new PortType[]{BufferedDataTable.TYPE},
            new VirtualChromatinPredictorSettings());
    }

    @Override
    protected PortObjectSpec[] configure(final PortObjectSpec[] inSpecs) throws InvalidSettingsException {
        m_settings.checkConsistency();
        m_settings.m_model.checkFound(inSpecs[1]);
        if (inSpecs[1] != null) {
            setWarningMessage("The connected " + NetworkPort.NAME + " is used; the dialog's model is not.");
        }
        return new PortObjectSpec[]{createRearranger((DataTableSpec)inSpecs[0], null, null).createSpec()};
    }

    @Override
    protected PortObject[] execute(final PortObject[] inObjects, final ExecutionContext exec) throws Exception {
        BufferedDataTable in = (BufferedDataTable)inObjects[0];
        exec.setMessage("Loading the model");
        try (PredictionOptions.Predictor predictor = m_settings.m_model.load(inObjects[1])) {
            ColumnRearranger r = createRearranger(in.getDataTableSpec(), exec, predictor);
            BufferedDataTable out = exec.createColumnRearrangeTable(in, r, exec);
            String warning = predictor.pixelSizeWarning();
            if (warning != null) {
                setWarningMessage(warning);
            }
            return new PortObject[]{out};
        }
    }

    private ColumnRearranger createRearranger(final DataTableSpec spec, final ExecutionContext exec,
        final PredictionOptions.Predictor predictor) throws InvalidSettingsException {
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
        PixelSize given = m_settings.emPixelSize();
        ImageCellFactory factory = new ImageCellFactory(out, column, exec) {
            @Override
            protected DataCell compute(final ImgPlusValue<?> image, final ImgPlusCellFactory cells, final String rowId)
                throws IOException {
                PixelSize em = given != null ? given : ImageCalibrations.pixelSize(image);
                // resampled to the model's training pixel size and back (deepclem register does the same); the
                // result is in the EM's frame with the EM's pixel size, which the registration node then reads
                return ImagePlanes.cell(cells, predictor.predict(ImagePlanes.plane(image, channel), em), rowId, em);
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
