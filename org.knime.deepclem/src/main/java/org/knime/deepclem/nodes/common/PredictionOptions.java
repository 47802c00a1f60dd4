package org.knime.deepclem.nodes.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeLogger;
import org.knime.core.node.defaultnodesettings.SettingsModelBoolean;
import org.knime.core.node.defaultnodesettings.SettingsModelDoubleBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelIntegerBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelString;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.deepclem.engine.image.Planes;
import org.knime.deepclem.engine.predict.NetworkInput;
import org.knime.deepclem.engine.predict.ModelSettings;
import org.knime.deepclem.engine.predict.TensorFlowNatives;
import org.knime.deepclem.engine.predict.Tiling;
import org.knime.deepclem.engine.predict.VirtualChromatinModel;
import org.knime.deepclem.engine.predict.VirtualChromatinPredictor;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.real.FloatType;

/**
 * The virtual-chromatin model options shared by the predictor and the registration node (which can predict inside):
 * which model, how to tile, and optionally other normalisation percentiles than the model's.
 */
public final class PredictionOptions {

    private static final NodeLogger LOGGER = NodeLogger.getLogger(PredictionOptions.class);

    public static final String MODEL_SOURCE = "model_source";

    public static final String MODEL_PATH = "model_path";

    public static final String TILE_SIZE = "tile_size";

    public static final String TILE_MARGIN = "tile_margin";

    public static final String OVERRIDE_NORMALIZATION = "override_normalization";

    public static final String PMIN = "normalization_pmin";

    public static final String PMAX = "normalization_pmax";

    public static final String BUNDLED = "Bundled default model";

    public static final String FROM_FILE = "Model file or folder";

    public static final List<String> SOURCES = List.of(BUNDLED, FROM_FILE);

    private final OptionSet m_options;

    public final SettingsModelString m_source;

    public final SettingsModelString m_path;

    public final SettingsModelIntegerBounded m_tile;

    public final SettingsModelIntegerBounded m_margin;

    public final SettingsModelBoolean m_override;

    public final SettingsModelDoubleBounded m_pmin;

    public final SettingsModelDoubleBounded m_pmax;

    public PredictionOptions(final OptionSet options) {
        m_options = options;
        m_source = options.string(MODEL_SOURCE, "Model", BUNDLED);
        m_path = options.string(MODEL_PATH, "Model file or folder", "");
        m_tile = options.integer(TILE_SIZE, "Tile size (px)", VirtualChromatinModel.DEFAULT_TILE, 16, 8192);
        m_margin = options.integer(TILE_MARGIN, "Tile margin (px)", VirtualChromatinModel.DEFAULT_MARGIN, 0, 1024);
        m_override = options.bool(OVERRIDE_NORMALIZATION, "Override the model's normalisation", false);
        m_pmin = options.decimal(PMIN, "Normalisation lower percentile", 0.5, 0, 100);
        m_pmax = options.decimal(PMAX, "Normalisation upper percentile", 99.8, 0, 100);
    }

    /**
     * Checks the options themselves, without looking for the model file: settings must load (and a workflow open)
     * before the file they name exists, e.g. while an upstream learner has not written it yet.
     */
    public void check() throws InvalidSettingsException {
        String src = m_source.getStringValue();
        if (FROM_FILE.equals(src)) {
            if (m_path.getStringValue() == null || m_path.getStringValue().isBlank()) {
                throw new InvalidSettingsException("\"" + m_options.label(MODEL_PATH) + "\" is empty: choose a "
                    + "trained model (a .zip or a SavedModel folder).");
            }
        } else if (BUNDLED.equals(src)) {
            if (VirtualChromatinModel.class.getResource(VirtualChromatinModel.DEFAULT_MODEL_RESOURCE) == null) {
                throw new InvalidSettingsException("\"" + m_options.label(MODEL_SOURCE) + "\": this installation has no "
                    + "bundled default model; choose \"" + FROM_FILE + "\" and give a trained model (zip or folder).");
            }
        } else {
            throw new InvalidSettingsException("\"" + m_options.label(MODEL_SOURCE) + "\" must be \"" + BUNDLED
                + "\" or \"" + FROM_FILE + "\", not \"" + src + "\".");
        }
        if (m_override.getBooleanValue() && m_pmin.getDoubleValue() >= m_pmax.getDoubleValue()) {
            throw new InvalidSettingsException("\"" + m_options.label(PMIN) + "\" (" + m_pmin.getDoubleValue()
                + ") must be below \"" + m_options.label(PMAX) + "\" (" + m_pmax.getDoubleValue() + ").");
        }
    }

    /**
     * Checks the options, that TensorFlow can run on this machine, and that the model can be found (not that it
     * loads); knime:// URLs need the workflow.
     */
    public void checkFound() throws InvalidSettingsException {
        check();
        requireTensorFlow();
        if (FROM_FILE.equals(m_source.getStringValue())) {
            modelPath();
        }
    }

    /** At configure, not in the settings check: a workflow must still load on a machine without the natives. */
    public static void requireTensorFlow() throws InvalidSettingsException {
        var missing = TensorFlowNatives.missing();
        if (missing.isPresent()) {
            throw new InvalidSettingsException(missing.get());
        }
    }

