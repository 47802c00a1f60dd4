package org.knime.deepclem.evaluation;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.knime.deepclem.engine.pipeline.VirtualChromatinRegistration;
import org.knime.deepclem.engine.predict.VirtualChromatinModel;
import org.knime.deepclem.engine.registration.Registration;
import org.knime.deepclem.engine.registration.RegistrationMethod;
import org.knime.deepclem.engine.registration.RegistrationResult;
import org.knime.deepclem.engine.registration.SyntheticPairs;
import org.knime.deepclem.engine.registration.TransformModel;

/**
 * Experiment (issue 14, items 1 and 4): do models trained alike from different seeds disagree where the answer is
 * off? Each held-out case is registered by the pipeline against the mean prediction of all members
 * ({@link ModelEnsemble}); for the ok ones, the LM is registered again against each member's own prediction and the
 * RMS distance of that answer from the ensemble's over the EM frame is recorded (capped at
 * {@value FlipDisagreement#CAP_PX} px, a wrong pose). One CSV row per case, then per section the mean measured error,
 * the members' RMS disagreement and its Spearman rank correlation with the measured error (docs/evaluation.md,
 * "Predicted error", "Tried: the models' disagreement with each other").
 * Usage: MemberDisagreement ROOT CASES OUT.csv SECTIONS DIR,DIR[,DIR...] (each DIR holds loo-sN.zip)
 */
public final class MemberDisagreement {

    private MemberDisagreement() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        int n = Integer.parseInt(args[1]);
        String[] sections = args[3].split(",");
        String[] dirs = args[4].split(",");
        try (PrintStream csv = new PrintStream(Files.newOutputStream(Path.of(args[2])), true,
            StandardCharsets.UTF_8)) {
            StringBuilder summary = new StringBuilder();
            csv.println("section,seed,crop_x,crop_y,verdict,error_px,tiles_rms_px,members_rms_px,"
                + String.join(",", Arrays.stream(dirs).map(d -> "d_" + Path.of(d).getFileName()).toList()));
            for (String s : sections) {
                var section = LeaveOneOutEvaluation.Section.read(root, s);
                List<VirtualChromatinModel> members = new ArrayList<>();
                try {
                    for (String dir : dirs) {
                        members.add(VirtualChromatinModel.load(Path.of(dir, "loo-" + s + ".zip")));
                    }
                    Registration reg = RegistrationMethod.CORRELATION.create();
                    var pipeline = new VirtualChromatinRegistration(new ModelEnsemble(members), reg,
                        TransformModel.SIMILARITY);
                    List<double[]> ok = new ArrayList<>(); // error, tiles, members' RMS disagreement
                    for (var seed : LeaveOneOutEvaluation.cases(s, n, 1)) {
                        SyntheticPairs.Case c = section.makeCase(seed);
                        var em = section.emCrop(c);
                        var lm = LeaveOneOutEvaluation.lmChromatin(c);
                        VirtualChromatinRegistration.Outcome o = pipeline.register(em, lm);
                        RegistrationResult r = o.result();
                        double err = c.error(r.movingToFixed());
                        double tiles = o.error() == null ? Double.NaN : o.error().rmsPx();
                        double[] d = new double[members.size()];
                        Arrays.fill(d, Double.NaN);
                        double rms = Double.NaN;
                        if (r.ok()) {
                            double sq = 0;
                            for (int k = 0; k < d.length; k++) {
                                var p = FlipDisagreement.copy(members.get(k).predictAtWorkingScale(em));
                                d[k] = FlipDisagreement.distance(reg, VirtualChromatinModel.toEmSize(p, em), lm, r,
                                    em);
                                double capped = Math.min(d[k], FlipDisagreement.CAP_PX);
                                sq += capped * capped;
                            }
                            rms = Math.sqrt(sq / d.length);
                            ok.add(new double[] {err, tiles, rms});
                        }
                        StringBuilder row = new StringBuilder(String.format(Locale.ROOT,
                            "%s,%d,%d,%d,%s,%.4f,%.4f,%.4f", s, seed.pose(), c.cropX(), c.cropY(), r.verdict().id(),
                            err, tiles, rms));
                        for (double v : d) {
                            row.append(String.format(Locale.ROOT, ",%.4f", v));
                        }
                        csv.println(row);
                        System.out.printf(Locale.ROOT, "%s %d: %s err %.2f tiles %.2f members %.2f %s%n", s,
                            seed.pose(), r.verdict().id(), err, tiles, rms, Arrays.toString(d));
                    }
                    summary.append(String.format(Locale.ROOT, "%s: %d ok; mean error %.2f px, mean members' "
                        + "disagreement %.2f px; Spearman with the measured error: tiles %.2f, members %.2f%n", s,
                        ok.size(), ok.stream().mapToDouble(v -> v[0]).average().orElse(Double.NaN),
                        ok.stream().mapToDouble(v -> v[2]).average().orElse(Double.NaN),
                        FlipDisagreement.spearman(ok, 1), FlipDisagreement.spearman(ok, 2)));
                } finally {
                    for (VirtualChromatinModel m : members) {
                        m.close();
                    }
                }
            }
            System.out.print(summary);
        }
    }
}
