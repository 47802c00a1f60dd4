package org.knime.deepclem.engine.transform;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.QuoteMode;
import org.knime.deepclem.engine.geometry.Affine2D;
import org.knime.deepclem.engine.io.AtomicFiles;
import org.knime.deepclem.engine.registration.LandmarkFit;
import org.knime.deepclem.engine.registration.Quality;
import org.knime.deepclem.engine.registration.TransformModel;
import org.knime.deepclem.engine.transform.TransformDocument.ImageSize;

/**
 * BigWarp landmarks ({@code landmarks.csv}): pairs of points, moving (LM px) -> target (fixed / EM px), that BigWarp
 * (Fiji, <i>Plugins &gt; BigDataViewer &gt; Big Warp</i>, <i>File &gt; Import landmarks</i>) loads; in its affine or
 * similarity mode (<i>Settings &gt; transform type</i>) it fits exactly our transform to them (a mirrored transform,
 * negative determinant, only in affine mode: a similarity fit cannot flip).
 * <p>
 * Format, as BigWarp's {@code bigwarp.landmarks.LandmarkTableModel} saves ({@code save}, opencsv's {@code CSVWriter}
 * with its defaults) and loads ({@code loadCsvHelper}) it (saalfeldlab/bigwarp, master): no header; one row per
 * landmark, every field in double quotes, rows ending in {@code \n}; for 2-D points six fields
 * <pre>
 * "Pt-0","true","mvg-x","mvg-y","fix-x","fix-y"
 * </pre>
 * name, active flag, the point in the moving image, the same point in the fixed ("target") image; numbers as Java's
 * {@code Double.toString}. BigWarp detects 2-D from the six fields of the first row. Its points are in the images'
 * physical units, which are pixels for images without a spatial calibration, with pixel centres at integer
 * coordinates (ImgLib2), as here; x = column, y = row. In affine or similarity mode BigWarp fits an mpicbg model from
 * the moving to the target points by least squares ({@code bigwarp.transforms.ModelTransformSolver.solve}:
 * {@code model.fit(mvgPts, tgtPts)}) and renders with its inverse, so moving = LM and target = EM here.
 * <p>
 * Written: nine landmarks, a 3x3 grid over the moving image (its outer corners, edge midpoints and centre) and where
 * the transform puts them. Read: the least-squares affine of the active landmarks (at least three, not on one line),
 * so a file BigWarp saved after hand placement works too; the RMS residual of the fit is kept as
 * {@code residual_px}, the number of landmarks used as {@code inliers}. Rows of seven fields (a development branch of
 * BigWarp adds an id after the active flag) are read as well; 3-D landmarks are refused. A plain CSV whose first row is
 * the header {@code moving_x,moving_y,fixed_x,fixed_y} (one pair a row, all active) is read too, for landmarks made
 * by hand or by another tool. {@link #readPairs} gives the pairs themselves, for {@code --landmarks}.
 */
public final class BigWarpLandmarks {

    /** The CSV dialect of opencsv's {@code CSVWriter} defaults: comma, every field quoted, {@code \n} after each row. */
    static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setQuoteMode(QuoteMode.ALL).setRecordSeparator("\n")
        .build();

    private BigWarpLandmarks() {
    }

