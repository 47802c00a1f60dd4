package org.knime.deepclem.engine.transform;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.knime.deepclem.engine.geometry.Affine2D;
import org.knime.deepclem.engine.io.AtomicFiles;
import org.knime.deepclem.engine.registration.Quality;
import org.knime.deepclem.engine.transform.TransformDocument.ImageSize;

/**
 * elastix / transformix transform parameter file ({@code TransformParameters.txt}): maps FIXED (EM) points to MOVING
 * (LM) points, the opposite direction of {@link org.knime.deepclem.engine.registration.RegistrationResult#movingToFixed()},
 * because that is what resampling needs: {@code transformix -in LM.png -out DIR -tp TransformParameters.txt} pulls
 * every pixel of an EM-sized grid from the LM image and so puts the LM into the EM frame, as {@link Warp} does.
 * <p>
 * Written: an {@code AffineTransform}, T(p) = A (p - c) + t + c with {@code TransformParameters a11 a12 a21 a22 tx ty}
 * (A row-major) about {@code CenterOfRotationPoint} c (the fixed image's centre), on the fixed image's grid
 * ({@code Size} w h, {@code Spacing 1 1}, {@code Origin 0 0}, identity {@code Direction}): ITK puts pixel centres at
 * integer indices and the physical point of index i at Origin + Spacing i, so physical coordinates are pixel
 * coordinates with centres at integers, x = column, y = row, as in this engine. The moving image must carry no pixel
 * size either (transformix takes the moving image's spacing from its file: ITK reads a PNG's pHYs chunk and a TIFF's
 * resolution as spacing). Linear interpolation ({@code FinalBSplineInterpolator} of order 1), 0 outside, a 32-bit
 * float TIFF result. The parameter file syntax is elastix's: one {@code (Name value ...)} a line, strings in double
 * quotes, {@code //} comments.
 * <p>
 * Read: {@code AffineTransform}, {@code SimilarityTransform} (scale, angle, tx, ty), {@code EulerTransform} (angle,
 * tx, ty) and {@code TranslationTransform} (tx, ty) in 2-D, inverted to moving -> fixed; the fixed size comes from
 * {@code Size}. Refused: other transforms, 3-D, a chain ({@code InitialTransformParametersFileName} other than
 * {@code NoInitialTransform}) and a fixed grid in physical units (Spacing, Origin or Direction other than the pixel
 * grid's), whose moving side this file cannot tell.
 */
public final class ElastixParameters {

    private ElastixParameters() {
    }

    /** The parameter file text for an ok result; needs the fixed image's size (the grid transformix resamples on). */
    public static String toText(TransformDocument doc) {
        Affine2D movingToFixed = ForeignFormats.okTransform(doc, "an elastix transform parameter file");
        ImageSize fixed = doc.fixedSize();
        if (fixed == null) {
            throw new IllegalArgumentException("an elastix transform parameter file needs the fixed image's size, which "
                + "is not known");
        }
        Affine2D f = movingToFixed.inverse(); // fixed -> moving: p' = A p + t0
        double cx = (fixed.width() - 1) / 2.0, cy = (fixed.height() - 1) / 2.0;
        // A (p - c) + t + c = A p + t0  =>  t = t0 + A c - c
        double tx = f.applyX(cx, cy) - cx, ty = f.applyY(cx, cy) - cy;
        String n = "\n";
        return "// elastix/transformix transform, written by DeepCLEM: fixed (EM) px -> moving (LM) px" + n
            + "// transformix -in LM.png -out DIR -tp TransformParameters.txt puts the LM into the EM frame" + n
            + "(Transform \"AffineTransform\")" + n
            + "(NumberOfParameters 6)" + n
            + "(TransformParameters " + nums(f.a(), f.b(), f.c(), f.d(), tx, ty) + ")" + n
            + "(InitialTransformParametersFileName \"NoInitialTransform\")" + n
            + "(HowToCombineTransforms \"Compose\")" + n
            + "(FixedImageDimension 2)" + n
            + "(MovingImageDimension 2)" + n
            + "(FixedInternalImagePixelType \"float\")" + n
            + "(MovingInternalImagePixelType \"float\")" + n
            + "(Size " + fixed.width() + " " + fixed.height() + ")" + n
            + "(Index 0 0)" + n
            + "(Spacing 1 1)" + n
            + "(Origin 0 0)" + n
            + "(Direction 1 0 0 1)" + n
            + "(UseDirectionCosines \"true\")" + n
            + "(CenterOfRotationPoint " + nums(cx, cy) + ")" + n
            + "(ResampleInterpolator \"FinalBSplineInterpolator\")" + n
            + "(FinalBSplineInterpolationOrder 1)" + n
            + "(Resampler \"DefaultResampler\")" + n
            + "(DefaultPixelValue 0)" + n
            + "(ResultImageFormat \"tif\")" + n
            + "(ResultImagePixelType \"float\")" + n
            + "(CompressResultImage \"false\")" + n;
    }

