package org.knime.deepclem.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.knime.deepclem.engine.image.Planes;
import org.knime.deepclem.engine.predict.VirtualChromatinModel;
import org.knime.deepclem.engine.io.AtomicFiles;
import org.knime.deepclem.engine.io.ChannelSelection;
import org.knime.deepclem.engine.io.ImageCalibration;
import org.knime.deepclem.engine.io.ImageFiles;
import org.knime.deepclem.engine.io.LoadedImage;
import org.knime.deepclem.engine.io.PixelSize;
import org.knime.deepclem.engine.io.SampleType;

import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.real.FloatType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code deepclem predict}: virtual chromatin for one EM image. */
@Command(name = "predict", mixinStandardHelpOptions = true,
    description = "Predict virtual chromatin from an EM image (same size as the EM).")
public final class PredictCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--em", required = true, description = "EM image (png/tif; RGB is read as luminance)")
    Path em;

    @Option(names = "--out", required = true, description = "output: .tif (32-bit float) or .png (8-bit view of "
        + "[0, 1])")
    Path out;

    @Mixin
    ModelOption model;

    @Option(names = "--em-pixel-size", paramLabel = "SIZE", defaultValue = PixelSizeOptions.FROM_IMAGE,
        description = "EM pixel size with its unit: 5nm, 0.005um, or x,y as 5,6nm (default: ${DEFAULT-VALUE}, the EM "
            + "file's calibration; unknown when it has none). With it and the model's training pixel size known, the "
            + "network sees the EM at the size it was trained at, as in register")
    String emPixelSize = PixelSizeOptions.FROM_IMAGE;

    @Option(names = "--model-pixel-size", paramLabel = "SIZE", defaultValue = PixelSizeOptions.FROM_IMAGE,
        description = "pixel size of the EM images the model was trained on (default: what the model's deepclem.json "
            + "records; the bundled model records none)")
    String modelPixelSize = PixelSizeOptions.FROM_IMAGE;

    @Option(names = "--overwrite", description = "replace an existing --out file")
    boolean overwrite;

    @Override
    public Integer call() throws Exception {
        if (java.nio.file.Files.exists(out) && !overwrite) {
            throw new IllegalArgumentException(out + " exists; choose another --out or add --overwrite");
        }
        AtomicFiles.checkWritableFolder(out.toAbsolutePath().getParent(), "--out folder");
        PixelSize givenEm = PixelSizeOptions.given(emPixelSize, "--em-pixel-size");
        PixelSize trained = PixelSizeOptions.given(modelPixelSize, "--model-pixel-size");
        // the model unpacks while the EM is read; TensorFlow starts only once it has been read (ModelLoad)
        try (ModelLoad loading = ModelLoad.start(model)) {
            // a view of a gray EM's 8/16-bit pixels: a 16384^2 EM stays 256 MB instead of a 1 GB float copy
            LoadedImage loaded = ImageFiles.read(em);
            var img = loaded.plane(ChannelSelection.AUTO);
            PixelSize emSize = givenEm != null ? givenEm : ImageCalibration.read(em).orElse(null);
            VirtualChromatinModel m = loading.get();
            long t0 = System.nanoTime();
            ArrayImg<FloatType, FloatArray> pred = VirtualChromatinModel.toEmSize(
                m.forEmPixelSize(emSize, trained).predictAtWorkingScale(img), img);
            double s = (System.nanoTime() - t0) / 1e9;
            // in the EM's pixel grid, so with the EM's calibration (when known)
            ImageFiles.write(forFile(pred), out, overwrite, emSize);
            spec.commandLine().getOut().printf(java.util.Locale.ROOT, "wrote %s (%dx%d) in %.2f s%n", out,
                pred.dimension(0), pred.dimension(1), s);
        }
        return ExitCode.OK;
    }

    /** TIFF: the float values; PNG: an 8-bit view of [0, 1] (the network's output range). */
    private LoadedImage forFile(ArrayImg<FloatType, FloatArray> pred) {
        String n = out.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (!n.endsWith(".png")) {
            return LoadedImage.ofPlane(out, pred, SampleType.FLOAT32);
        }
        float[] v = Planes.data(pred).clone();
        for (int i = 0; i < v.length; i++) {
            v[i] = 255 * Math.max(0, Math.min(1, v[i]));
        }
        return LoadedImage.ofPlane(out, Planes.wrap(v, pred.dimension(0), pred.dimension(1)), SampleType.UINT8);
    }
}
