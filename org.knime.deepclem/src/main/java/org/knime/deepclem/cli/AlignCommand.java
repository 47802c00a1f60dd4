package org.knime.deepclem.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.knime.deepclem.engine.registration.ErrorPrediction;
import org.knime.deepclem.engine.registration.RegistrationMethod;
import org.knime.deepclem.engine.io.ChannelSelection;
import org.knime.deepclem.engine.io.ImageFiles;
import org.knime.deepclem.engine.io.LoadedImage;
import org.knime.deepclem.engine.pipeline.PairOutputs;
import org.knime.deepclem.engine.transform.TransformDocument;
import org.knime.deepclem.engine.transform.TransformDocument.ImageSize;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code deepclem align}: registers two images of the same kind (no prediction). */
@Command(name = "align", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Registers a moving image onto a fixed image of the same kind (e.g. measured chromatin onto a "
        + "virtual chromatin image) and puts the moving image and any channels into the fixed frame.",
        "Writes DIR/transform.json (moving px -> fixed px), the same transform for other tools (DIR/transform.xml for "
            + "Fiji, DIR/landmarks.csv for BigWarp, DIR/TransformParameters.txt for transformix, "
            + "DIR/transform.ome-ngff.json for OME-NGFF), DIR/<name>_registered.tif for "
            + "the moving image and each channel, DIR/overlay.png, and DIR/error_map.tif and DIR/error_overlay.png (the "
            + "predicted registration error at every fixed pixel, in fixed px). A failed registration writes only "
            + "transform.json (verdict failed, with the reason) and exits with 1."})
public final class AlignCommand implements Callable<Integer> {

    @Option(names = "--fixed", required = true, paramLabel = "F", description = "fixed image (PNG or TIFF)")
    Path fixed;

    @Option(names = "--moving", required = true, paramLabel = "M", description = "moving image (PNG or TIFF)")
    Path moving;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output folder (created if missing)")
    Path out;

    @Option(names = "--channel", paramLabel = "C", description = "an image in the moving frame to put into the fixed "
        + "frame too (repeatable)")
    List<Path> channels = new ArrayList<>();

    @Option(names = "--fixed-channel", paramLabel = "CH", defaultValue = "auto",
        description = "channel of a colour or multi-channel fixed image: red, green, blue, luminance, max, auto "
            + "(default), an index or a channel name from the file (as register --lm-channel)")
    String fixedChannel;

    @Option(names = "--moving-channel", paramLabel = "CH", defaultValue = "auto",
        description = "channel of a colour or multi-channel moving image, as --fixed-channel (default: auto = "
            + "luminance, or the first channel)")
    String movingChannel;

    @Mixin
    RegistrationOptions options;

    @Mixin
    LandmarkOptions landmarks;

    @Override
    public Integer call() throws Exception {
        List<Path> toWarp = new ArrayList<>(List.of(moving));
        toWarp.addAll(channels);
        PairOutputs outputs = new PairOutputs(out, toWarp, false, options.overwrite);
        ChannelSelection fixedSel = ChannelSelection.parseWithNames(fixedChannel);
        ChannelSelection movingSel = ChannelSelection.parseWithNames(movingChannel);
        var registration = options.registration(RegistrationMethod.AUTO);
        var model = options.transformModel();
        List<double[]> pairs = landmarks.read(model);

        LoadedImage fixedImg = ImageFiles.read(fixed);
        LoadedImage movingImg = ImageFiles.read(moving);
        var fixedPlane = fixedSel.apply(fixedImg);
        var movingPlane = movingSel.apply(movingImg);
        ErrorPrediction.Assessment auto = landmarks.only() ? null
            : ErrorPrediction.assess(fixedPlane, movingPlane, registration.register(fixedPlane, movingPlane, model));
        TransformDocument doc = LandmarkOptions.document(auto == null ? null : auto.result(), pairs, model,
            new ImageSize(fixedImg.width(), fixedImg.height()), new ImageSize(movingImg.width(), movingImg.height()));
        if (pairs == null) { // the tiles judge the automatic answer, not one corrected by landmarks
            doc = doc.withPredictedError(auto.error());
        }
        List<LoadedImage> images = new ArrayList<>(List.of(movingImg));
        for (Path c : channels) {
            images.add(ImageFiles.read(c));
        }
        outputs.removeEarlierRun();
        outputs.write(doc, fixedPlane, movingPlane, images, options.overlayColour(), options.interpolation());
        return Reporting.report(doc, outputs.dir());
    }
}
