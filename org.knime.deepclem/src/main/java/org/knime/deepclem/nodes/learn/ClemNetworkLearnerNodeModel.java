package org.knime.deepclem.nodes.learn;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.IntCell;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.BufferedDataContainer;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.deepclem.engine.io.ChannelSelection;
import org.knime.deepclem.engine.io.PixelSize;
import org.knime.deepclem.engine.train.TrainedUNet;
import org.knime.deepclem.engine.train.TrainingPair;
import org.knime.deepclem.engine.train.TrainingPixelSize;
import org.knime.deepclem.engine.train.UNetTrainer;
import org.knime.deepclem.nodes.common.ImageCalibrations;
import org.knime.deepclem.nodes.common.ImageColumns;
import org.knime.deepclem.nodes.common.PredictionOptions;
import org.knime.deepclem.nodes.common.ImagePlanes;
import org.knime.deepclem.nodes.common.SettingsNodeModel;
import org.knime.knip.base.data.img.ImgPlusValue;

/**
 * Trains a virtual-chromatin network on registered EM / chromatin pairs and writes it as a model zip. Out-port 0:
 * the model file and summary figures; out-port 1: the training and validation loss at each report.
 */
public final class ClemNetworkLearnerNodeModel extends SettingsNodeModel<ClemNetworkLearnerSettings> {

    /** Below this many pairs the node warns (the original DeepCLEM asks for 60-100). */
    static final int RECOMMENDED_PAIRS = 10;

    ClemNetworkLearnerNodeModel() {
        super(1, 2, new ClemNetworkLearnerSettings());
    }

    /** The model table's column with the EM pixel size recorded in the model (missing: none recorded). */
    static final String EM_PIXEL_SIZE_COLUMN = "EM pixel size (µm)";

    static DataTableSpec modelSpec() {
        return new DataTableSpec("Model", new String[]{"Model file", "Pairs", "Steps done",
            "Validation loss of the kept weights", "Training seconds", EM_PIXEL_SIZE_COLUMN}, new DataType[]{StringCell.TYPE, IntCell.TYPE, IntCell.TYPE,
                DoubleCell.TYPE, DoubleCell.TYPE, DoubleCell.TYPE});
    }

    static DataTableSpec lossSpec() {
        return new DataTableSpec("Loss", new String[]{"Step", "Training loss", "Validation loss"},
            new DataType[]{IntCell.TYPE, DoubleCell.TYPE, DoubleCell.TYPE});
    }

    private int[] columns(final DataTableSpec spec) throws InvalidSettingsException {
        m_settings.checkConsistency();
        PredictionOptions.requireTensorFlow();
        m_settings.outputPath();
        var o = m_settings.options();
        int em = ImageColumns.imageColumn(spec, m_settings.m_emColumn, o.label(ClemNetworkLearnerSettings.EM_COLUMN),
            "the input table");
        if (m_settings.m_chromatinColumn.getStringValue().isEmpty()) {
            spec.stream().filter(c -> c.getType().isCompatible(ImgPlusValue.class))
                .filter(c -> spec.findColumnIndex(c.getName()) != em).findFirst()
                .ifPresent(c -> m_settings.m_chromatinColumn.setStringValue(c.getName()));
        }
        int chromatin = ImageColumns.imageColumn(spec, m_settings.m_chromatinColumn,
            o.label(ClemNetworkLearnerSettings.CHROMATIN_COLUMN), "the input table");
        if (em == chromatin) {
            throw new InvalidSettingsException("\"" + o.label(ClemNetworkLearnerSettings.EM_COLUMN) + "\" and \""
                + o.label(ClemNetworkLearnerSettings.CHROMATIN_COLUMN) + "\" are the same column; choose two.");
        }
        return new int[]{em, chromatin};
    }

    @Override
    protected DataTableSpec[] configure(final DataTableSpec[] inSpecs) throws InvalidSettingsException {
        columns(inSpecs[0]);
        return new DataTableSpec[]{modelSpec(), lossSpec()};
    }