    /**
     * At configure: with a connected {@link NetworkPort} network, only that TensorFlow can run (the dialog's model
     * is not used); else {@link #checkFound()}.
     */
    public void checkFound(final PortObjectSpec network) throws InvalidSettingsException {
        if (NetworkPort.isConnected(network)) {
            check();
            requireTensorFlow();
        } else {
            checkFound();
        }
    }

    private Path modelPath() throws InvalidSettingsException {
        String p = m_path.getStringValue();
        Path path = FileLocations.localPath(p, m_options.label(MODEL_PATH));
        if (!Files.exists(path)) {
            throw new InvalidSettingsException("\"" + m_options.label(MODEL_PATH) + "\": " + p.trim()
                + (p.trim().equals(path.toString()) ? "" : " (" + path + ")") + " does not exist.");
        }
        return path;
    }

    /**
     * The chosen model (once per execution; close it afterwards). Its files are unpacked and checked here; TensorFlow
     * starts with the first prediction, after that image has been read and checked, so a table of bad or missing
     * images fails its rows without TensorFlow's start (and its native log lines, which go to KNIME's own stderr).
     */
    public Predictor load() throws InvalidSettingsException, IOException {
        return load(null);
    }

    /** As {@link #load()}, with the connected network's SavedModel instead when {@code network} is not null. */
    public Predictor load(final PortObject network) throws InvalidSettingsException, IOException {
        checkFound(network == null ? null : network.getSpec());
        VirtualChromatinModel.UnpackedModel files = network != null ? NetworkPort.prepare(network)
            : FROM_FILE.equals(m_source.getStringValue()) ? VirtualChromatinModel.prepare(modelPath())
            : VirtualChromatinModel.prepareDefault();
        return new Predictor(files, m_tile.getIntValue(), m_margin.getIntValue(), m_override.getBooleanValue(),
            m_pmin.getDoubleValue(), m_pmax.getDoubleValue());
    }

    /** A model with the node's tiling and normalisation, opened in TensorFlow by its first prediction. */
    public static final class Predictor implements VirtualChromatinPredictor, AutoCloseable {

        private final VirtualChromatinModel.UnpackedModel m_files;

        private volatile VirtualChromatinModel m_model;

        private UncheckedIOException m_failure;

        private boolean m_closed;

        private final ModelSettings m_settings;

        private final int m_tile;

        private final int m_margin;

        Predictor(final VirtualChromatinModel.UnpackedModel files, final int tile, final int margin,
            final boolean override, final double pmin, final double pmax) {
            m_files = files;
            ModelSettings s = files.settings();
            m_settings = override ? new ModelSettings(s.equalize(), s.workingScale(), pmin, pmax, s.clip(),
                s.tileMultiple(), s.training(), s.emPixelSizeUm()) : s;
            m_tile = tile;
            m_margin = margin;
        }

        /**
         * The model, opened on the first call. A model TensorFlow cannot load fails the node, not the row: an
         * {@link UncheckedIOException}, which the nodes do not turn into a failed row.
         */
        private VirtualChromatinModel model() {
            VirtualChromatinModel m = m_model;
            if (m != null) {
                return m;
            }
            synchronized (this) {
                if (m_model == null) {
                    if (m_closed) {
                        throw new IllegalStateException(m_files + ": model is closed");
                    }
                    if (m_failure == null) {
                        try {
                            m_model = m_files.open();
                            // TensorFlow's own native lines cannot reach KNIME's log (docs/reliability.md, 6): ours
                            LOGGER.debugWithFormat("Opened %s with TensorFlow %s (%s)", m_files,
                                org.tensorflow.TensorFlow.version(), TensorFlowNatives.platform());
                            return m_model;
                        } catch (IOException | RuntimeException e) {
                            m_failure = new UncheckedIOException(e.getMessage(),
                                e instanceof IOException io ? io : new IOException(e.getMessage(), e));
                        }
                    }
                    throw m_failure;
                }
                return m_model;
            }
        }

        /**
         * Virtual chromatin for an EM plane, in the EM's size: the model's preprocessing (with the node's
         * normalisation), the network over tiles, resized back (as {@link VirtualChromatinModel#predict}).
         */
        public ArrayImg<FloatType, FloatArray> predict(final RandomAccessibleInterval<? extends RealType<?>> em) {
            return VirtualChromatinModel.toEmSize(predictAtWorkingScale(em), em);
        }

        @Override
        public ArrayImg<FloatType, FloatArray> predictAtWorkingScale(
            final RandomAccessibleInterval<? extends RealType<?>> em) {
            ArrayImg<FloatType, FloatArray> in = NetworkInput.networkInput(em, m_settings);
            int w = (int)in.dimension(0), h = (int)in.dimension(1);
            float[] out = model().predictNormalized(Planes.data(in), w, h,
                Tiling.of(m_tile, m_margin, m_settings.tileMultiple()));
            return Planes.wrap(out, w, h);
        }

        @Override
        public synchronized void close() {
            m_closed = true;
            if (m_model != null) {
                m_model.close();
            }
            m_files.close();
        }
    }
}
