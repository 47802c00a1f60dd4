package org.knime.deepclem.engine.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;

import org.knime.deepclem.engine.io.AtomicFiles;
import org.knime.deepclem.engine.io.ErrorOverlay;
import org.knime.deepclem.engine.io.ImageFiles;
import org.knime.deepclem.engine.io.LoadedImage;
import org.knime.deepclem.engine.io.Overlay;
import org.knime.deepclem.engine.io.PixelSize;
import org.knime.deepclem.engine.io.SampleType;
import org.knime.deepclem.engine.registration.RegistrationResult;
import org.knime.deepclem.engine.transform.BigWarpLandmarks;
import org.knime.deepclem.engine.transform.ElastixParameters;
import org.knime.deepclem.engine.transform.ImageWarp;
import org.knime.deepclem.engine.transform.Interpolation;
import org.knime.deepclem.engine.transform.NgffTransform;
import org.knime.deepclem.engine.transform.TransformDocument;
import org.knime.deepclem.engine.transform.TransformJson;
import org.knime.deepclem.engine.transform.TransformXml;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.real.FloatType;

/**
 * The files one registered pair leaves in its output folder, shared by {@code deepclem align}, {@code register} and
 * {@code batch}:
 * <ul>
 * <li>{@code transform.json}: always, also for a failed registration (verdict and reason in it);</li>
 * <li>{@code virtual_chromatin.tif}: when a prediction was made;</li>
 * <li>only when the verdict is ok: the transform for other tools, {@code transform.xml} (Fiji),
 *     {@code landmarks.csv} (BigWarp), {@code TransformParameters.txt} (elastix/transformix) and
 *     {@code transform.ome-ngff.json} (OME-NGFF); {@code <name>_registered.tif} for the moving image and each channel,
 *     and {@code overlay.png}. A failed registration writes nothing that could be mistaken for a result.</li>
 * <li>images in the EM frame carry the EM's pixel size when it is known ({@link TransformDocument#fixedPixelSize()}).</li>
 * <li>when the verdict is ok and the document holds a known predicted error ({@code ErrorPrediction}):
 *     {@code error_map.tif} (32-bit float, the predicted error in EM px at every EM pixel) and
 *     {@code error_overlay.png} (EM gray, the error in colour, with a legend).</li>
 * </ul>
 * All names are planned and checked against existing files before anything is written. Every file is written to a
 * temporary name and renamed; for an ok verdict {@code transform.json} comes last, so a folder holding it is
 * complete (an interrupted run leaves only finished files and no {@code transform.json}).
 */
public final class PairOutputs {

    public static final String TRANSFORM_JSON = "transform.json";
    public static final String TRANSFORM_XML = "transform.xml";
    public static final String BIGWARP_LANDMARKS = "landmarks.csv";
    public static final String ELASTIX_PARAMETERS = "TransformParameters.txt";
    public static final String NGFF_TRANSFORM = "transform.ome-ngff.json";
    /** The transform files for other tools, written for an ok verdict, in this order. */
    public static final List<String> EXPORTS = List.of(TRANSFORM_XML, BIGWARP_LANDMARKS, ELASTIX_PARAMETERS,
        NGFF_TRANSFORM);
    public static final String VIRTUAL_CHROMATIN = "virtual_chromatin.tif";
    public static final String OVERLAY = "overlay.png";
    public static final String ERROR_MAP = "error_map.tif";
    public static final String ERROR_OVERLAY = "error_overlay.png";

    private final Path dir;
    private final boolean overwrite;
    private final boolean withPrediction;
    private final Map<Path, Path> registeredNames = new LinkedHashMap<>();

    /**
     * Plans the outputs and refuses, before any work, when one exists and {@code overwrite} is false.
     *
     * @param images the moving image and the channel images, each written as {@code <name>_registered.tif}
     * @param withPrediction whether {@value #VIRTUAL_CHROMATIN} will be written
     */
    public PairOutputs(Path dir, List<Path> images, boolean withPrediction, boolean overwrite) throws IOException {
        this.dir = dir;
        this.overwrite = overwrite;
        this.withPrediction = withPrediction;
        AtomicFiles.checkWritableFolder(dir, "output folder");
        Set<Path> planned = new HashSet<>();
        List<Path> fixedNames = new ArrayList<>(List.of(dir.resolve(TRANSFORM_JSON), dir.resolve(OVERLAY),
            dir.resolve(ERROR_MAP), dir.resolve(ERROR_OVERLAY)));
        EXPORTS.forEach(n -> fixedNames.add(dir.resolve(n)));
        if (withPrediction) {
            fixedNames.add(dir.resolve(VIRTUAL_CHROMATIN));
        }
        for (Path p : fixedNames) {
            planned.add(p);
            AtomicFiles.refuseExisting(p, overwrite);
        }
        for (Path img : images) {
            Path out = dir.resolve(ImageFiles.baseName(img) + "_registered.tif");
            if (!planned.add(out)) {
                throw new IllegalArgumentException(img + " would be written to " + out
                    + ", which another output already uses; rename the image");
            }
            AtomicFiles.refuseExisting(out, overwrite);
            registeredNames.put(img, out);
        }
    }

