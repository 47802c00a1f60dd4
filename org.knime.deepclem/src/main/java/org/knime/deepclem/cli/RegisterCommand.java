package org.knime.deepclem.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.knime.deepclem.engine.registration.RegistrationMethod;
import org.knime.deepclem.engine.pipeline.VirtualChromatinRegistration;
import org.knime.deepclem.engine.registration.RegistrationResult;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code deepclem register}: the DeepCLEM pipeline for one EM/LM pair. */
@Command(name = "register", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"DeepCLEM: predicts the chromatin stain from the EM image (virtual chromatin), registers the "
        + "measured LM chromatin to it, and puts the chromatin and every other LM channel into the EM frame.",
        "Writes DIR/transform.json (LM px -> EM px, quality figures, verdict), the same transform for other tools "
            + "(DIR/transform.xml for Fiji, DIR/landmarks.csv for BigWarp, DIR/TransformParameters.txt for transformix, "
            + "DIR/transform.ome-ngff.json for OME-NGFF), "
            + "DIR/virtual_chromatin.tif, DIR/<name>_registered.tif for the LM image and each channel, and "
            + "DIR/overlay.png (EM gray, chromatin in colour), DIR/error_map.tif and DIR/error_overlay.png (the "
            + "predicted registration error at every EM pixel, in EM px). A failed registration writes no registered "
            + "images and exits with 1.",
        "Pixel sizes are read from the files (ImageJ/OME-TIFF, PNG pHYs) or given; with both known only scales near "
            + "the one they imply are searched, and the images in the EM frame carry the EM's calibration."})
public final class RegisterCommand implements Callable<Integer> {

    @Option(names = "--em", required = true, paramLabel = "EM", description = "EM image (PNG or TIFF, 8 or 16 bit)")
    Path em;

    @Option(names = "--lm", required = true, paramLabel = "LM", description = "LM image holding the chromatin stain")
    Path lm;

    @Option(names = "--channel", paramLabel = "C", description = "another LM image in the same frame as --lm, to put "
        + "into the EM frame (repeatable)")
    List<Path> channels = new ArrayList<>();

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output folder (created if missing)")
    Path out;

    @Option(names = "--lm-channel", paramLabel = "CH", description = "chromatin channel of a colour or multi-channel "
        + "LM image: blue (default for colour; a gray multi-channel image: its first channel), green, red, gray "
        + "(= luminance), max, an index 0, 1, ... or a channel name from the file (OME-TIFF channel names, ImageJ "
        + "slice labels; any case; a name in the file wins over the keyword it spells)")
    String lmChannel;

    @Mixin
    ModelOption model;

    @Mixin
    RegistrationOptions options;

    @Mixin
    LandmarkOptions landmarks;

    @Mixin
    PixelSizeOptions pixelSizes;

    @Override
    public Integer call() throws Exception {
        var registration = options.registration(RegistrationMethod.CORRELATION);
        var transformModel = options.transformModel();
        List<double[]> pairs = landmarks.read(transformModel);
        pixelSizes.check();
        if (landmarks.only()) {
            PairRun.Inputs inputs = new PairRun(em, lm, channels, lmChannel, out).read(options.overwrite, false,
                pixelSizes);
            RegistrationResult r = PairRun.run(inputs, null, options.overlayColour(), options.interpolation(), pairs,
                transformModel).result();
            return Reporting.report(r, out);
        }
        // the model is unpacked (and TensorFlow's library loaded, when that is silent) while the images are read; a
        // bad image ends the run before TensorFlow runs, so its one line is all that is printed
        try (ModelLoad loading = ModelLoad.start(model)) {
            PairRun.Inputs inputs = new PairRun(em, lm, channels, lmChannel, out).read(options.overwrite, true,
                pixelSizes);
            var pipeline = new VirtualChromatinRegistration(loading.get(), registration, transformModel);
            return Reporting.report(PairRun.run(inputs, pipeline, options.overlayColour(), options.interpolation(),
                pairs, transformModel), out);
        }
    }
}