    /** Writes atomically (temp file + rename). */
    public static void write(TransformDocument doc, Path file, boolean overwrite) throws IOException {
        AtomicFiles.writeString(file, toText(doc), overwrite);
    }

    /** Reads a parameter file into a document (verdict ok; the fixed size from {@code Size}). */
    public static TransformDocument read(Path file) throws IOException {
        return fromText(TransformJson.readSmallText(file, "transform parameter file"), file.toString());
    }

    /** Parses parameter file text; {@code origin} names the source in messages. */
    public static TransformDocument fromText(String text, String origin) {
        Map<String, List<String>> p = parse(text, origin);
        String transform = single(p, "Transform", origin, null);
        if (transform == null) {
            throw new IllegalArgumentException(origin + ": no (Transform ...) entry; not an elastix transform parameter "
                + "file");
        }
        for (String dim : List.of("FixedImageDimension", "MovingImageDimension")) {
            String d = single(p, dim, origin, "2");
            if (!d.equals("2")) {
                throw new IllegalArgumentException(origin + ": " + dim + " is " + d + "; only 2-D transforms are read");
            }
        }
        String initial = single(p, "InitialTransformParametersFileName", origin, "NoInitialTransform");
        if (!initial.equals("NoInitialTransform")) {
            throw new IllegalArgumentException(origin + ": applies the initial transform " + initial + " first; "
                + "chained elastix transforms are not read (combine them into one, or apply with transformix)");
        }
        checkPixelGrid(p, "Spacing", new double[] {1, 1}, origin);
        checkPixelGrid(p, "Origin", new double[] {0, 0}, origin);
        checkPixelGrid(p, "Direction", new double[] {1, 0, 0, 1}, origin);
        double[] v = numbers(p, "TransformParameters", origin);
        double[] c = p.containsKey("CenterOfRotationPoint") ? numbers(p, "CenterOfRotationPoint", origin)
            : new double[] {0, 0};
        if (c.length != 2) {
            throw new IllegalArgumentException(origin + ": CenterOfRotationPoint needs 2 numbers, got " + c.length);
        }
        Affine2D a; // fixed -> moving, about the centre: A (p - c) + t + c
        switch (transform) {
            case "AffineTransform":
                need(v, 6, transform, origin);
                a = new Affine2D(v[0], v[1], v[4], v[2], v[3], v[5]);
                break;
            case "SimilarityTransform":
                need(v, 4, transform, origin);
                a = Affine2D.similarity(v[0], v[1], v[2], v[3]);
                break;
            case "EulerTransform":
                need(v, 3, transform, origin);
                a = Affine2D.similarity(1, v[0], v[1], v[2]);
                break;
            case "TranslationTransform":
                need(v, 2, transform, origin);
                a = Affine2D.translation(v[0], v[1]);
                break;
            default:
                throw new IllegalArgumentException(origin + ": " + transform + " is not read; only AffineTransform, "
                    + "SimilarityTransform, EulerTransform and TranslationTransform are");
        }
        Affine2D fixedToMoving = Affine2D.translation(c[0], c[1]).after(a).after(Affine2D.translation(-c[0], -c[1]));
        double det = fixedToMoving.determinant();
        if (!fixedToMoving.isFinite() || !(Math.abs(det) > 1e-12) || !Double.isFinite(det)) {
            throw new IllegalArgumentException(origin + ": the transform is degenerate (not invertible)");
        }
        ImageSize size = null;
        if (p.containsKey("Size")) {
            double[] s = numbers(p, "Size", origin);
            if (s.length != 2 || s[0] != Math.rint(s[0]) || s[1] != Math.rint(s[1]) || s[0] < 1 || s[1] < 1
                || s[0] > Integer.MAX_VALUE || s[1] > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(origin + ": Size must be two positive whole numbers");
            }
            size = new ImageSize((int) s[0], (int) s[1]);
        }
        return ForeignFormats.document(fixedToMoving.inverse(), "elastix", Quality.NONE, size, null, origin);
    }

