package org.knime.deepclem.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.knime.deepclem.engine.registration.RegistrationMethod;
import org.knime.deepclem.engine.pipeline.VirtualChromatinRegistration;
import org.knime.deepclem.engine.predict.VirtualChromatinModel;
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
            + "DIR/overlay.png (EM gray, chromatin in colour). A failed registration writes no registered images and "
            + "exits with 1."})
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

    @Option(names = "--lm-channel", paramLabel = "CH", description = "chromatin channel of a colour LM image: blue "
        + "(default for colour), green, red, gray (= luminance), max or an index")
    String lmChannel;

    @Mixin
    ModelOption model;

    @Mixin
    RegistrationOptions options;

    @Override
    public Integer call() throws Exception {
        var method = options.method(RegistrationMethod.CORRELATION);
        var transformModel = options.transformModel();
        // TensorFlow's start and the model load (over a second) overlap with reading and checking the images
        CompletableFuture<VirtualChromatinModel> loading = CompletableFuture.supplyAsync(() -> {
            try {
                return model.load();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, task -> {
            // its own thread: the common pool (one worker on two cores) belongs to the registration
            Thread t = new Thread(task, "deepclem-model-load");
            t.setDaemon(true);
            t.start();
        });
        PairRun.Inputs inputs;
        try {
            inputs = new PairRun(em, lm, channels, lmChannel, out).read(options.overwrite);
        } catch (RuntimeException | IOException e) {
            // let the load finish and close the model: exiting while TensorFlow loads its library can crash the JVM
            loading.handle((net, loadError) -> net).thenAccept(net -> {
                if (net != null) {
                    net.close();
                }
            }).join();
            throw e;
        }
        try (VirtualChromatinModel net = awaitModel(loading)) {
            var pipeline = new VirtualChromatinRegistration(net, method.create(), transformModel);
            RegistrationResult r = PairRun.run(inputs, pipeline, options.overlayColour(), options.interpolation());
            return Reporting.report(r, out);
        }
    }

    private static VirtualChromatinModel awaitModel(CompletableFuture<VirtualChromatinModel> loading)
        throws IOException {
        try {
            return loading.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }
}
