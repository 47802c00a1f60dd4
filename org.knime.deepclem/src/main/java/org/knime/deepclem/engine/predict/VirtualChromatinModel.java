package org.knime.deepclem.engine.predict;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

import org.knime.deepclem.engine.image.Planes;
import org.knime.deepclem.engine.io.PixelSize;
import org.knime.deepclem.engine.preprocess.Resample;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.SessionFunction;
import org.tensorflow.Signature;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.DataType;
import org.tensorflow.types.TFloat32;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.real.FloatType;

/**
 * A virtual-chromatin network: a CSBDeep-style TensorFlow SavedModel (tag "serve", signature "serving_default")
 * from a zip or a folder, with the preprocessing of its {@value ModelSettings#FILE_NAME} sidecar. Load once and
 * reuse: {@link #predict} is thread-safe (TensorFlow sessions run concurrently; the object holds no mutable state
 * besides the closed flag).
 */
public final class VirtualChromatinModel implements VirtualChromatinPredictor, AutoCloseable {

    /** Classpath location of the bundled default model. */
    public static final String DEFAULT_MODEL_RESOURCE = "/org/knime/deepclem/model/default-model.zip";

    /** Default tile edge in working-scale pixels. */
    public static final int DEFAULT_TILE = 512;

    /** Default context margin of each tile (more than half a depth-3 U-Net's receptive field). */
    public static final int DEFAULT_MARGIN = 64;

    private final String name;
    private final SavedModelBundle bundle;
    private final SessionFunction function;
    private final String inputKey;
    private final String outputKey;
    private final InputLayout layout;
    private final ModelSettings settings;
    private final Path tempDir;
    private volatile boolean closed;

    private VirtualChromatinModel(String name, SavedModelBundle bundle, SessionFunction function, String inputKey,
        String outputKey, InputLayout layout, ModelSettings settings, Path tempDir) {
        this.name = name;
        this.bundle = bundle;
        this.function = function;
        this.inputKey = inputKey;
        this.outputKey = outputKey;
        this.layout = layout;
        this.settings = settings;
        this.tempDir = tempDir;
    }

    /**
     * Loads a model zip (unpacked to a temporary folder, deleted on close) or a SavedModel folder. The sidecar is
     * looked for in the model folder, the zip's root, then beside the zip/folder; without one the original
     * DeepCLEM preprocessing is assumed ({@link ModelSettings#csbDeepDefaults()}).
     *
     * @throws IOException naming the model when it is missing, corrupt, or of an unsupported shape
     */
    public static VirtualChromatinModel load(Path model) throws IOException {
        try (UnpackedModel files = prepare(model)) {
            return files.open();
        }
    }

    /** Loads the model bundled as the classpath resource {@value #DEFAULT_MODEL_RESOURCE}. */
    public static VirtualChromatinModel loadDefault() throws IOException {
        try (UnpackedModel files = prepareDefault()) {
            return files.open();
        }
    }

    /**
     * The first half of {@link #load}, which does not touch TensorFlow: unpacks the zip, finds the SavedModel and
     * reads the sidecar. {@link UnpackedModel#open()} then starts TensorFlow on it.
     *
     * @throws IOException naming the model when it is missing, not a zip or holds no SavedModel
     */
    public static UnpackedModel prepare(Path model) throws IOException {
        if (!Files.exists(model)) {
            throw new IOException(model + ": model not found (give a model .zip or a SavedModel folder)");
        }
        Path temp = null;
        try {
            Path root;
            if (Files.isDirectory(model)) {
                root = model;
            } else {
                temp = Files.createTempDirectory("deepclem-model");
                ModelArchive.unzip(model, temp);
                root = temp;
            }
            Path dir = ModelArchive.findSavedModel(root);
            if (dir == null) {
                throw new IOException(model + ": no saved_model.pb inside; not a TensorFlow SavedModel");
            }
            UnpackedModel files = new UnpackedModel(model.toString(), dir, List.of("serve"),
                readSettings(model, root, dir), temp);
            temp = null; // owned by the files now
            return files;
        } catch (java.util.zip.ZipException e) {
            throw new IOException(model + ": not a valid zip file (" + e.getMessage() + ")", e);
        } finally {
            ModelArchive.deleteRecursively(temp);
        }
    }