    private interface IoTask {
        void run() throws IOException;
    }

    /**
     * Runs independent file writes two at a time, in the calling thread and one helper: encoding one file (ImageIO's
     * encoders are single-threaded) overlaps with making the next, and at most two EM-sized images live at once
     * however many cores and channels there are (a 16384^2 EM: 1 GB each). Every task runs, as before an interrupt:
     * {@value #TRANSFORM_JSON}, written after them, must only ever mark a complete folder. The first failure is thrown
     * once both threads have stopped.
     */
    private static void runTwoAtATime(List<IoTask> tasks) throws IOException {
        Queue<IoTask> queue = new ConcurrentLinkedQueue<>(tasks);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Runnable drain = () -> {
            for (IoTask t = queue.poll(); t != null && failure.get() == null; t = queue.poll()) {
                try {
                    t.run();
                } catch (IOException | RuntimeException | Error e) {
                    failure.compareAndSet(null, e);
                }
            }
        };
        Thread helper = new Thread(drain, "deepclem-write");
        helper.setDaemon(true);
        helper.start();
        drain.run();
        boolean interrupted = false;
        while (helper.isAlive()) {
            try {
                helper.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        Throwable f = failure.get();
        if (f instanceof IOException io) {
            throw io;
        } else if (f instanceof RuntimeException r) {
            throw r;
        } else if (f instanceof Error e) {
            throw e;
        }
    }

    public Path dir() {
        return dir;
    }

    /**
     * The files a complete result holds: {@value #TRANSFORM_JSON} and, for an ok verdict, every other planned file
     * (the error map and its overlay when the error was predicted), {@value #TRANSFORM_JSON} last (the order they are
     * written in).
     */
    private List<Path> files(boolean ok, boolean errorMap) {
        List<Path> files = new ArrayList<>();
        if (ok) {
            EXPORTS.forEach(n -> files.add(dir.resolve(n)));
            files.add(dir.resolve(OVERLAY));
            if (errorMap) {
                files.add(dir.resolve(ERROR_MAP));
                files.add(dir.resolve(ERROR_OVERLAY));
            }
            files.addAll(registeredNames.values());
        }
        if (withPrediction) {
            files.add(dir.resolve(VIRTUAL_CHROMATIN));
        }
        files.add(dir.resolve(TRANSFORM_JSON));
        return files;
    }

    /**
     * The result an earlier run left complete in this folder: its {@value #TRANSFORM_JSON} reads and every file its
     * verdict needs is there. Empty when the folder holds no result or a half-written one.
     */
    public Optional<RegistrationResult> completeResult() {
        Path json = dir.resolve(TRANSFORM_JSON);
        if (!Files.isRegularFile(json)) {
            return Optional.empty();
        }
        TransformDocument doc;
        try {
            doc = TransformJson.read(json);
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // unreadable: not ours, or damaged; either way not a result to keep
        }
        RegistrationResult r = doc.result();
        return files(r.ok(), hasErrorMap(doc)).stream().allMatch(Files::isRegularFile) ? Optional.of(r) : Optional.empty();
    }

    /**
     * With overwriting allowed, deletes what an earlier run left under the planned names, so that a result that now
     * fails does not stand next to the earlier run's registered images. {@value #TRANSFORM_JSON} goes first: the folder
     * never looks complete while it is being emptied. The earlier run's prediction goes too when this run makes none
     * (landmarks alone): it did not make this result. Files with other names are left alone.
     */
    public void removeEarlierRun() throws IOException {
        if (!overwrite) {
            return;
        }
        List<Path> all = files(true, true);
        if (!withPrediction) {
            all.add(dir.resolve(VIRTUAL_CHROMATIN));
        }
        java.util.Collections.reverse(all);
        for (Path p : all) {
            Files.deleteIfExists(p);
        }
    }

    /** Whether an ok document's error map is written: its predicted error is known and has its field. */
    private static boolean hasErrorMap(TransformDocument doc) {
        return doc.result().ok() && doc.predictedError() != null && doc.predictedError().known();
    }

    /**
     * The error map and its overlay, as two tasks among the registered images': each makes one EM-sized image, so at
     * most as many EM-sized images live at once as tasks run at once, however many files there are (the overlay
     * computes the error again per pixel instead of reading the map). Both carry the EM's pixel size when it is
     * known: the map as its calibration, the overlay's legend in µm beside px.
     */
    private List<IoTask> errorMapTasks(TransformDocument doc, RandomAccessibleInterval<? extends RealType<?>> em) {
        int w = (int) em.dimension(0), h = (int) em.dimension(1);
        Path tif = dir.resolve(ERROR_MAP), png = dir.resolve(ERROR_OVERLAY);
        PixelSize emSize = doc.fixedPixelSize();
        return List.of(
            () -> ImageFiles.write(LoadedImage.ofPlane(tif, net.imglib2.img.array.ArrayImgs.floats(
                doc.predictedError().map(w, h), w, h), SampleType.FLOAT32), tif, overwrite, emSize),
            () -> ImageFiles.write(ErrorOverlay.compose(em, doc.predictedError().field(), emSize == null ? Double.NaN
                : emSize.mean()), png, overwrite, emSize));
    }

    /** Writes the prediction (32-bit float TIFF). */
    public void writeVirtualChromatin(RandomAccessibleInterval<FloatType> virtualChromatin) throws IOException {
        writeVirtualChromatin(virtualChromatin, null);
    }

    /** Writes the prediction (32-bit float TIFF) calibrated with the EM's pixel size (null: unknown). */
    public void writeVirtualChromatin(RandomAccessibleInterval<FloatType> virtualChromatin, PixelSize emPixelSize)
        throws IOException {
        Files.createDirectories(dir);
        Path p = dir.resolve(VIRTUAL_CHROMATIN);
        ImageFiles.write(LoadedImage.ofPlane(p, virtualChromatin, SampleType.FLOAT32), p, overwrite, emPixelSize);
    }

    /**
     * Writes the transform files, and for an ok verdict the registered images and the overlay.
     *
     * @param doc            the registration and the sizes it was made for
     * @param fixedForOverlay the gray background of the overlay (EM, or the fixed image)
     * @param movingChromatin the moving plane shown in colour in the overlay
     * @param images          the moving image and channels, as planned
     * @return the files written
     */
    public List<Path> write(TransformDocument doc, RandomAccessibleInterval<? extends RealType<?>> fixedForOverlay,
        RandomAccessibleInterval<FloatType> movingChromatin, List<LoadedImage> images, Overlay.Colour colour,
        Interpolation interpolation) throws IOException {
        Files.createDirectories(dir);
        List<Path> written = new ArrayList<>();
        Path json = dir.resolve(TRANSFORM_JSON);
        if (!doc.result().ok()) {
            TransformJson.write(doc, json, overwrite);
            written.add(json);
            return written;
        }
        TransformXml.write(doc, dir.resolve(TRANSFORM_XML), overwrite);
        BigWarpLandmarks.write(doc, dir.resolve(BIGWARP_LANDMARKS), overwrite);
        ElastixParameters.write(doc, dir.resolve(ELASTIX_PARAMETERS), overwrite);
        NgffTransform.write(doc, dir.resolve(NGFF_TRANSFORM), overwrite);
        EXPORTS.forEach(n -> written.add(dir.resolve(n)));
        int w = (int) fixedForOverlay.dimension(0), h = (int) fixedForOverlay.dimension(1);
        Path overlay = dir.resolve(OVERLAY);
        List<IoTask> tasks = new ArrayList<>();
        for (LoadedImage img : images) {
            Path out = registeredNames.get(img.source());
            // in the EM's pixel grid, so with the EM's calibration (when known)
            tasks.add(() -> ImageFiles.write(ImageWarp.warp(img, doc.result().movingToFixed(), w, h, interpolation, out),
                out, overwrite, doc.fixedPixelSize()));
        }
        tasks.add(() -> ImageFiles.write(Overlay.composeWarped(fixedForOverlay, movingChromatin,
            doc.result().movingToFixed(), colour, Overlay.LOW_PERCENTILE, Overlay.HIGH_PERCENTILE), overlay, overwrite,
            doc.fixedPixelSize()));
        if (hasErrorMap(doc)) {
            tasks.addAll(errorMapTasks(doc, fixedForOverlay));
        }
        runTwoAtATime(tasks);
        images.forEach(img -> written.add(registeredNames.get(img.source())));
        written.add(overlay);
        if (hasErrorMap(doc)) {
            written.add(dir.resolve(ERROR_MAP));
            written.add(dir.resolve(ERROR_OVERLAY));
        }
        // last: an interrupted run leaves no transform.json, so its presence marks a complete folder
        TransformJson.write(doc, json, overwrite);
        written.add(json);
        return written;
    }
}
