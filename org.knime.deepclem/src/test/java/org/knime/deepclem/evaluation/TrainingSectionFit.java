package org.knime.deepclem.evaluation;

import java.nio.file.Path;
import java.util.Locale;

import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.knime.deepclem.engine.image.Planes;
import org.knime.deepclem.engine.io.ChannelSelection;
import org.knime.deepclem.engine.io.ImageFiles;
import org.knime.deepclem.engine.predict.VirtualChromatinModel;
import org.knime.deepclem.engine.preprocess.Intensity;

import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.real.FloatType;

/**
 * How well models predict the chromatin of the training sections (docs/model.md, "The bundled model"): per model and
 * section, the mean [0, 1] prediction inside and outside the hand-registered chromatin (above half its 99.8th
 * percentile), the Pearson correlation with the chromatin image and the warm prediction time. A model trained on a
 * section fits it optimistically; the held-out evaluation is docs/evaluation.md. Several models in one run, so that
 * a baseline is measured beside a new one on the same machine.
 * Usage: TrainingSectionFit ROOT MODEL.zip [MODEL.zip...] (the bundled model: "default")
 */
public final class TrainingSectionFit {

    private TrainingSectionFit() {
    }

    public static void main(String[] args) throws Exception {
        Path training = Path.of(args[0]).resolve("data/deepclem/training");
        System.out.printf(Locale.ROOT, "%-44s %-4s %7s %8s %9s %10s%n", "model", "sec", "inside", "outside",
            "Pearson", "predict s");
        for (int a = 1; a < args.length; a++) {
            try (VirtualChromatinModel m = args[a].equals("default") ? VirtualChromatinModel.loadDefault()
                : VirtualChromatinModel.load(Path.of(args[a]))) {
                for (String s : new String[] {"s6", "s7", "s8"}) {
                    ArrayImg<FloatType, FloatArray> em =
                        ImageFiles.read(training.resolve("em/" + s + ".png")).select(ChannelSelection.AUTO);
                    float[] chromatin = Planes.data(
                        ImageFiles.read(training.resolve("chromatin/" + s + ".png")).select(ChannelSelection.MAX));
                    m.predict(em); // warm-up: the first run of a session builds TensorFlow's kernels
                    long t0 = System.nanoTime();
                    float[] p = Planes.data(m.predict(em));
                    double seconds = (System.nanoTime() - t0) / 1e9;
                    double[] inOut = insideOutside(p, chromatin);
                    System.out.printf(Locale.ROOT, "%-44s %-4s %7.3f %8.3f %9.3f %10.2f%n", args[a], s, inOut[0],
                        inOut[1], pearson(p, chromatin), seconds);
                }
            }
        }
    }

    /**
     * The mean prediction inside and outside the chromatin (above half the chromatin's 99.8th percentile), and the
     * number of pixels inside: {inside, outside, count}.
     */
    public static double[] insideOutside(float[] prediction, float[] chromatin) {
        float threshold = 0.5f * (float) Intensity.percentiles(chromatin, 0, 99.8)[1];
        double in = 0, out = 0;
        int nIn = 0;
        for (int i = 0; i < prediction.length; i++) {
            if (chromatin[i] > threshold) {
                in += prediction[i];
                nIn++;
            } else {
                out += prediction[i];
            }
        }
        return new double[] {in / nIn, out / (prediction.length - nIn), nIn};
    }

    private static double pearson(float[] x, float[] y) {
        double[] a = new double[x.length], b = new double[y.length];
        for (int i = 0; i < x.length; i++) {
            a[i] = x[i];
            b[i] = y[i];
        }
        return new PearsonsCorrelation().correlation(a, b);
    }
}
