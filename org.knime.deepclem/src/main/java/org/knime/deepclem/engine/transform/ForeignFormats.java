package org.knime.deepclem.engine.transform;

import java.math.BigDecimal;

import org.knime.deepclem.engine.geometry.Affine2D;
import org.knime.deepclem.engine.registration.Quality;
import org.knime.deepclem.engine.registration.RegistrationResult;
import org.knime.deepclem.engine.registration.TransformModel;
import org.knime.deepclem.engine.registration.Verdict;

/**
 * What the writers and readers of other tools' transform files share ({@link BigWarpLandmarks},
 * {@link ElastixParameters}, {@link NgffTransform}).
 */
final class ForeignFormats {

    private ForeignFormats() {
    }

    /**
     * The transform of an ok result; a failed one cannot be written, because none of these formats can mark a
     * failure (a file from a failed registration would be taken for an answer).
     */
    static Affine2D okTransform(TransformDocument doc, String format) {
        RegistrationResult r = doc.result();
        if (r.verdict() != Verdict.OK) {
            throw new IllegalArgumentException("registration failed (" + r.reason() + "); " + format
                + " cannot mark a failure, so none is written");
        }
        Affine2D m = r.movingToFixed();
        if (m == null || !m.isFinite()) {
            throw new IllegalArgumentException("cannot write " + format + " for a missing or non-finite transform");
        }
        m.inverse(); // a degenerate matrix fails here
        return m;
    }

    /** A read transform as a document: verdict ok, the narrowest model that holds it, no quality figures. */
    static TransformDocument document(Affine2D movingToFixed, String method, Quality quality,
        TransformDocument.ImageSize fixedSize, TransformDocument.ImageSize movingSize, String origin) {
        double det = movingToFixed.determinant();
        if (!movingToFixed.isFinite() || !(Math.abs(det) > 1e-12) || !Double.isFinite(det)) {
            throw new IllegalArgumentException(origin + ": the transform is degenerate (not invertible)");
        }
        RegistrationResult r = new RegistrationResult(movingToFixed, model(movingToFixed), method, quality, Verdict.OK,
            "");
        return new TransformDocument(r, fixedSize, movingSize);
    }

    /** The narrowest family that holds the matrix, to rounding (1e-12 relative to its scale). */
    static TransformModel model(Affine2D m) {
        double tol = 1e-12 * Math.max(1, Math.max(Math.abs(m.a()) + Math.abs(m.b()), Math.abs(m.c()) + Math.abs(m.d())));
        boolean similar = Math.abs(m.a() - m.d()) <= tol && Math.abs(m.b() + m.c()) <= tol;
        if (similar && Math.abs(m.a() - 1) <= tol && Math.abs(m.b()) <= tol) {
            return TransformModel.TRANSLATION;
        }
        if (similar && Math.abs(Math.hypot(m.a(), m.c()) - 1) <= tol) {
            return TransformModel.RIGID;
        }
        return similar ? TransformModel.SIMILARITY : TransformModel.AFFINE;
    }

    /**
     * The shortest decimal that reads back as the same double, without an exponent ({@code 1.0E-5} becomes
     * {@code 0.00001}): every parser reads it.
     */
    static String plain(double d) {
        if (!Double.isFinite(d)) {
            throw new IllegalArgumentException("not a finite number: " + d);
        }
        if (d == 0) {
            return "0";
        }
        return new BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
    }

    /** Text from a file as shown in a one-line message: control characters (line breaks) as '?', at most 60 chars. */
    static String shown(String text) {
        String s = text.replaceAll("\\p{Cntrl}", "?");
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }

    /** A number from a file, finite, or an error naming the file and the field. */
    static double number(String text, String origin, String field) {
        double v;
        try {
            v = Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(origin + ": " + field + " '" + shown(text) + "' is not a number");
        }
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(origin + ": " + field + " is " + shown(text) + " (must be finite)");
        }
        return v;
    }
}
