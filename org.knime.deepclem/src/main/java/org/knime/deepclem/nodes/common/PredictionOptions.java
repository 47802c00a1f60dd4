package org.knime.deepclem.nodes.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeLogger;
import org.knime.core.node.defaultnodesettings.SettingsModel;
import org.knime.core.node.defaultnodesettings.SettingsModelBoolean;
import org.knime.core.node.defaultnodesettings.SettingsModelDoubleBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelIntegerBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelString;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.deepclem.engine.image.Planes;
import org.knime.deepclem.engine.io.PixelSize;
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

    public static final String MODEL_PIXEL_SIZE = "model_pixel_size";

    /** The value of {@link #MODEL_PIXEL_SIZE} that means "as the model's deepclem.json records it". */
    public static final String FROM_MODEL = "from model";

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

    /** {@value #FROM_MODEL} or the EM pixel size the model was trained at, with its unit (e.g. "5nm"). */
    public final SettingsModelString m_modelPixelSize;

    public PredictionOptions(final OptionSet options) {
        m_options = options;
        m_source = options.string(MODEL_SOURCE, "Model", BUNDLED);
        m_path = options.string(MODEL_PATH, "Model file or folder", "");
        m_tile = options.integer(TILE_SIZE, "Tile size (px)", VirtualChromatinModel.DEFAULT_TILE, 16, 8192);
        m_margin = options.integer(TILE_MARGIN, "Tile margin (px)", VirtualChromatinModel.DEFAULT_MARGIN, 0, 1024);
        m_override = options.bool(OVERRIDE_NORMALIZATION, "Override the model's normalisation", false);
        m_pmin = options.decimal(PMIN, "Normalisation lower percentile", 0.5, 0, 100);
        m_pmax = options.decimal(PMAX, "Normalisation upper percentile", 99.8, 0, 100);
        m_modelPixelSize = options.addedLater(options.string(MODEL_PIXEL_SIZE, "Model's training pixel size",
            FROM_MODEL));
    }

    /** Every option of the model, e.g. to enable or disable them together in a dialog. */
    public List<SettingsModel> models() {
        return List.of(m_source, m_path, m_tile, m_margin, m_override, m_pmin, m_pmax, m_modelPixelSize);
    }

    /** The given training pixel size of the model, or null: as the model's deepclem.json records it. */
    public PixelSize modelPixelSize() throws InvalidSettingsException {
        return ImageCalibrations.given(m_modelPixelSize.getStringValue(), m_options.label(MODEL_PIXEL_SIZE),
            FROM_MODEL);
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
        modelPixelSize();
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
            m_pmin.getDoubleValue(), m_pmax.getDoubleValue(), modelPixelSize(), m_options.label(MODEL_PIXEL_SIZE));
    }

    /**
     * A model with the node's tiling, normalisation and training pixel size, opened in TensorFlow by its first
     * prediction. An EM of known pixel size is resampled so that the network sees the model's training pixel size
     * ({@link #forEmPixelSize}, as {@code deepclem register} does); the predictor counts the EMs it could not resample
     * for {@link #pixelSizeWarning()}.
     */
    public static final class Predictor implements VirtualChromatinPredictor, AutoCloseable {

        private final VirtualChromatinModel.UnpackedModel m_files;

        private volatile VirtualChromatinModel m_model;

        private UncheckedIOException m_failure;

        private boolean m_closed;

        private final ModelSettings m_settings;

        private final int m_tile;

        private final int m_margin;

        /** The node's training pixel size, or null: the model's record ({@link ModelSettings#emPixelSizeUm()}). */
        private final PixelSize m_modelPixelSize;

        private final String m_modelPixelSizeLabel;

        /** EMs of unknown pixel size while the model's is known, and of known size while the model's is not. */
        private final AtomicInteger m_emUnknown = new AtomicInteger(), m_modelUnknown = new AtomicInteger();

        Predictor(final VirtualChromatinModel.UnpackedModel files, final int tile, final int margin,
            final boolean override, final double pmin, final double pmax, final PixelSize modelPixelSize,
            final String modelPixelSizeLabel) {
            m_files = files;
            ModelSettings s = files.settings();
            m_settings = override ? new ModelSettings(s.equalize(), s.workingScale(), pmin, pmax, s.clip(),
                s.tileMultiple(), s.training(), s.emPixelSizeUm()) : s;
            m_tile = tile;
            m_margin = margin;
            m_modelPixelSize = modelPixelSize;
            m_modelPixelSizeLabel = modelPixelSizeLabel;
        }

        /** The training pixel size in use: the node's, else the model's record, else null (unknown). */
        public PixelSize trainedPixelSize() {
            return m_modelPixelSize != null ? m_modelPixelSize
                : m_settings.emPixelSizeUm() == null ? null : PixelSize.square(m_settings.emPixelSizeUm());
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

        /**
         * As {@link #predict(RandomAccessibleInterval)} for an EM of {@code emPixelSize} (null: unknown), resampled to
         * the model's training pixel size first when both are known; the result has the EM's size.
         */
        public ArrayImg<FloatType, FloatArray> predict(final RandomAccessibleInterval<? extends RealType<?>> em,
            final PixelSize emPixelSize) {
            return VirtualChromatinModel.toEmSize(forEmPixelSize(emPixelSize, null).predictAtWorkingScale(em), em);
        }

        @Override
        public ArrayImg<FloatType, FloatArray> predictAtWorkingScale(
            final RandomAccessibleInterval<? extends RealType<?>> em) {
            return predictAtWorkingScale(em, m_settings);
        }

        /**
         * This predictor for EMs of {@code emPixelSize}: the working scale at which the network sees the training
         * pixel size ({@code trained}, null: {@link #trainedPixelSize()}); unchanged when either is unknown.
         *
         * @throws IllegalArgumentException when the EM would be enlarged more than 8 times
         */
        @Override
        public VirtualChromatinPredictor forEmPixelSize(final PixelSize emPixelSize, final PixelSize trained) {
            PixelSize t = trained != null ? trained : trainedPixelSize();
            if (emPixelSize == null && t != null) {
                m_emUnknown.incrementAndGet();
            } else if (emPixelSize != null && t == null) {
                m_modelUnknown.incrementAndGet();
            }
            ModelSettings applied = m_settings.atEmPixelSize(emPixelSize, t);
            return applied == m_settings ? this : em -> predictAtWorkingScale(em, applied);
        }

        /**
         * What the user should know about the pixel sizes of the EMs predicted so far (one sentence each), or null:
         * EMs that could not be resampled to the model's training pixel size because one of the two was unknown.
         */
        public String pixelSizeWarning() {
            List<String> w = new java.util.ArrayList<>();
            if (m_emUnknown.get() > 0) {
                w.add(m_emUnknown.get() + " EM image(s) have no pixel size (uncalibrated) and were used as they are, "
                    + "not resampled to the model's training pixel size " + trainedPixelSize() + "; give the EM pixel "
                    + "size to resample them.");
            }
            if (m_modelUnknown.get() > 0) {
                w.add("The model records no training pixel size, so " + m_modelUnknown.get() + " calibrated EM "
                    + "image(s) were used at its working scale as they are; set \"" + m_modelPixelSizeLabel
                    + "\" to resample them to it.");
            }
            return w.isEmpty() ? null : String.join(" ", w);
        }

        private ArrayImg<FloatType, FloatArray> predictAtWorkingScale(
            final RandomAccessibleInterval<? extends RealType<?>> em, final ModelSettings applied) {
            ArrayImg<FloatType, FloatArray> in = NetworkInput.networkInput(em, applied);
            int w = (int)in.dimension(0), h = (int)in.dimension(1);
            float[] out = model().predictNormalized(Planes.data(in), w, h,
                Tiling.of(m_tile, m_margin, applied.tileMultiple()));
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
