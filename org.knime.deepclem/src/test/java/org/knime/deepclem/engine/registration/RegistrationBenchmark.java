package org.knime.deepclem.engine.registration;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.knime.deepclem.engine.geometry.Affine2D;
import org.knime.deepclem.engine.image.Planes;
import org.knime.deepclem.engine.preprocess.Resample;
import org.knime.deepclem.engine.transform.Interpolation;
import org.knime.deepclem.engine.transform.Warp;

import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.real.FloatType;

/**
 * Registration benchmark (not a test): per-stage times for a 1280x954 pair and an 8192x8192 pair, and the synthetic
 * cases of {@link SyntheticPairs} through both engine methods and Debian's elastix side by side. Run through
 * {@code bench/registration.sh} (which uses -Xmx2g). Options: {@code --cases N} (default 20), {@code --big SIZE}
 * (default 8192, 0 skips), {@code --elastix PATH} (default elastix; "none" skips).
 */
public final class RegistrationBenchmark {

    private RegistrationBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int cases = 20, big = 8192;
        String elastix = "elastix";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--cases" -> cases = Integer.parseInt(args[++i]);
                case "--big" -> big = Integer.parseInt(args[++i]);
                case "--elastix" -> elastix = args[++i];
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                    + ": use --cases N, --big SIZE, --elastix PATH|none");
            }
        }
        Runtime rt = Runtime.getRuntime();
        System.out.printf(Locale.ROOT, "Java %s, %d cores visible, max heap %d MiB, load average at start: %s%n%n",
            System.getProperty("java.version"), rt.availableProcessors(), rt.maxMemory() >> 20, loadAverage());
        Path root = AccuracyRun.repoRoot();
        List<SyntheticPairs.Source> sources = AccuracyRun.sources(root);
        Path tmp = Files.createTempDirectory("deepclem-regbench");
        try {
            stageTimes(sources.get(0), tmp);
            if (big > 0) {
                bigImage(sources.get(0), big, tmp);
            }
            comparison(sources, cases, elastix, tmp);
        } finally {
            try (Stream<Path> walk = Files.walk(tmp)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Stage times on a 1280x954 pair: fixed = training chromatin s6, moving = a simulated LM view of it. */
    private static void stageTimes(SyntheticPairs.Source s6, Path tmp) throws IOException {
        SyntheticPairs.Case c = SyntheticPairs.make(s6, 7, 0, true);
        Path f = tmp.resolve("fixed.png"), m = tmp.resolve("moving.png");
        ElastixRunner.writeGray8(c.fixed(), c.fixedWidth(), c.fixedHeight(), f);
        ElastixRunner.writeGray8(c.moving()[c.chromatin()], c.movingWidth(), c.movingHeight(), m);
        System.out.printf(Locale.ROOT, "## Stage times, %dx%d fixed, %dx%d moving (%s)%n%n", c.fixedWidth(),
            c.fixedHeight(), c.movingWidth(), c.movingHeight(), c.describe());
        printStageTable(f, m, c, 5);
    }

    /**
     * Stage times on an 8192x8192 fixed image (s6 upsampled and cropped) and its moving image upsampled by the same
     * factor (so the scale between them stays in the searched range).
     */
    private static void bigImage(SyntheticPairs.Source s6, int size, Path tmp) throws IOException {
        SyntheticPairs.Case c = SyntheticPairs.make(s6, 7, 0, true);
        double kf = (double) size / Math.min(c.fixedWidth(), c.fixedHeight()), km = kf;
        int upW = (int) Math.round(c.fixedWidth() * kf), upH = (int) Math.round(c.fixedHeight() * kf);
        int ox = (upW - size) / 2, oy = (upH - size) / 2;
        Path f = tmp.resolve("fixed-big.png"), m = tmp.resolve("moving-big.png");
        {
            float[] up = Planes.data(Resample.toSize(Planes.wrap(c.fixed(), c.fixedWidth(), c.fixedHeight()), upW, upH));
            float[] crop = new float[size * size];
            for (int y = 0; y < size; y++) {
                System.arraycopy(up, (y + oy) * upW + ox, crop, y * size, size);
            }
            up = null;
            ElastixRunner.writeGray8(crop, size, size, f);
        }
        int mw = (int) Math.round(c.movingWidth() * km), mh = (int) Math.round(c.movingHeight() * km);
        ElastixRunner.writeGray8(Planes.data(Resample.toSize(Planes.wrap(c.moving()[c.chromatin()], c.movingWidth(),
            c.movingHeight()), mw, mh)), mw, mh, m);
        // truth in the big frames: big moving -> moving -> fixed -> upsampled fixed -> crop
        Affine2D fixedUp = Affine2D.translation(-ox, -oy)
            .after(Affine2D.betweenGrids(c.fixedWidth(), c.fixedHeight(), upW, upH));
        Affine2D movingDown = Affine2D.betweenGrids(mw, mh, c.movingWidth(), c.movingHeight());
        Affine2D truth = fixedUp.after(c.truth()).after(movingDown);
        SyntheticPairs.Case bigCase = new SyntheticPairs.Case(c.seed(), null, size, size, null, mw, mh, 0, truth, 0, 0);
        System.out.printf(Locale.ROOT, "## Stage times, %dx%d fixed, %dx%d moving (8-bit PNGs; the pair above upsampled "
            + "%.2fx, fixed cropped to a square)%n%n", size, size, mw, mh, kf);
        printStageTable(f, m, bigCase, 1);
    }

    private static void printStageTable(Path f, Path m, SyntheticPairs.Case c, int repeats) throws IOException {
        System.out.println("| method | read | downsample | search | refine | warp (linear, full size) | total (wall) | "
            + "CPU s, all threads | error px | verdict |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        for (String method : new String[] {"features", "correlation"}) {
            List<Map<String, Double>> runs = new ArrayList<>();
            RegistrationResult last = null;
            for (int r = 0; r < repeats; r++) {
                Map<String, Double> times = new LinkedHashMap<>();
                long cpu0 = processCpuNanos();
                long t = System.nanoTime();
                ArrayImg<FloatType, FloatArray> fixed = read(f), moving = read(m);
                times.put("read", (System.nanoTime() - t) / 1e9);
                StageClock clock = new StageClock();
                last = method.equals("features")
                    ? new FeatureRegistration().register(fixed, moving, TransformModel.SIMILARITY, clock)
                    : new CorrelationRegistration().register(fixed, moving, TransformModel.SIMILARITY, clock);
                times.putAll(clock.seconds());
                t = System.nanoTime();
                if (last.movingToFixed() != null) {
                    Warp.warp(moving, last.movingToFixed(), fixed.dimension(0), fixed.dimension(1), Interpolation.LINEAR,
                        Float.NaN);
                }
                times.put("warp", (System.nanoTime() - t) / 1e9);
                times.put("cpu", (processCpuNanos() - cpu0) / 1e9);
                runs.add(times);
            }
            // the first run includes JIT warm-up; report the median of the others when there are any
            List<Map<String, Double>> timed = runs.size() > 1 ? runs.subList(1, runs.size()) : runs;
            StringBuilder row = new StringBuilder("| " + method + (runs.size() > 1 ? " (median of " + timed.size()
                + " warm runs)" : " (one run, after warm-up)"));
            double total = 0;
            for (String stage : new String[] {"read", "downsample", "search", "refine", "warp"}) {
                double v = median(timed, stage);
                total += v;
                row.append(String.format(Locale.ROOT, " | %.3f s", v));
            }
            row.append(String.format(Locale.ROOT, " | %.3f s | %.3f s | %.3f | %s |", total, median(timed, "cpu"),
                c.error(last.movingToFixed()), last.verdict().id()));
            System.out.println(row);
            if (runs.size() > 1) {
                Map<String, Double> cold = runs.get(0);
                double first = cold.entrySet().stream().filter(e -> !e.getKey().equals("cpu"))
                    .mapToDouble(Map.Entry::getValue).sum();
                System.out.printf(Locale.ROOT, "| %s, first (cold, JIT) run | | | | | | %.3f s | %.3f s | | |%n", method,
                    first, cold.get("cpu"));
            }
        }
        System.out.println();
    }

    /** CPU time of the whole JVM (all threads, JIT and GC included). */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
            .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** The 1-minute load average (other work on the machine slows every figure here), or "unknown". */
    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static double median(List<Map<String, Double>> runs, String stage) {
        return AccuracyRun.median(runs.stream().mapToDouble(r -> r.getOrDefault(stage, 0.0)).toArray());
    }

    private static ArrayImg<FloatType, FloatArray> read(Path file) {
        try {
            BufferedImage img = ImageIO.read(file.toFile());
            int w = img.getWidth(), h = img.getHeight();
            return Planes.wrap(img.getRaster().getSamples(0, 0, w, h, 0, new float[w * h]), w, h);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same synthetic cases through features, correlation and elastix. */
    private static void comparison(List<SyntheticPairs.Source> sources, int n, String elastix, Path tmp)
        throws IOException {
        ElastixRunner ex = elastix.equals("none") ? null : new ElastixRunner(elastix);
        if (ex != null && !ex.available()) {
            System.out.println("(elastix not found at '" + elastix + "': install it with apt-get install -y elastix)");
            ex = null;
        }
        for (double blur : new double[] {0, 3}) {
            System.out.printf(Locale.ROOT, "## %d synthetic cases (seeds 5000..), fixed %s%n%n", n,
                blur > 0 ? "blurred sigma 3-4 px (virtual chromatin)" : "sharp");
            System.out.println("| method | recovered (< 1 px) | reported OK but wrong | median RMS error px | median time s |");
            System.out.println("|---|---|---|---|---|");
            for (String method : new String[] {"features", "correlation", "auto"}) {
                AccuracyRun.Summary s = AccuracyRun.run(method, AccuracyRun.byName(method), sources, n, 5000, blur, null);
                System.out.printf(Locale.ROOT, "| %s (ours) | %d/%d (%.0f %%) | %d | %.3f | %.3f |%n", method,
                    s.recovered(), n, 100 * s.rate(), s.wrongButOk(), s.medianError(), s.medianSeconds());
            }
            if (ex != null) {
                double[] err = new double[n], secs = new double[n];
                int ok = 0;
                for (int i = 0; i < n; i++) {
                    long seed = 5000 + i;
                    double sigma = blur > 0 ? blur + (seed % 10) / 10.0 : 0;
                    SyntheticPairs.Case c = SyntheticPairs.make(sources.get(i % sources.size()), seed, sigma);
                    ElastixRunner.Outcome o = ex.register(c.fixed(), c.fixedWidth(), c.fixedHeight(),
                        c.moving()[c.chromatin()], c.movingWidth(), c.movingHeight(), tmp.resolve("elastix-" + seed));
                    err[i] = c.error(o.movingToFixed());
                    secs[i] = o.seconds();
                    if (err[i] < AccuracyRun.TOLERANCE_PX) {
                        ok++;
                    }
                }
                System.out.printf(Locale.ROOT, "| elastix 5.0.1 affine + MI (no verdict) | %d/%d (%.0f %%) | - | %.3f | %.3f |%n",
                    ok, n, 100.0 * ok / n, AccuracyRun.median(err), AccuracyRun.median(secs));
            }
            System.out.println("load average now: " + loadAverage());
            System.out.println();
        }
    }
}
