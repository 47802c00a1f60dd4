package org.knime.deepclem.engine.registration;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

import org.jtransforms.fft.FloatFFT_2D;
import org.knime.deepclem.engine.geometry.Affine2D;
import org.knime.deepclem.engine.image.Bilinear;

import pl.edu.icm.jlargearrays.ConcurrencyUtils;

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

    static {
        // One thread per FFT: the search already runs its poses in parallel. On FFTs large enough for JTransforms' own
        // pool, an interrupt (a cancelled KNIME node or batch) made it log the InterruptedException with its stack
        // trace and go on with a half-computed spectrum. JTransforms is embedded in this bundle: the setting is ours.
        ConcurrencyUtils.setNumberOfThreads(1);
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
        double fixedPerFull = fixed.perFull();
        double basePerFull = movingBase.perFull();
        ScaledPlane[] perScale = new ScaledPlane[scales.length];
        IntStream.range(0, scales.length).parallel().forEach(i -> perScale[i] =
            movingBase.shrink(scales[i] * fixedPerFull / basePerFull));
        // angles in pairs half a turn apart (same canvas size): one complex FFT correlates both
        int[][] pairs = anglePairs(angles.length);
        List<Candidate> all = new ArrayList<>();
        IntStream.range(0, scales.length * pairs.length).parallel().mapToObj(k -> {
            int si = k / pairs.length;
            int[] pair = pairs[k % pairs.length];
            return searchPoses(perScale[si], scales[si], angles[pair[0]],
                pair.length > 1 ? angles[pair[1]] : Double.NaN, peaks, minOverlap);
        }).forEachOrdered(all::addAll);
        all.sort(Comparator.comparingDouble(Candidate::rank).reversed());
        return all;
    }

    /** Indices {i, i + n/2} for an even count (half a turn apart on a full-circle grid), singles otherwise. */
    private static int[][] anglePairs(int n) {
        if (n % 2 != 0) {
            return IntStream.range(0, n).mapToObj(i -> new int[] {i}).toArray(int[][]::new);
        }
        return IntStream.range(0, n / 2).mapToObj(i -> new int[] {i, i + n / 2}).toArray(int[][]::new);
    }

    /** The moving plane rotated and scaled into the fixed plane's px, shifted to start at the origin. */
    private record Placement(Affine2D placed, int width, int height) {

        static Placement of(ScaledPlane m, ScaledPlane fixed, double scale, double angle) {
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
            return new Placement(Affine2D.translation(-Math.floor(minX), -Math.floor(minY)).after(q),
                (int) Math.ceil(maxX - Math.floor(minX)) + 1, (int) Math.ceil(maxY - Math.floor(minY)) + 1);
        }
    }

    /**
     * Scores the best translations for one or two rotations of a scaled moving plane. The two rotated planes go into
     * the real and imaginary parts of one complex FFT: with Z = FFT(a + i b), IFFT(F conj(Z)) = corr(a) - i corr(b),
     * both correlations being real. That halves the FFTs, which dominate the search.
     *
     * @param angleB the second angle, or NaN for one
     */
    private List<Candidate> searchPoses(ScaledPlane m, double scale, double angleA, double angleB, int peaks,
        double minOverlap) {
        List<Placement> placements = new ArrayList<>(List.of(Placement.of(m, fixed, scale, angleA)));
        if (!Double.isNaN(angleB)) {
            placements.add(Placement.of(m, fixed, scale, angleB));
        }
        int fw = fixed.width(), fh = fixed.height();
        // cyclic correlation: the canvas leaves room for offsets where at least half of the smaller side overlaps
        int cw = 0, ch = 0;
        for (Placement p : placements) {
            cw = Math.max(cw, FftSizes.next(Math.max(fw, p.width()) + Math.min(fw, p.width()) / 2 + 1));
            ch = Math.max(ch, FftSizes.next(Math.max(fh, p.height()) + Math.min(fh, p.height()) / 2 + 1));
        }
        float[] spec = new float[2 * cw * ch];
        for (int part = 0; part < placements.size(); part++) {
            Placement p = placements.get(part);
            Affine2D back = p.placed().inverse();
            for (int y = 0; y < p.height(); y++) {
                for (int x = 0; x < p.width(); x++) {
                    float v = Bilinear.sample(m.px(), m.width(), m.height(), back.applyX(x, y), back.applyY(x, y),
                        movingBackground);
                    spec[2 * (y * cw + x) + part] = v - movingBackground;
                }
            }
        }
        FloatFFT_2D fft = fft(cw, ch);
        fft.complexForward(spec);
        float[] fs = fixedSpectrum(cw, ch);
        // F . conj(Z); the real part then holds sum_x F(x) a(x - d), minus the imaginary part the same for b
        for (int i = 0; i < spec.length; i += 2) {
            float fr = fs[i], fi = fs[i + 1], zr = spec[i], zi = spec[i + 1];
            spec[i] = fr * zr + fi * zi;
            spec[i + 1] = fi * zr - fr * zi;
        }
        fft.complexInverse(spec, false);
        List<Candidate> out = new ArrayList<>();
        for (int part = 0; part < placements.size(); part++) {
            Placement p = placements.get(part);
            for (int[] d : topPeaks(spec, part, part == 0 ? 1 : -1, cw, ch, peaks)) {
                int dx = d[0] > cw / 2 ? d[0] - cw : d[0], dy = d[1] > ch / 2 ? d[1] - ch : d[1];
                Affine2D level = Affine2D.translation(dx, dy).after(p.placed());
                OverlapScore s = OverlapScore.of(fixed, m, level);
                if (s.overlap() >= minOverlap && !Double.isNaN(s.ncc())) {
                    out.add(new Candidate(ScaledPlane.toFull(level, m, fixed), s.ncc(), s.overlap()));
                }
            }
        }
        return out;
    }

    /**
     * A new FFT plan: JTransforms' power-of-two 2-D plans are not thread-safe (one shared 128x128 plan gave wrong
     * spectra and index errors under concurrent use), and making one costs little next to the transforms.
     */
    private static FloatFFT_2D fft(int cw, int ch) {
        return new FloatFFT_2D(ch, cw);
    }

    private float[] fixedSpectrum(int cw, int ch) {
        return fixedSpectra.computeIfAbsent(((long) cw << 32) | ch, key -> {
            int fw = fixed.width(), fh = fixed.height();
            float[] a = new float[2 * cw * ch];
            for (int y = 0; y < fh; y++) {
                System.arraycopy(fixedZeroMean, y * fw, a, y * cw, fw);
            }
            fft(cw, ch).realForwardFull(a);
            return a;
        });
    }

    /**
     * The {@code n} highest local maxima, at least 3 px apart, of one part (0 real, 1 imaginary) of an interleaved
     * complex array, times {@code sign}.
     */
    private static List<int[]> topPeaks(float[] c, int part, int sign, int w, int h, int n) {
        List<int[]> peaks = new ArrayList<>();
        boolean[] taken = new boolean[w * h];
        for (int k = 0; k < n; k++) {
            int best = -1;
            float bestV = -Float.MAX_VALUE;
            for (int i = 0; i < w * h; i++) {
                float v = sign * c[2 * i + part];
                if (!taken[i] && v > bestV) {
                    bestV = v;
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
