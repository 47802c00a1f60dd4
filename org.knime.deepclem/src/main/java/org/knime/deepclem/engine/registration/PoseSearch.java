package org.knime.deepclem.engine.registration;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

import org.jtransforms.fft.FloatFFT_2D;
import org.knime.deepclem.engine.transform.Affine2D;

/**
 * Global search for a similarity pose on small planes: for every rotation and scale of a grid, the moving plane is
 * rotated and scaled into the fixed plane's pixel size, the best translations are found by FFT cross-correlation
 * (JTransforms), and each is scored by the NCC over the overlap. Returns every pose with its score; callers keep
 * several and refine them, since a coarse grid can rank a wrong pose first.
 */
final class PoseSearch {

    /** A pose (full-resolution px, moving -> fixed) and its NCC at search resolution. */
    record Candidate(Affine2D movingToFixed, double ncc, double overlap) {
        double rank() {
            return PoseSearch.rank(ncc, overlap);
        }
    }

    /**
     * How poses are ranked: NCC weighted by the square root of the covered fraction of the fixed frame. The LM field
     * usually contains the whole EM field, and over a small overlap (one or two nuclei at an edge) a high NCC is easily
     * found by chance; on synthetic cases plain NCC ranked such edge poses first.
     */
    static double rank(double ncc, double overlap) {
        return Double.isNaN(ncc) ? -2 : ncc * Math.sqrt(Math.max(0, Math.min(1, overlap)));
    }

    private final ScaledPlane fixed;
    private final ScaledPlane movingBase;
    private final float[] fixedZeroMean;
    private final float movingBackground;
    private final Map<Long, float[]> fixedSpectra = new ConcurrentHashMap<>();

    /**
     * @param fixed      the fixed plane at search resolution (about 64 px on its longer side)
     * @param movingBase the moving plane reduced no further than the largest searched scale needs
     */
    PoseSearch(ScaledPlane fixed, ScaledPlane movingBase) {
        this.fixed = fixed;
        this.movingBase = movingBase;
        float[] f = fixed.px();
        double mean = 0;
        for (float v : f) {
            mean += v;
        }
        mean /= f.length;
        fixedZeroMean = new float[f.length];
        for (int i = 0; i < f.length; i++) {
            fixedZeroMean[i] = (float) (f[i] - mean);
        }
        movingBackground = Percentiles.of(movingBase.px(), 0.25);
    }

    /**
     * Scores all poses of the grid.
     *
     * @param angles angles in radians to try
     * @param scales isotropic scales (moving px -> fixed px, full resolution) to try
     * @param peaks  translations per pose to score
     */
    List<Candidate> search(double[] angles, double[] scales, int peaks, double minOverlap) {
        double fixedPerFull = Math.sqrt(Math.abs(fixed.fromFull().determinant()));
        double basePerFull = Math.sqrt(Math.abs(movingBase.fromFull().determinant()));
        ScaledPlane[] perScale = new ScaledPlane[scales.length];
        IntStream.range(0, scales.length).parallel().forEach(i -> perScale[i] =
            movingBase.shrink(scales[i] * fixedPerFull / basePerFull));
        List<Candidate> all = new ArrayList<>();
        IntStream.range(0, scales.length * angles.length).parallel().mapToObj(k -> {
            int si = k / angles.length, ai = k % angles.length;
            return searchPose(perScale[si], scales[si], angles[ai], peaks, minOverlap);
        }).forEachOrdered(all::addAll);
        all.sort(Comparator.comparingDouble(Candidate::rank).reversed());
        return all;
    }

