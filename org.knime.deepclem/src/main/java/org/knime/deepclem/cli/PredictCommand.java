package org.knime.deepclem.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.knime.deepclem.engine.image.Planes;
import org.knime.deepclem.engine.predict.VirtualChromatinModel;

import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.real.FloatType;
import picocli.CommandLine.Command;
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

    @Option(names = "--out", required = true, description = "output: .tif (32-bit float) or .png (8-bit, [0,1] "
        + "clipped)")
    Path out;

    @Option(names = "--model", description = "model zip or SavedModel folder (default: the bundled model)")
    Path model;

    @Option(names = "--overwrite", description = "replace an existing --out file")
    boolean overwrite;

    @Override
    public Integer call() throws Exception {
        if (java.nio.file.Files.exists(out) && !overwrite) {
            throw new IllegalArgumentException(out + " exists; choose another --out or add --overwrite");
        }
        org.knime.deepclem.engine.io.AtomicFiles.checkWritableFolder(out.toAbsolutePath().getParent(), "--out folder");
        var loaded = org.knime.deepclem.engine.io.ImageFiles.read(em);
        // gray: a view of the 8/16-bit pixels (a 16384^2 EM stays 256 MB); colour: luminance
        var img = loaded.plane(loaded.channels() == 1 ? org.knime.deepclem.engine.io.ChannelSelection.AUTO
            : org.knime.deepclem.engine.io.ChannelSelection.LUMINANCE);
        loaded = null;
        try (VirtualChromatinModel m = model == null ? VirtualChromatinModel.loadDefault()
            : VirtualChromatinModel.load(model)) {
            long t0 = System.nanoTime();
            ArrayImg<FloatType, FloatArray> pred = m.predict(img);
            double s = (System.nanoTime() - t0) / 1e9;
            PlaneWriter.write(Planes.data(pred), (int) pred.dimension(0), (int) pred.dimension(1), out, overwrite);
            spec.commandLine().getOut().printf(java.util.Locale.ROOT, "wrote %s (%dx%d) in %.2f s%n", out,
                pred.dimension(0), pred.dimension(1), s);
        }
        return 0;
    }
}
