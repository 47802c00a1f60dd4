package org.knime.deepclem.cli;

import java.nio.file.Path;
import java.util.Locale;

import org.knime.deepclem.engine.registration.PredictedError;
import org.knime.deepclem.engine.registration.Quality;
import org.knime.deepclem.engine.registration.RegistrationResult;
import org.knime.deepclem.engine.transform.TransformDocument;

/** The lines a registration command prints, and its exit code: 0 ok, 1 registration failed. */
final class Reporting {

    private Reporting() {
    }

    static int report(RegistrationResult r, Path dir) {
        return report(new TransformDocument(r, null, null), dir);
    }

    /** As {@link #report(RegistrationResult, Path)}, with the predicted error's line when there is one. */
    static int report(TransformDocument doc, Path dir) {
        RegistrationResult r = doc.result();
        if (r.ok()) {
            System.out.println(summary(r) + "; results in " + dir);
            if (doc.predictedError() != null) {
                System.out.println(predictedError(doc.predictedError()));
            }
            return ExitCode.OK;
        }
        System.err.println("registration failed: " + r.reason() + " (details in " + dir.resolve("transform.json")
            + "; no registered images written)");
        return ExitCode.REGISTRATION_FAILED;
    }

    static String predictedError(PredictedError e) {
        return e.known() ? String.format(Locale.ROOT, "predicted error: RMS %.2f px over the EM frame, 90 %% bound "
            + "%.2f px (%d informative tiles; map in error_map.tif)", e.rmsPx(), e.bound90Px(), e.tiles())
            : "predicted error: unknown (" + e.reason() + ")";
    }

    static String summary(RegistrationResult r) {
        Quality q = r.quality();
        var t = r.movingToFixed();
        String s = String.format(Locale.ROOT, "%s by %s: %sscale %.4f, rotation %.2f deg, shift (%.1f, %.1f) px",
            r.verdict().id(), r.method(), t.mirrored() ? "mirrored (LM flipped left-right), " : "", t.scale(),
            t.rotationDegrees(), t.tx(), t.ty());
        if (Double.isFinite(q.ncc())) { // a fit to landmarks alone has no image figures
            s += String.format(Locale.ROOT, ", NCC %.3f, overlap %.2f", q.ncc(), q.overlap());
        }
        return s;
    }
}
