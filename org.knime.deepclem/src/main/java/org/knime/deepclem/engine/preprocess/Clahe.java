package org.knime.deepclem.engine.preprocess;

import org.knime.deepclem.engine.image.Planes;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.real.FloatType;

/**
 * Contrast-limited adaptive histogram equalisation (Zuiderveld 1994): the image is cut into tiles, each tile's
 * histogram is clipped at {@code slope} times its mean bin count (the excess spread evenly over all bins) and turned
 * into a mapping; every pixel interpolates bilinearly between the mappings of the four nearest tile centres.
 * <p>
 * Written here because no available library has it: BoofCV's {@code EnhanceImageOps.equalizeLocal} is local
 * equalisation without the clip limit (it amplifies noise in flat regions, which is what CLAHE exists to prevent),
 * and Fiji's mpicbg CLAHE is not on Maven Central.
 */
public final class Clahe {

    /** Default tile edge in pixels (Fiji's CLAHE block size is 127). */
    public static final int DEFAULT_BLOCK_SIZE = 127;
    /** Default number of histogram bins. */
    public static final int DEFAULT_BINS = 256;
    /** Default maximum slope of the mapping (clip limit relative to a flat histogram), as Fiji. */
    public static final double DEFAULT_SLOPE = 3.0;

    private Clahe() {
    }

    /**
     * @param img       a gray plane of any range
     * @param blockSize tile edge in pixels (at least 2)
     * @param bins      histogram bins (at least 2)
     * @param slope     clip limit as a multiple of the mean bin count (1 = no enhancement, large = plain local
     *                  equalisation)
     * @return the equalised plane, in the input's [min, max] range
     */
    public static ArrayImg<FloatType, FloatArray> apply(RandomAccessibleInterval<? extends RealType<?>> img,
        int blockSize, int bins, double slope) {
        if (blockSize < 2 || bins < 2 || !(slope >= 1) || !Double.isFinite(slope)) {
            throw new IllegalArgumentException("CLAHE needs block size >= 2, bins >= 2 and slope >= 1 (got " + blockSize
                + ", " + bins + ", " + slope + ")");
        }
        int w = (int) img.dimension(0), h = (int) img.dimension(1);
        float[] v = Planes.copy(img);
        double[] minMax = Intensity.minMax(v);
        float min = (float) minMax[0], max = (float) minMax[1];
        if (!(max > min)) {
            return Planes.wrap(v, w, h); // flat image: nothing to equalise
        }
        int[] bin = new int[v.length];
        double binScale = (bins - 1) / (double) (max - min);
        for (int i = 0; i < v.length; i++) {
            bin[i] = (int) Math.round((v[i] - min) * binScale);
        }
        int tx = Math.max(1, (int) Math.round((double) w / blockSize));
        int ty = Math.max(1, (int) Math.round((double) h / blockSize));
        // mapping of each tile: bin -> [0, 1]
        float[][] maps = new float[tx * ty][];
        for (int j = 0; j < ty; j++) {
            for (int i = 0; i < tx; i++) {
                int x0 = i * w / tx, x1 = (i + 1) * w / tx, y0 = j * h / ty, y1 = (j + 1) * h / ty;
                maps[j * tx + i] = tileMapping(bin, w, x0, x1, y0, y1, bins, slope);
            }
        }
        float[] out = new float[v.length];
        float range = max - min;
        for (int y = 0; y < h; y++) {
            // position between tile centres, in tile units
            double gy = (y + 0.5) * ty / h - 0.5;
            int j0 = (int) Math.floor(gy);
            double fy = gy - j0;
            int ja = Math.max(0, j0), jb = Math.min(ty - 1, j0 + 1);
            for (int x = 0; x < w; x++) {
                double gx = (x + 0.5) * tx / w - 0.5;
                int i0 = (int) Math.floor(gx);
                double fx = gx - i0;
                int ia = Math.max(0, i0), ib = Math.min(tx - 1, i0 + 1);
                int b = bin[y * w + x];
                double top = (1 - fx) * maps[ja * tx + ia][b] + fx * maps[ja * tx + ib][b];
                double bottom = (1 - fx) * maps[jb * tx + ia][b] + fx * maps[jb * tx + ib][b];
                out[y * w + x] = (float) (min + range * ((1 - fy) * top + fy * bottom));
            }
        }
        return Planes.wrap(out, w, h);
    }

    private static float[] tileMapping(int[] bin, int w, int x0, int x1, int y0, int y1, int bins, double slope) {
        double[] hist = new double[bins];
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                hist[bin[y * w + x]]++;
            }
        }
        double n = (double) (x1 - x0) * (y1 - y0);
        double limit = slope * n / bins;
        // Clip at level L and spread the clipped excess evenly, with L chosen so that the result just reaches the
        // limit: L + excess(L) / bins = limit. The left side grows with L, so bisection finds it.
        double lo = 0, hi = limit;
        for (int it = 0; it < 60; it++) {
            double mid = 0.5 * (lo + hi);
            if (mid + excess(hist, mid) / bins > limit) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        double add = excess(hist, lo) / bins;
        for (int k = 0; k < bins; k++) {
            hist[k] = Math.min(hist[k], lo) + add;
        }
        float[] map = new float[bins];
        double sum = 0;
        for (int k = 0; k < bins; k++) {
            sum += hist[k];
            map[k] = (float) (sum / n);
        }
        return map;
    }

    private static double excess(double[] hist, double level) {
        double e = 0;
        for (double v : hist) {
            if (v > level) {
                e += v - level;
            }
        }
        return e;
    }
}
