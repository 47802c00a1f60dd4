package org.knime.deepclem.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

import org.knime.deepclem.engine.io.AtomicFiles;
import org.knime.deepclem.engine.io.ImageCalibration;
import org.knime.deepclem.engine.io.ImageFiles;
import org.knime.deepclem.engine.io.LoadedImage;
import org.knime.deepclem.engine.io.PixelSize;
import org.knime.deepclem.engine.registration.RegistrationResult;
import org.knime.deepclem.engine.transform.ImageWarp;
import org.knime.deepclem.engine.transform.Interpolation;
import org.knime.deepclem.engine.transform.TransformDocument;
import org.knime.deepclem.engine.transform.TransformDocument.ImageSize;
import org.knime.deepclem.engine.transform.TransformFiles;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code deepclem apply}: puts LM channel images into the EM frame with a saved transform. */
@Command(name = "apply", mixinStandardHelpOptions = true,
    description = {"Applies a registration transform to channel images, writing DIR/<name>_registered.tif for each. "
        + "The transform: transform.json from deepclem, a Fiji / Register Virtual Stack Slices .xml, landmarks (.csv: "
        + "BigWarp's layout or a header moving_x,moving_y,fixed_x,fixed_y; fitted with an affine transform), an elastix/transformix TransformParameters .txt (2-D affine, "
        + "similarity, Euler or translation on the pixel grid; it maps reference to channel pixels) or OME-NGFF "
        + "transformation metadata (.ome-ngff.json).",
        "Outputs have the reference image's size and each input's bit depth; all channels of colour images are "
            + "transformed."},
    sortOptions = false)
public final class ApplyCommand implements Callable<Integer> {

    @Option(names = "--transform", required = true, paramLabel = "T", description = "transform file: .json (deepclem or "
        + "OME-NGFF), .xml (Fiji), .csv (BigWarp landmarks) or .txt (elastix); moving = channel, fixed = reference")
    Path transform;

    @Option(names = "--reference", required = true, paramLabel = "EM", description = "reference (EM) image: sets the "
        + "output size")
    Path reference;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output folder (created if missing)")
    Path outDir;

    @Option(names = "--interpolation", paramLabel = "MODE", defaultValue = "linear",
        description = "nearest, linear or cubic (default: ${DEFAULT-VALUE})")
    String interpolation;

    @Option(names = "--overwrite", description = "replace existing output files")
    boolean overwrite;

    @Parameters(arity = "1..*", paramLabel = "C", description = "channel images (PNG or TIFF) in the moving frame")
    List<Path> channels;

    @Override
    public Integer call() throws Exception {
        Interpolation interp = Interpolation.fromId(interpolation);
        // every check that can fail comes before any output is written
        List<Path> outputs = new ArrayList<>();
        Set<Path> seen = new HashSet<>();
        for (Path c : channels) {
            Path o = outDir.resolve(ImageFiles.baseName(c) + "_registered.tif");
            if (!seen.add(o.toAbsolutePath().normalize())) {
                throw new IllegalArgumentException("two channel images would both be written to " + o
                    + "; rename one of them");
            }
            AtomicFiles.refuseExisting(o, overwrite);
            outputs.add(o);
        }
        AtomicFiles.checkWritableFolder(outDir, "--out");
        TransformDocument doc = TransformFiles.read(transform);
        RegistrationResult r = doc.result();
        if (!r.ok()) {
            throw new IllegalArgumentException("transform " + transform + " is marked failed (" + r.reason()
                + "); not applying it");
        }
        int[] ref = ImageFiles.size(reference);
        // the outputs lie in the reference's pixel grid: they carry its calibration (null: it has none)
        PixelSize calibration = ImageCalibration.read(reference).orElse(null);
        check(doc.fixedSize(), ref[0], ref[1], "reference " + reference, "fixed");
        for (Path c : channels) {
            int[] size = ImageFiles.size(c);
            check(doc.movingSize(), size[0], size[1], "channel image " + c, "moving");
        }
        r.movingToFixed().inverse(); // a degenerate matrix fails here, before any output

        Files.createDirectories(outDir);
        for (int i = 0; i < channels.size(); i++) {
            LoadedImage img = ImageFiles.read(channels.get(i));
            LoadedImage warped = ImageWarp.warp(img, r.movingToFixed(), ref[0], ref[1], interp, outputs.get(i));
            ImageFiles.write(warped, outputs.get(i), overwrite, calibration);
            System.out.println("wrote " + outputs.get(i));
        }
        return ExitCode.OK;
    }

    private static void check(ImageSize expected, int w, int h, String what, String role) {
        if (expected != null && (expected.width() != w || expected.height() != h)) {
            throw new IllegalArgumentException(what + " is " + w + "x" + h + " but the transform was computed for a "
                + role + " image of " + expected.width() + "x" + expected.height());
        }
    }
}
