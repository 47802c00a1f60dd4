package org.knime.deepclem.engine.registration;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.knime.deepclem.engine.image.Planes;

/**
 * Runs a registration over synthetic cases made from the hand-registered chromatin images and reports how many it
 * recovers within 1 px. {@code main(root, cases, blurSigma, method...)} is the long run; the JUnit accuracy test uses
 * the same code with fewer cases.
 */
public final class AccuracyRun {

    /** RMS error (fixed px) under which a case counts as recovered. */
    public static final double TOLERANCE_PX = 1.0;

    /** The outcome of one case. */
    public record Outcome(SyntheticPairs.Case c, RegistrationResult result, double errorPx, double seconds) {
        public boolean recovered() {
            return result.ok() && errorPx < TOLERANCE_PX;
        }
    }

    /** Summary over many cases. */
    public record Summary(String method, double blurSigma, List<Outcome> outcomes) {
        public long recovered() {
            return outcomes.stream().filter(Outcome::recovered).count();
        }

        /** Cases reported OK whose error is 1 px or more: wrong answers the gate let through. */
        public long wrongButOk() {
            return outcomes.stream().filter(o -> o.result.ok() && !(o.errorPx < TOLERANCE_PX)).count();
        }

        public double rate() {
            return (double) recovered() / outcomes.size();
        }

        public double medianError() {
            return median(outcomes.stream().mapToDouble(Outcome::errorPx).toArray());
        }

        public double medianSeconds() {
            return median(outcomes.stream().mapToDouble(Outcome::seconds).toArray());
        }

        public String line() {
            return String.format(Locale.ROOT,
                "%-12s blur %.1f: recovered %d/%d (%.1f %%), ok-but-wrong %d, median error %.3f px, median time %.3f s",
                method, blurSigma, recovered(), outcomes.size(), 100 * rate(), wrongButOk(), medianError(),
                medianSeconds());
        }
    }

    private AccuracyRun() {
    }

    /** The three hand-registered chromatin images below {@code root}/data/deepclem/training/chromatin. */
    public static List<SyntheticPairs.Source> sources(Path root) throws IOException {
        List<SyntheticPairs.Source> out = new ArrayList<>();
        for (String s : new String[] {"s6", "s7", "s8"}) {
            out.add(SyntheticPairs.Source.read(root.resolve("data/deepclem/training/chromatin/" + s + ".png")));
        }
        return out;
    }

    /**
     * Registers {@code n} cases (seeds {@code firstSeed..}, cycling through the sources) with {@code registration}.
     *
     * @param blurSigma 0 for a sharp fixed image; 3-4 mimics virtual chromatin (the sigma per case is drawn in
     *                  [blurSigma, blurSigma + 1])
     */
    public static Summary run(String name, Registration registration, List<SyntheticPairs.Source> sources, int n,
        long firstSeed, double blurSigma, PrintStream log) {
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long seed = firstSeed + i;
            double sigma = blurSigma > 0 ? blurSigma + (seed % 10) / 10.0 : 0;
            SyntheticPairs.Case c = SyntheticPairs.make(sources.get(i % sources.size()), seed, sigma);
            long t0 = System.nanoTime();
            RegistrationResult r = registration.register(Planes.wrap(c.fixed(), c.fixedWidth(), c.fixedHeight()),
                Planes.wrap(c.moving()[c.chromatin()], c.movingWidth(), c.movingHeight()), TransformModel.SIMILARITY);
            double secs = (System.nanoTime() - t0) / 1e9;
            double err = c.error(r.movingToFixed());
            Outcome o = new Outcome(c, r, err, secs);
            outcomes.add(o);
            if (log != null && !o.recovered()) {
                log.printf(Locale.ROOT, "  %s %s: %s err %.2f px %s | ncc %.3f overlap %.2f inliers %d margin %.3f%n", name,
                    c.describe(), r.verdict().id(), err, r.reason(), r.quality().ncc(), r.quality().overlap(),
                    r.quality().inliers(), r.quality().margin());
            }
        }
        return new Summary(name, blurSigma, outcomes);
    }

    public static double median(double[] v) {
        if (v.length == 0) {
            return Double.NaN;
        }
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : 0.5 * (s[s.length / 2 - 1] + s[s.length / 2]);
    }

    /** Repository root: {@code deepclem.root} or the first parent of the working directory holding data/deepclem. */
    public static Path repoRoot() {
        String prop = System.getProperty("deepclem.root");
        if (prop != null) {
            return Path.of(prop).toAbsolutePath().normalize();
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("data/deepclem"))) {
                return p;
            }
        }
        throw new IllegalStateException("cannot find data/deepclem above " + Path.of("").toAbsolutePath()
            + ": run from the repository or set -Ddeepclem.root");
    }

    /** {@code AccuracyRun [cases] [blurSigma] [features|correlation|auto ...]}: the long accuracy run. */
    public static void main(String[] args) throws IOException {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        double blur = args.length > 1 ? Double.parseDouble(args[1]) : 0;
        List<String> methods = args.length > 2 ? Arrays.asList(args).subList(2, args.length)
            : List.of("features", "correlation", "auto");
        List<SyntheticPairs.Source> sources = sources(repoRoot());
        for (String m : methods) {
            Summary s = run(m, byName(m), sources, n, 1000, blur, System.out);
            System.out.println(s.line());
        }
    }

    static Registration byName(String name) {
        return switch (name) {
            case "features" -> new FeatureRegistration();
            case "correlation" -> new CorrelationRegistration();
            case "auto" -> new AutoRegistration();
            default -> throw new IllegalArgumentException("unknown method '" + name + "': use features, correlation or auto");
        };
    }
}
