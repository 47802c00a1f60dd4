package org.knime.deepclem.evaluation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

import org.knime.deepclem.engine.image.Planes;
import org.knime.deepclem.engine.io.ErrorOverlay;
import org.knime.deepclem.engine.io.ImageFiles;
import org.knime.deepclem.engine.io.LoadedImage;
import org.knime.deepclem.engine.io.SampleType;
import org.knime.deepclem.engine.registration.ErrorPrediction;
import org.knime.deepclem.engine.registration.PredictedError;
import org.knime.deepclem.engine.registration.Quality;
import org.knime.deepclem.engine.registration.RegistrationResult;
import org.knime.deepclem.engine.registration.SyntheticPairs;
import org.knime.deepclem.engine.registration.TransformModel;
import org.knime.deepclem.engine.registration.Verdict;

/**
 * What the predicted error adds to a pair, in ms: {@link ErrorPrediction#assess} (the tile registrations) and writing
 * its two files (map, overlay), on whole 1280x954 sections (the size of {@code bench/speed.sh}'s pairs) under
 * synthetic LM poses, the right answer given. {@code ErrorPredictionTiming ROOT [N]}: prints the median of N pairs
 * (after 3 warm-up pairs) for each step. Files go to a temporary folder.
 */
public final class ErrorPredictionTiming {

    private ErrorPredictionTiming() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".");
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 12;
        Path tmp = Files.createTempDirectory("error-timing");
        double[] predict = new double[n], map = new double[n], tifs = new double[n], pngs = new double[n];
        String[] sections = {"s6", "s7", "s8"};
        for (int i = -3; i < n; i++) {
            String s = sections[Math.floorMod(i, 3)];
            var src = SyntheticPairs.Source.read(root.resolve("data/deepclem/training/chromatin/" + s + ".png"));
            var em = SyntheticPairs.Source.read(root.resolve("data/deepclem/training/em/" + s + ".png"));
            SyntheticPairs.Case c = SyntheticPairs.make(src, 100 + i, 100 + i, 3,
                new SyntheticPairs.Options(0.9, 2.4, SyntheticPairs.Colour.CYAN, true));
            var fixed = Planes.wrap(c.fixed(), c.fixedWidth(), c.fixedHeight());
            var moving = Planes.wrap(c.moving()[c.chromatin()], c.movingWidth(), c.movingHeight());
            RegistrationResult r = new RegistrationResult(c.truth(), TransformModel.SIMILARITY, "truth", Quality.NONE,
                Verdict.OK, "");
            long t0 = System.nanoTime();
            PredictedError e = ErrorPrediction.assess(fixed, moving, r).error();
            long t1 = System.nanoTime();
            float[] m = e.map(c.fixedWidth(), c.fixedHeight());
            long t2 = System.nanoTime();
            Path tif = tmp.resolve("map.tif"), png = tmp.resolve("overlay.png");
            ImageFiles.write(LoadedImage.ofPlane(tif, Planes.wrap(m, c.fixedWidth(), c.fixedHeight()),
                SampleType.FLOAT32), tif, true);
            long t3 = System.nanoTime();
            ImageFiles.write(ErrorOverlay.compose(Planes.wrap(em.px(), em.width(), em.height()), e.field(), Double.NaN), png,
                true);
            long t4 = System.nanoTime();
            if (i >= 0) {
                predict[i] = (t1 - t0) / 1e6;
                map[i] = (t2 - t1) / 1e6;
                tifs[i] = (t3 - t2) / 1e6;
                pngs[i] = (t4 - t3) / 1e6;
            }
        }
        System.out.printf(Locale.ROOT, "load %s; median of %d pairs (1280x954): predict %.0f ms, map %.0f ms, "
            + "error_map.tif %.0f ms, error_overlay.png (compose + write) %.0f ms%n",
            Files.readString(Path.of("/proc/loadavg")).trim(), n, median(predict), median(map), median(tifs),
            median(pngs));
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