    private List<Candidate> searchPose(ScaledPlane m, double scale, double angle, int peaks, double minOverlap) {
        // m px -> fixed px without translation, then shifted so that the rotated plane starts at the origin
        Affine2D q = ScaledPlane.toLevel(Affine2D.similarity(scale, angle, 0, 0), m, fixed);
        double minX = Double.MAX_VALUE, minY = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
        for (double[] p : new double[][] {{-0.5, -0.5}, {m.width() - 0.5, -0.5}, {-0.5, m.height() - 0.5},
            {m.width() - 0.5, m.height() - 0.5}}) {
            double x = q.applyX(p[0], p[1]), y = q.applyY(p[0], p[1]);
            minX = Math.min(minX, x);
            maxX = Math.max(maxX, x);
            minY = Math.min(minY, y);
            maxY = Math.max(maxY, y);
        }
        Affine2D placed = Affine2D.translation(-Math.floor(minX), -Math.floor(minY)).after(q);
        int rw = (int) Math.ceil(maxX - Math.floor(minX)) + 1, rh = (int) Math.ceil(maxY - Math.floor(minY)) + 1;
        int fw = fixed.width(), fh = fixed.height();
        // cyclic correlation: the canvas leaves room for offsets where at least half of the smaller side overlaps
        int cw = FftSizes.next(Math.max(fw, rw) + Math.min(fw, rw) / 2 + 1);
        int ch = FftSizes.next(Math.max(fh, rh) + Math.min(fh, rh) / 2 + 1);
        float[] spec = new float[2 * cw * ch];
        Affine2D back = placed.inverse();
        for (int y = 0; y < rh; y++) {
            for (int x = 0; x < rw; x++) {
                float v = Bilinear.sample(m.px(), m.width(), m.height(), back.applyX(x, y), back.applyY(x, y),
                    movingBackground);
                spec[y * cw + x] = v - movingBackground;
            }
        }
        FloatFFT_2D fft = new FloatFFT_2D(ch, cw);
        fft.realForwardFull(spec);
        float[] fs = fixedSpectrum(cw, ch);
        // F . conj(R): correlation c(d) = sum_x F(x) R(x - d)
        for (int i = 0; i < spec.length; i += 2) {
            float fr = fs[i], fi = fs[i + 1], rr = spec[i], ri = spec[i + 1];
            spec[i] = fr * rr + fi * ri;
            spec[i + 1] = fi * rr - fr * ri;
        }
        fft.complexInverse(spec, false);
        List<Candidate> out = new ArrayList<>();
        for (int[] d : topPeaks(spec, cw, ch, peaks)) {
            int dx = d[0] > cw / 2 ? d[0] - cw : d[0], dy = d[1] > ch / 2 ? d[1] - ch : d[1];
            Affine2D level = Affine2D.translation(dx, dy).after(placed);
            OverlapScore s = OverlapScore.of(fixed, m, level);
            if (s.overlap() >= minOverlap && !Double.isNaN(s.ncc())) {
                out.add(new Candidate(ScaledPlane.toFull(level, m, fixed), s.ncc(), s.overlap()));
            }
        }
        return out;
    }

    private float[] fixedSpectrum(int cw, int ch) {
        return fixedSpectra.computeIfAbsent(((long) cw << 32) | ch, key -> {
            int fw = fixed.width(), fh = fixed.height();
            float[] a = new float[2 * cw * ch];
            for (int y = 0; y < fh; y++) {
                System.arraycopy(fixedZeroMean, y * fw, a, y * cw, fw);
            }
            new FloatFFT_2D(ch, cw).realForwardFull(a);
            return a;
        });
    }

    /** The {@code n} highest local maxima of the real part of an interleaved complex array, at least 3 px apart. */
    private static List<int[]> topPeaks(float[] c, int w, int h, int n) {
        List<int[]> peaks = new ArrayList<>();
        boolean[] taken = new boolean[w * h];
        for (int k = 0; k < n; k++) {
            int best = -1;
            float bestV = -Float.MAX_VALUE;
            for (int i = 0; i < w * h; i++) {
                if (!taken[i] && c[2 * i] > bestV) {
                    bestV = c[2 * i];
                    best = i;
                }
            }
            if (best < 0) {
                break;
            }
            int bx = best % w, by = best / w;
            peaks.add(new int[] {bx, by});
            for (int dy = -3; dy <= 3; dy++) {
                for (int dx = -3; dx <= 3; dx++) {
                    taken[Math.floorMod(by + dy, h) * w + Math.floorMod(bx + dx, w)] = true;
                }
            }
        }
        return peaks;
    }
}