    /** The CSV text for an ok registration result; needs the moving image's size (the landmarks lie on it). */
    public static String toCsv(TransformDocument doc) {
        Affine2D m = ForeignFormats.okTransform(doc, "a BigWarp landmark file");
        ImageSize moving = doc.movingSize();
        if (moving == null) {
            throw new IllegalArgumentException("BigWarp landmarks need the moving image's size, which is not known");
        }
        double[] xs = {-0.5, (moving.width() - 1) / 2.0, moving.width() - 0.5};
        double[] ys = {-0.5, (moving.height() - 1) / 2.0, moving.height() - 0.5};
        StringBuilder out = new StringBuilder();
        try (CSVPrinter p = new CSVPrinter(out, FORMAT)) {
            int i = 0;
            for (double y : ys) {
                for (double x : xs) {
                    p.printRecord("Pt-" + i++, "true", Double.toString(x), Double.toString(y),
                        Double.toString(m.applyX(x, y)), Double.toString(m.applyY(x, y)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringBuilder does not fail
        }
        return out.toString();
    }

    /** Writes atomically (temp file + rename). */
    public static void write(TransformDocument doc, Path file, boolean overwrite) throws IOException {
        AtomicFiles.writeString(file, toCsv(doc), overwrite);
    }

    /** Reads a landmark file into a document (verdict ok, no image sizes). */
    public static TransformDocument read(Path file) throws IOException {
        return fromCsv(TransformJson.readSmallText(file, "landmark file"), file.toString());
    }

    /** Parses landmark CSV text; {@code origin} names the source in messages. */
    public static TransformDocument fromCsv(String csv, String origin) {
        List<double[]> pairs = pairs(csv, origin);
        Affine2D m;
        try {
            m = LandmarkFit.fitOrExplain(pairs, TransformModel.AFFINE);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(origin + ": " + e.getMessage(), e);
        }
        Quality q = new Quality(pairs.size(), Double.NaN, LandmarkFit.fre(m, pairs), Double.NaN, Double.NaN,
            Double.NaN);
        return ForeignFormats.document(m, "bigwarp-landmarks", q, null, null, origin);
    }

    /** The plain layout's header: one landmark pair a row after it, no name and no active flag. */
    public static final String PLAIN_HEADER = "moving_x,moving_y,fixed_x,fixed_y";

    /** Reads the active landmark pairs {moving x, moving y, fixed x, fixed y} of a landmark file. */
    public static List<double[]> readPairs(Path file) throws IOException {
        return pairs(TransformJson.readSmallText(file, "landmark file"), file.toString());
    }

    /**
     * The active landmark pairs {moving x, moving y, fixed x, fixed y} of landmark CSV text: BigWarp's layout (no
     * header, rows of name, active, moving x, moving y, fixed x, fixed y) or a plain one whose first row is the header
     * {@value #PLAIN_HEADER} (every row then a pair, all active); no count is checked here.
     */
    public static List<double[]> pairs(String csv, String origin) {
        List<double[]> pairs = new ArrayList<>(); // {mx, my, fx, fy}
        int fields = -1;
        boolean plain = false;
        try (CSVParser parser = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).build()
            .parse(new StringReader(csv))) {
            for (CSVRecord rec : parser) {
                String where = origin + " line " + parser.getCurrentLineNumber();
                if (fields < 0 && isPlainHeader(rec)) {
                    plain = true;
                    fields = 4;
                    continue;
                }
                if (plain) {
                    if (rec.size() != 4) {
                        throw new IllegalArgumentException(where + ": " + rec.size() + " fields, the header has 4 ("
                            + PLAIN_HEADER + ")");
                    }
                    double[] p = new double[4];
                    for (int j = 0; j < 4; j++) {
                        p[j] = number(rec.get(j), where, j);
                    }
                    pairs.add(p);
                    if (pairs.size() > 100_000) {
                        throw new IllegalArgumentException(origin + ": too many landmarks");
                    }
                    continue;
                }
                if (fields < 0) {
                    fields = rec.size();
                    if (fields == 8 || fields == 9) {
                        throw new IllegalArgumentException(origin + ": holds 3-D landmarks (" + fields
                            + " fields a row); only 2-D landmarks can be read");
                    }
                    if (fields != 6 && fields != 7) {
                        throw new IllegalArgumentException(where + ": a BigWarp landmark row has 6 fields (name, "
                            + "active, moving x, moving y, fixed x, fixed y), found " + fields);
                    }
                } else if (rec.size() != fields) {
                    throw new IllegalArgumentException(where + ": " + rec.size() + " fields, the first row has "
                        + fields);
                }
                String active = rec.get(1).trim().toLowerCase(Locale.ROOT);
                if (!active.equals("true") && !active.equals("false")) {
                    throw new IllegalArgumentException(where + ": the active flag is '"
                        + ForeignFormats.shown(rec.get(1)) + "', expected true or false");
                }
                if (active.equals("true")) { // an inactive row may be unpaired (BigWarp writes Infinity there)
                    int k = fields - 4;
                    double[] p = new double[4];
                    for (int j = 0; j < 4; j++) {
                        p[j] = number(rec.get(k + j), where, j);
                    }
                    pairs.add(p);
                }
                if (pairs.size() > 100_000) {
                    throw new IllegalArgumentException(origin + ": too many landmarks");
                }
            }
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalArgumentException(origin + ": not a readable CSV file ("
                + TransformJson.firstLine(e.getMessage()) + ")");
        }
        return pairs;
    }

    private static boolean isPlainHeader(CSVRecord rec) {
        if (rec.size() != 4) {
            return false;
        }
        String[] names = PLAIN_HEADER.split(",");
        for (int j = 0; j < 4; j++) {
            if (!rec.get(j).trim().equalsIgnoreCase(names[j])) {
                return false;
            }
        }
        return true;
    }

    /** An infinite coordinate is BigWarp's mark for an unset point (it writes "Infinity"): refused when active. */
    private static double number(String text, String where, int j) {
        String[] names = {"moving x", "moving y", "fixed x", "fixed y"};
        double v;
        try {
            v = Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + ": " + names[j] + " '" + ForeignFormats.shown(text)
                + "' is not a number");
        }
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(where + ": " + names[j] + " is " + ForeignFormats.shown(text)
                + " (an unpaired landmark); deactivate or delete it in BigWarp");
        }
        return v;
    }
}