    /** Entries by name; each value the list of its tokens, strings without their quotes. */
    static Map<String, List<String>> parse(String text, String origin) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        String[] lines = text.split("\r?\n|\r", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = stripComment(lines[i]).trim();
            if (line.isEmpty()) {
                continue;
            }
            String where = origin + " line " + (i + 1);
            if (!line.startsWith("(") || !line.endsWith(")")) {
                throw new IllegalArgumentException(where + ": expected (Name value ...), found '" + shorten(line) + "'");
            }
            List<String> tokens = tokens(line.substring(1, line.length() - 1), where);
            if (tokens.isEmpty()) {
                throw new IllegalArgumentException(where + ": an entry without a name");
            }
            String name = tokens.get(0);
            if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new IllegalArgumentException(where + ": '" + shorten(name) + "' is not a parameter name");
            }
            if (out.put(name, tokens.subList(1, tokens.size())) != null) {
                throw new IllegalArgumentException(where + ": " + name + " is given twice");
            }
        }
        return out;
    }

    /** The line without a {@code //} comment outside quotes. */
    private static String stripComment(String line) {
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (ch == '"') {
                quoted = !quoted;
            } else if (!quoted && ch == '/' && i + 1 < line.length() && line.charAt(i + 1) == '/') {
                return line.substring(0, i);
            }
        }
        return line;
    }

    private static List<String> tokens(String s, String where) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char ch = s.charAt(i);
            if (Character.isWhitespace(ch)) {
                i++;
            } else if (ch == '"') {
                int end = s.indexOf('"', i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException(where + ": a string without its closing quote");
                }
                out.add(s.substring(i + 1, end));
                i = end + 1;
            } else {
                int end = i;
                while (end < s.length() && !Character.isWhitespace(s.charAt(end)) && s.charAt(end) != '"') {
                    end++;
                }
                out.add(s.substring(i, end));
                i = end;
            }
            if (out.size() > 1000) {
                throw new IllegalArgumentException(where + ": too many values");
            }
        }
        return out;
    }

    private static String single(Map<String, List<String>> p, String name, String origin, String absent) {
        List<String> v = p.get(name);
        if (v == null) {
            return absent;
        }
        if (v.size() != 1) {
            throw new IllegalArgumentException(origin + ": " + name + " needs one value, got " + v.size());
        }
        return v.get(0);
    }

    private static double[] numbers(Map<String, List<String>> p, String name, String origin) {
        List<String> v = p.get(name);
        if (v == null) {
            throw new IllegalArgumentException(origin + ": no (" + name + " ...) entry");
        }
        double[] out = new double[v.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ForeignFormats.number(v.get(i), origin, name);
        }
        return out;
    }

    private static void checkPixelGrid(Map<String, List<String>> p, String name, double[] pixelGrid, String origin) {
        if (!p.containsKey(name)) {
            return;
        }
        double[] v = numbers(p, name, origin);
        boolean same = v.length == pixelGrid.length;
        for (int i = 0; same && i < v.length; i++) {
            same = Math.abs(v[i] - pixelGrid[i]) <= 1e-9;
        }
        if (!same) {
            throw new IllegalArgumentException(origin + ": " + name + " is " + String.join(" ", p.get(name))
                + "; only transforms on the pixel grid (Spacing 1 1, Origin 0 0, Direction 1 0 0 1) are read, because "
                + "the moving image's pixel size is not in the file");
        }
    }

    private static void need(double[] v, int n, String transform, String origin) {
        if (v.length != n) {
            throw new IllegalArgumentException(origin + ": " + transform + " needs " + n + " TransformParameters, got "
                + v.length);
        }
    }

    private static String nums(double... v) {
        StringBuilder b = new StringBuilder();
        for (double d : v) {
            b.append(b.length() == 0 ? "" : " ").append(ForeignFormats.plain(d));
        }
        return b.toString();
    }

    private static String shorten(String s) {
        return ForeignFormats.shown(s);
    }
}
