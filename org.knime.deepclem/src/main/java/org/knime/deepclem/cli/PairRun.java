package org.knime.deepclem.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.knime.deepclem.engine.io.ChannelSelection;
import org.knime.deepclem.engine.io.ImageFiles;
import org.knime.deepclem.engine.io.LoadedImage;
import org.knime.deepclem.engine.io.Overlay;
import org.knime.deepclem.engine.io.PixelSize;
import org.knime.deepclem.engine.pipeline.PairOutputs;
import org.knime.deepclem.engine.pipeline.PixelSizes;
import org.knime.deepclem.engine.pipeline.VirtualChromatinRegistration;
import org.knime.deepclem.engine.registration.RegistrationResult;
import org.knime.deepclem.engine.registration.ScalePrior;
import org.knime.deepclem.engine.registration.TransformModel;
import org.knime.deepclem.engine.transform.Interpolation;
import org.knime.deepclem.engine.transform.TransformDocument;
import org.knime.deepclem.engine.transform.TransformDocument.ImageSize;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.real.FloatType;

/**
 * One EM/LM pair from files to its output folder; used by {@code register} and by each row of {@code batch}.
 *
 * @param landmarks a landmark file of this pair (batch's {@code landmarks} column), or null
 */
record PairRun(Path em, Path lm, List<Path> channels, String lmChannel, Path out, Path landmarks) {

    PairRun(Path em, Path lm, List<Path> channels, String lmChannel, Path out) {
        this(em, lm, channels, lmChannel, out, null);
    }

    /** The pair's name: its output folder's, unique within a batch. */
    String id() {
        return out.getFileName().toString();
    }

    /**
     * The LM chromatin channel: the user's choice, else blue for colour images (DeepCLEM's convention), the image
     * itself for gray.
     */
    static ChannelSelection lmSelection(String choice, LoadedImage lm) {
        if (choice != null) {
            return ChannelSelection.parseWithNames(choice);
        }
        return lm.rgb() && !lm.isGrayAsRgb() ? ChannelSelection.BLUE : ChannelSelection.AUTO;
    }

    /** The pair's images, read and checked, and its planned outputs: everything that needs no model. */
    record Inputs(PairOutputs outputs, LoadedImage em, LoadedImage lm, List<LoadedImage> images,
        RandomAccessibleInterval<? extends RealType<?>> emPlane, RandomAccessibleInterval<FloatType> lmPlane,
        PixelSizes pixelSizes, ScalePrior scalePrior, PixelSize modelPixelSize) {
    }

    /**
     * The pair's output files, planned; without {@code overwrite} an existing one is refused. {@code withPrediction}:
     * whether the virtual chromatin is made (not for landmarks alone).
     */
    PairOutputs outputs(boolean overwrite, boolean withPrediction) throws IOException {
        List<Path> toWarp = new ArrayList<>(List.of(lm));
        toWarp.addAll(channels);
        return new PairOutputs(out, toWarp, withPrediction, overwrite);
    }

    /**
     * Plans the outputs (refusing existing files), reads and checks every image, and finds the pair's pixel sizes
     * ({@code sizes} null: unknown, no scale prior).
     */
    Inputs read(boolean overwrite, boolean withPrediction, PixelSizeOptions sizes) throws IOException {
        PairOutputs outputs = outputs(overwrite, withPrediction);
        LoadedImage emImg = ImageFiles.read(em);
        LoadedImage lmImg = ImageFiles.read(lm);
        List<LoadedImage> images = new ArrayList<>(List.of(lmImg));
        for (Path c : channels) {
            images.add(ImageFiles.read(c)); // read before the slow part: a bad channel file fails early
        }
        for (int i = 1; i < images.size(); i++) {
            LoadedImage c = images.get(i);
            if (c.width() != lmImg.width() || c.height() != lmImg.height()) {
                throw new IllegalArgumentException("channel image " + channels.get(i - 1) + " is " + c.width() + "x"
                    + c.height() + " but the LM image " + lm + " is " + lmImg.width() + "x" + lmImg.height()
                    + "; channels must be in the LM image's frame");
            }
        }
        var emPlane = emImg.plane(ChannelSelection.AUTO); // a view for gray EM: no float copy of a huge image
        var lmPlane = lmSelection(lmChannel, lmImg).apply(lmImg);
        VirtualChromatinRegistration.checkInput(emPlane, "EM image " + em);
        VirtualChromatinRegistration.checkInput(lmPlane, "LM image " + lm);
        PixelSizes pixelSizes = sizes == null ? PixelSizes.UNKNOWN : sizes.resolve(em, lm);
        return new Inputs(outputs, emImg, lmImg, images, emPlane, lmPlane, pixelSizes,
            sizes == null ? null : sizes.prior(pixelSizes), sizes == null ? null : sizes.modelPixelSize());
    }

    /**
     * This pair's landmark pairs, checked to determine {@code model} (a one-line IllegalArgumentException naming the
     * file otherwise), or null when it has none.
     */
    List<double[]> readLandmarks(TransformModel model) throws IOException {
        return landmarks == null ? null : LandmarkOptions.read(landmarks, model);
    }

    /**
     * Predicts, registers and writes a pair already read, corrected by landmark pairs when {@code landmarks} is not
     * null ({@link LandmarkOptions#document}); a null {@code pipeline} (with landmarks) fits the landmarks alone and
     * predicts nothing.
     */
    static TransformDocument run(Inputs in, VirtualChromatinRegistration pipeline, Overlay.Colour colour,
        Interpolation interpolation, List<double[]> landmarks, TransformModel model) throws IOException {
        checkInterrupted();
        in.outputs().removeEarlierRun();
        VirtualChromatinRegistration.Outcome auto = pipeline == null ? null
            : registerAndWritePrediction(pipeline, in, in.outputs());
        checkInterrupted();
        TransformDocument doc = LandmarkOptions.document(auto == null ? null : auto.result(), landmarks, model,
            new ImageSize(in.em().width(), in.em().height()), new ImageSize(in.lm().width(), in.lm().height()))
            .withPixelSizes(in.pixelSizes().em(), in.pixelSizes().lm());
        if (auto != null && landmarks == null) {
            // the tiles judged the automatic answer; a transform corrected by landmarks has the landmark figures
            doc = doc.withPredictedError(auto.error());
        }
        in.outputs().write(doc, in.emPlane(), in.lmPlane(), in.images(), colour, interpolation);
        return doc;
    }

    /**
     * In its own frame, so that the EM-sized prediction can be freed before the registered images are made: the
     * outcome comes back without it.
     */
    private static VirtualChromatinRegistration.Outcome registerAndWritePrediction(VirtualChromatinRegistration pipeline,
        Inputs in,
        PairOutputs outputs) throws IOException {
        VirtualChromatinRegistration.Outcome o = pipeline.register(in.emPlane(), in.lmPlane(), in.scalePrior(),
            in.pixelSizes().em(), in.modelPixelSize());
        checkInterrupted();
        outputs.writeVirtualChromatin(o.virtualChromatin(), in.pixelSizes().em());
        return new VirtualChromatinRegistration.Outcome(null, o.result(), o.error());
    }

    /** Stops a pair between stages when its batch is cancelled, so that no new outputs are started. */
    private static void checkInterrupted() {
        if (Thread.currentThread().isInterrupted()) {
            throw new java.util.concurrent.CancellationException("cancelled");
        }
    }
}
