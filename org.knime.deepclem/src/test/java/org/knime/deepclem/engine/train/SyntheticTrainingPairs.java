package org.knime.deepclem.engine.train;

import java.util.Random;

import org.knime.deepclem.engine.image.Planes;

/** Tiny synthetic EM / chromatin pairs: dark round "nuclei" in the EM are bright in the chromatin. */
public final class SyntheticTrainingPairs {

    private SyntheticTrainingPairs() {
    }

    /** A pair of {@code w x h} 8-bit-range planes with a few blobs. */
    public static TrainingPair pair(String name, int w, int h, long seed) {
        Random r = new Random(seed);
        float[] em = new float[w * h], chrom = new float[w * h];
        double[][] blobs = new double[4][];
        for (int b = 0; b < blobs.length; b++) {
            blobs[b] = new double[] {r.nextDouble() * w, r.nextDouble() * h, 6 + r.nextDouble() * 8};
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double c = 0;
                for (double[] b : blobs) {
                    double d = Math.hypot(x - b[0], y - b[1]) / b[2];
                    c = Math.max(c, Math.exp(-d * d));
                }
                chrom[y * w + x] = (float) (255 * c);
                em[y * w + x] = (float) Math.max(0, Math.min(255, 190 - 120 * c + 20 * r.nextGaussian()));
            }
        }
        return new TrainingPair(name, Planes.wrap(em, w, h), Planes.wrap(chrom, w, h));
    }
}
