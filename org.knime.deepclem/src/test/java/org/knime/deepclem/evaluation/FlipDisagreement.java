package org.knime.deepclem.evaluation;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;

import org.knime.deepclem.engine.geometry.Affine2D;
import org.knime.deepclem.engine.pipeline.VirtualChromatinRegistration;
import org.knime.deepclem.engine.predict.FlipAveraging;
import org.knime.deepclem.engine.predict.VirtualChromatinModel;
import org.knime.deepclem.engine.registration.Registration;
import org.knime.deepclem.engine.registration.RegistrationMethod;
import org.knime.deepclem.engine.registration.RegistrationResult;
import org.knime.deepclem.engine.registration.SyntheticPairs;
import org.knime.deepclem.engine.registration.TransformModel;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

/**
 * Experiment (issue 14, item 1): does the network's own disagreement with itself predict the registration error? For
 * each held-out case registered ok by the pipeline, the LM is registered again against the prediction of each of the
 * EM's three mirror images (mirrored back), and the RMS distance of each answer from the pipeline's over the EM frame
 * is written beside the measured error and the tiles' predicted RMS: one CSV row per case, then per section the
 * Spearman rank correlation of each candidate with the measured error over the ok cases (docs/evaluation.md,
 * "Predicted error", "Tried: the network's disagreement with itself"). A flip's answer that is off by more than
 * {@value #CAP_PX} px (a wrong pose) counts as {@value #CAP_PX} px.
 * Usage: FlipDisagreement ROOT MODELS CASES OUT.csv [SECTIONS]
 */
public final class FlipDisagreement {

    static final double CAP_PX = 15;

    private FlipDisagreement() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]), models = Path.of(args[1]);
        int n = Integer.parseInt(args[2]);
        String[] sections = (args.length > 4 ? args[4] : "s6,s7,s8").split(",");
        try (PrintStream csv = new PrintStream(Files.newOutputStream(Path.of(args[3])), true,
            StandardCharsets.UTF_8)) {
            StringBuilder summary = new StringBuilder();
            csv.println("section,seed,crop_x,crop_y,verdict,error_px,tiles_rms_px,d1,d2,d3,d_mean_pred");
            for (String s : sections) {
                var section = LeaveOneOutEvaluation.Section.read(root, s);
                try (VirtualChromatinModel net = VirtualChromatinModel.load(models.resolve("loo-" + s + ".zip"))) {
                    Registration reg = RegistrationMethod.CORRELATION.create();
                    var pipeline = new VirtualChromatinRegistration(net, reg, TransformModel.SIMILARITY);
                    List<double[]> ok = new ArrayList<>(); // error, tiles, flips' RMS, flips' median, mean prediction
                    for (var seed : LeaveOneOutEvaluation.cases(s, n, 1)) {
                        SyntheticPairs.Case c = section.makeCase(seed);
                        var em = section.emCrop(c);
                        var lm = LeaveOneOutEvaluation.lmChromatin(c);
                        VirtualChromatinRegistration.Outcome o = pipeline.register(em, lm);
                        RegistrationResult r = o.result();
                        double err = c.error(r.movingToFixed());
                        double tiles = o.error() == null ? Double.NaN : o.error().rmsPx();
                        double[] d = {Double.NaN, Double.NaN, Double.NaN, Double.NaN};
                        if (r.ok()) {
                            var plain = net.predictAtWorkingScale(em);
                            ArrayImg<FloatType, FloatArray> sum = copy(plain);
                            for (int k = 1; k < 4; k++) {
                                boolean x = (k & 1) != 0, y = (k & 2) != 0;
                                ArrayImg<FloatType, FloatArray> p = copy(FlipAveraging.mirror(
                                    net.predictAtWorkingScale(FlipAveraging.mirror(em, x, y)), x, y));
                                add(sum, p);
                                d[k - 1] = distance(reg, VirtualChromatinModel.toEmSize(p, em), lm, r, em);
                            }
                            d[3] = distance(reg, VirtualChromatinModel.toEmSize(sum, em), lm, r, em);
                            double[] capped = Arrays.stream(d, 0, 3).map(v -> Math.min(v, CAP_PX)).sorted().toArray();
                            ok.add(new double[] {err, tiles,
                                Math.sqrt(Arrays.stream(capped).map(v -> v * v).sum() / 3), capped[1], d[3]});
                        }
                        csv.printf(Locale.ROOT, "%s,%d,%d,%d,%s,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f%n", s, seed.pose(),
                            c.cropX(), c.cropY(), r.verdict().id(), err, tiles, d[0], d[1], d[2], d[3]);
                        System.out.printf(Locale.ROOT, "%s %d: %s err %.2f tiles %.2f flips %.2f %.2f %.2f mean %.2f%n",
                            s, seed.pose(), r.verdict().id(), err, tiles, d[0], d[1], d[2], d[3]);
                    }
                    summary.append(String.format(Locale.ROOT, "%s: %d ok; Spearman with the measured error: tiles "
                        + "%.2f, flips' RMS %.2f, flips' median %.2f, against the mean prediction %.2f%n", s,
                        ok.size(), spearman(ok, 1), spearman(ok, 2), spearman(ok, 3), spearman(ok, 4)));
                }
            }
            System.out.print(summary);
        }
    }

    /** Spearman of column {@code k} with column 0 over the rows where both are known. */
    static double spearman(List<double[]> rows, int k) {
        double[][] known = rows.stream().filter(r -> Double.isFinite(r[0]) && Double.isFinite(r[k]))
            .toArray(double[][]::new);
        if (known.length < 3) {
            return Double.NaN;
        }
        return new SpearmansCorrelation().correlation(Arrays.stream(known).mapToDouble(r -> r[0]).toArray(),
            Arrays.stream(known).mapToDouble(r -> r[k]).toArray());
    }

    /** RMS distance over the EM frame between the answer against {@code prediction} and {@code answer}. */
    static double distance(Registration reg, ArrayImg<FloatType, FloatArray> prediction,
        ArrayImg<FloatType, FloatArray> lm, RegistrationResult answer, RandomAccessibleInterval<?> em) {
        RegistrationResult rk = reg.register(prediction, lm, TransformModel.SIMILARITY);
        if (rk.movingToFixed() == null || !rk.movingToFixed().isFinite()) {
            return Double.POSITIVE_INFINITY;
        }
        Affine2D a = answer.movingToFixed();
        return rk.movingToFixed().after(a.inverse()).rmsDistance(Affine2D.IDENTITY, em.dimension(0),
            em.dimension(1), 16);
    }

    static ArrayImg<FloatType, FloatArray> copy(RandomAccessibleInterval<FloatType> in) {
        ArrayImg<FloatType, FloatArray> out = net.imglib2.img.array.ArrayImgs.floats(in.dimension(0),
            in.dimension(1));
        var c = Views.flatIterable(in).cursor();
        for (FloatType t : out) {
            t.set(c.next());
        }
        return out;
    }

    private static void add(ArrayImg<FloatType, FloatArray> sum, ArrayImg<FloatType, FloatArray> term) {
        var c = term.cursor();
        for (FloatType t : sum) {
            t.add(c.next());
        }
    }
}