    /**
     * {@link #prepare} for a SavedModel folder that another tool describes, with its tags (e.g. a network from KNIME's
     * deep-learning integration): the signature is "serving_default" or the only one there is; the sidecar is looked
     * for in and beside the folder, as in {@link #load}. Nothing is unpacked or deleted.
     *
     * @param name how messages name the model
     */
    public static UnpackedModel prepareSavedModel(Path dir, List<String> tags, String name) throws IOException {
        if (!Files.isRegularFile(dir.resolve("saved_model.pb"))) {
            throw new IOException(name + ": no saved_model.pb in " + dir + "; not a TensorFlow SavedModel");
        }
        return new UnpackedModel(name, dir, List.copyOf(tags), readSettings(dir, dir, dir), null);
    }

    /** {@link #prepare} for the bundled default model. */
    public static UnpackedModel prepareDefault() throws IOException {
        Path tmp = Files.createTempFile("deepclem-default-model", ".zip");
        try {
            try (InputStream in = VirtualChromatinModel.class.getResourceAsStream(DEFAULT_MODEL_RESOURCE)) {
                if (in == null) {
                    throw new IOException("the bundled default model " + DEFAULT_MODEL_RESOURCE
                        + " is missing from this build; give a model with --model");
                }
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            }
            return prepare(tmp);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Loads TensorFlow's native library (over a second, the largest part of a model load) without running anything.
     * Unless {@code TF_CPP_MIN_LOG_LEVEL} is at least 1, TensorFlow logs a line on stderr as it loads.
     */
    public static void loadNativeLibrary() {
        if (TensorFlowNatives.missing().isPresent()) {
            return; // open() says why
        }
        org.tensorflow.TensorFlow.version();
    }

    /**
     * A model's files, unpacked and checked, and its settings: a model that TensorFlow has not seen yet. Close it
     * unless {@link #open()} was called (the opened model then owns the temporary folder).
     */
    public static final class UnpackedModel implements AutoCloseable {
        private final String name;
        private final Path dir;
        private final List<String> tags;
        private final ModelSettings settings;
        private Path temp;
        private boolean done;

        private UnpackedModel(String name, Path dir, List<String> tags, ModelSettings settings, Path temp) {
            this.name = name;
            this.dir = dir;
            this.tags = tags;
            this.settings = settings;
            this.temp = temp;
        }

        /** The preprocessing the model asks for. */
        public ModelSettings settings() {
            return settings;
        }

        /**
         * Starts TensorFlow on the model: loads the SavedModel (which runs its first session) and checks its
         * signature. Once only; the model returned owns the temporary folder.
         *
         * @throws IOException naming the model when TensorFlow cannot load it or its shape is unsupported
         */
        public synchronized VirtualChromatinModel open() throws IOException {
            if (done) {
                throw new IllegalStateException(name + ": model files already opened or closed");
            }
            VirtualChromatinModel m = VirtualChromatinModel.open(name, dir, tags, settings, temp);
            done = true;
            temp = null;
            return m;
        }

        /** Deletes the unpacked files, unless {@link #open()} handed them to a model. */
        @Override
        public synchronized void close() {
            done = true;
            ModelArchive.deleteRecursively(temp);
            temp = null;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static ModelSettings readSettings(Path model, Path root, Path dir) throws IOException {
        Path[] candidates = {dir.resolve(ModelSettings.FILE_NAME), root.resolve(ModelSettings.FILE_NAME),
            model.toAbsolutePath().getParent().resolve(ModelSettings.FILE_NAME)};
        for (Path c : candidates) {
            if (Files.isRegularFile(c)) {
                return ModelSettings.read(c);
            }
        }
        return ModelSettings.csbDeepDefaults();
    }

    private static VirtualChromatinModel open(String name, Path dir, List<String> tags, ModelSettings settings,
        Path temp) throws IOException {
        TensorFlowNatives.requireInstalled();
        SavedModelBundle bundle;
        try {
            bundle = SavedModelBundle.load(dir.toString(), tags.toArray(String[]::new));
        } catch (RuntimeException e) {
            throw new IOException(name + ": cannot load the TensorFlow SavedModel with tags " + tags + " ("
                + firstLine(e) + ")", e);
        }
        try {
            // "serving_default", as every model of this project has; a SavedModel with one other signature (KNIME's
            // Keras converter names its signature "serve") is used as it is
            List<String> keys = bundle.signatures().stream().map(Signature::key).toList();
            String key = keys.contains(Signature.DEFAULT_KEY) || keys.size() != 1 ? Signature.DEFAULT_KEY : keys.get(0);
            SessionFunction f;
            try {
                f = bundle.function(key);
            } catch (RuntimeException e) {
                throw new IOException(name + ": no '" + Signature.DEFAULT_KEY + "' signature; it has " + keys);
            }
            Map<String, Signature.TensorDescription> ins = f.signature().getInputs();
            Map<String, Signature.TensorDescription> outs = f.signature().getOutputs();
            String in = pick(ins, "input", name, "input");
            String out = pick(outs, "output", name, "output");
            Signature.TensorDescription d = ins.get(in);
            if (d.dataType != DataType.DT_FLOAT || outs.get(out).dataType != DataType.DT_FLOAT) {
                throw new IOException(name + ": input and output must be float32, got " + d.dataType + " / "
                    + outs.get(out).dataType);
            }
            InputLayout layout;
            try {
                layout = InputLayout.of(d.shape, name);
            } catch (IllegalArgumentException e) {
                throw new IOException(e.getMessage(), e);
            }
            return new VirtualChromatinModel(name, bundle, f, in, out, layout, settings, temp);
        } catch (IOException | RuntimeException e) {
            bundle.close();
            throw e;
        }
    }

    private static String pick(Map<String, Signature.TensorDescription> m, String preferred, String model,
        String what) throws IOException {
        if (m.containsKey(preferred)) {
            return preferred;
        }
        if (m.size() == 1) {
            return m.keySet().iterator().next();
        }
        throw new IOException(model + ": signature has " + what + "s " + m.keySet() + "; expected one named '"
            + preferred + "'");
    }

    private static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    /** The preprocessing applied before the network. */
    public ModelSettings settings() {
        return settings;
    }

    /** The input layout (2-D or ProjectionCARE stack). */
    public InputLayout layout() {
        return layout;
    }

    /**
     * Virtual chromatin for an EM plane: preprocess (equalise, working scale), normalise, tiled network, resize back.
     * The result has the EM's size. Interrupting the calling thread cancels the prediction at the next tile (a
     * {@link java.util.concurrent.CancellationException}).
     */
    public ArrayImg<FloatType, FloatArray> predict(RandomAccessibleInterval<? extends RealType<?>> em) {
        return toEmSize(predictAtWorkingScale(em), em);
    }

    /**
     * As {@link #predict}, but at the model's working scale ({@link ModelSettings#workingScale()} times the EM size):
     * all the detail the network produced, without the cost of the EM-sized copy. Registration works on this.
     */
    @Override
    public ArrayImg<FloatType, FloatArray> predictAtWorkingScale(RandomAccessibleInterval<? extends RealType<?>> em) {
        return predictAtWorkingScale(em, settings);
    }

    /** The working scale follows the EM's pixel size when it and the training data's are known. */
    @Override
    public VirtualChromatinPredictor forEmPixelSize(PixelSize emPixelSize, PixelSize trained) {
        ModelSettings adjusted = settings.atEmPixelSize(emPixelSize, trained);
        return adjusted == settings ? this : em -> predictAtWorkingScale(em, adjusted);
    }

    private ArrayImg<FloatType, FloatArray> predictAtWorkingScale(RandomAccessibleInterval<? extends RealType<?>> em,
        ModelSettings applied) {
        ArrayImg<FloatType, FloatArray> in = NetworkInput.networkInput(em, applied);
        int w = (int) in.dimension(0), h = (int) in.dimension(1);
        float[] out = predictNormalized(Planes.data(in), w, h,
            Tiling.of(DEFAULT_TILE, DEFAULT_MARGIN, applied.tileMultiple()));
        return Planes.wrap(out, w, h);
    }

    /** A working-scale prediction resized to the EM's pixel grid. */
    public static ArrayImg<FloatType, FloatArray> toEmSize(ArrayImg<FloatType, FloatArray> workingScale,
        RandomAccessibleInterval<?> em) {
        if (workingScale.dimension(0) == em.dimension(0) && workingScale.dimension(1) == em.dimension(1)) {
            return workingScale;
        }
        return Resample.toSize(workingScale, em.dimension(0), em.dimension(1));
    }

    /** The network on an already preprocessed and normalised working-scale plane, tiled as given. */
    public float[] predictNormalized(float[] input, int width, int height, Tiling tiling) {
        if (input.length != width * height) {
            throw new IllegalArgumentException("input of " + input.length + " values is not " + width + "x" + height);
        }
        return tiling.apply(input, width, height, this::runTile);
    }

    /** One network call on an h x w tile (sizes multiples of the model's tile multiple). */
    float[] runTile(float[] values, int h, int w) {
        if (closed) {
            throw new IllegalStateException(name + ": model is closed");
        }
        if (Thread.currentThread().isInterrupted()) { // cancellation: stop between tiles
            throw new java.util.concurrent.CancellationException("prediction cancelled");
        }
        float[] data = values;
        if (layout.z() > 1) { // ProjectionCARE: the same plane Z times
            data = new float[values.length * layout.z()];
            for (int k = 0; k < layout.z(); k++) {
                System.arraycopy(values, 0, data, k * values.length, values.length);
            }
        }
        try (TFloat32 x = TFloat32.tensorOf(layout.tileShape(h, w), DataBuffers.of(data, true, false));
            Result r = function.call(Map.of(inputKey, x))) {
            Tensor t = r.get(outputKey).orElseThrow(() -> new IllegalStateException(name + ": no output " + outputKey));
            if (!(t instanceof TFloat32 o)) {
                throw new IllegalStateException(name + ": output is not float32");
            }
            return firstChannel(o, h, w);
        } catch (org.tensorflow.exceptions.TensorFlowException e) {
            throw new IllegalArgumentException(name + ": the network failed on a " + w + "x" + h + " tile ("
                + firstLine(e) + ")", e);
        }
    }

    /** The first channel (and first plane of any extra axis) of an output whose spatial size must be h x w. */
    private float[] firstChannel(TFloat32 o, int h, int w) {
        Shape s = o.shape();
        int rank = s.numDimensions();
        if (rank < 3 || s.get(rank - 3) != h || s.get(rank - 2) != w) {
            throw new IllegalArgumentException(name + ": output shape " + s + " does not match the " + h + "x" + w
                + " input tile; expected (N,H,W,C) or (N,Z,H,W,C)");
        }
        int c = (int) s.get(rank - 1);
        float[] all = new float[(int) o.size()]; // the first h*w*c values are the first sample / plane
        o.copyTo(DataBuffers.of(all, false, false));
        if (c == 1) {
            return all;
        }
        float[] out = new float[h * w];
        for (int i = 0; i < out.length; i++) {
            out[i] = all[i * c];
        }
        return out;
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        bundle.close();
        ModelArchive.deleteRecursively(tempDir);
    }

    @Override
    public String toString() {
        return name;
    }
}