    @Override
    protected BufferedDataTable[] execute(final BufferedDataTable[] inData, final ExecutionContext exec)
        throws Exception {
        int[] cols = columns(inData[0].getDataTableSpec());
        Path zip = m_settings.outputPath();
        if (Files.exists(zip) && !m_settings.m_overwrite.getBooleanValue()) {
            throw new IllegalArgumentException("The model file " + zip + " already exists; choose another file or tick "
                + "\"" + m_settings.options().label(ClemNetworkLearnerSettings.OVERWRITE) + "\".");
        }
        ChannelSelection emChannel = m_settings.emChannel(), chromatinChannel = m_settings.chromatinChannel();
        PixelSize givenPixelSize = m_settings.emPixelSize();
        Map<String, PixelSize> pixelSizes = new LinkedHashMap<>();
        List<TrainingPair> pairs = new ArrayList<>();
        int skipped = 0;
        exec.setMessage("Reading the training pairs");
        for (DataRow row : inData[0]) {
            exec.checkCanceled();
            DataCell em = row.getCell(cols[0]), chromatin = row.getCell(cols[1]);
            if (em.isMissing() || chromatin.isMissing()) {
                skipped++;
                continue;
            }
            try {
                pairs.add(new TrainingPair(row.getKey().getString(), ImagePlanes.plane((ImgPlusValue<?>)em, emChannel),
                    ImagePlanes.plane((ImgPlusValue<?>)chromatin, chromatinChannel)));
                pixelSizes.put("\"" + row.getKey().getString() + "\"", ImageCalibrations.pixelSize((ImgPlusValue<?>)em));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Row \"" + row.getKey() + "\": " + e.getMessage(), e);
            }
        }
        if (pairs.isEmpty()) {
            throw new IllegalArgumentException("No training pairs: every row misses its EM or chromatin image.");
        }
        // checked before training: disagreeing sizes must not cost the training run
        PixelSize pixelSize = givenPixelSize;
        if (pixelSize == null) {
            try {
                pixelSize = TrainingPixelSize.agreed(pixelSizes, "\"" + m_settings.options().label(
                    ClemNetworkLearnerSettings.EM_PIXEL_SIZE) + "\"");
            } catch (IllegalArgumentException e) {
                // names the rows by their IDs, in quotes
                String m = e.getMessage();
                throw new IllegalArgumentException(Character.toUpperCase(m.charAt(0)) + m.substring(1), e);
            }
        }
        List<String> warnings = new ArrayList<>();
        if (pairs.size() < RECOMMENDED_PAIRS) {
            warnings.add("Only " + pairs.size() + " training pair(s): the network will generalise poorly; DeepCLEM "
                + "recommends 60-100 registered pairs.");
        }
        if (skipped > 0) {
            warnings.add(skipped + " row(s) with a missing image were skipped.");
        }
        UNetTrainer trainer = new UNetTrainer(m_settings.unetConfig(), m_settings.trainingOptions());
        TrainedUNet trained;
        try {
            trained = trainer.train(pairs, p -> exec.setProgress(0.95 * p.step() / p.steps(), p.toString()),
                () -> isCanceled(exec));
        } catch (CancellationException e) {
            throw new CanceledExecutionException("Training canceled");
        }
        exec.checkCanceled();
        exec.setMessage("Writing the model");
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("source", "KNIME node CLEM Network Learner");
        record.put("pairs", pairs.stream().map(TrainingPair::name).toList());
        if (pixelSize != null) {
            record.put("emPixelSizeFrom", givenPixelSize != null ? "the node's setting" : "the training EM images");
        }
        Files.createDirectories(zip.getParent());
        trained.export(zip, record, pixelSize == null ? null : pixelSize.mean());

        BufferedDataContainer model = exec.createDataContainer(modelSpec());
        model.addRowToTable(new DefaultRow("model", new StringCell(zip.toString()), new IntCell(pairs.size()),
            new IntCell(trained.stepsDone()), dbl(trained.bestValLoss()), new DoubleCell(trained.seconds()),
            pixelSize == null ? DataType.getMissingCell() : new DoubleCell(pixelSize.mean())));
        model.close();
        BufferedDataContainer loss = exec.createDataContainer(lossSpec());
        int i = 0;
        for (double[] h : trained.history()) {
            loss.addRowToTable(new DefaultRow("Row" + i++, new IntCell((int)h[0]), dbl(h[1]), dbl(h[2])));
        }
        loss.close();
        String notLearnt = trained.notLearntWarning();
        if (notLearnt != null) {
            warnings.add("The " + notLearnt.substring(4));
        }
        if (!warnings.isEmpty()) {
            setWarningMessage(String.join(" ", warnings));
        }
        exec.setProgress(1.0);
        return new BufferedDataTable[]{model.getTable(), loss.getTable()};
    }

    private static boolean isCanceled(final ExecutionContext exec) {
        try {
            exec.checkCanceled();
            return false;
        } catch (CanceledExecutionException e) {
            return true;
        }
    }

    private static DataCell dbl(final double v) {
        return Double.isNaN(v) ? DataType.getMissingCell() : new DoubleCell(v);
    }
}
