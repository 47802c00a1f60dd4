package org.knime.deepclem.cli;

import java.io.Closeable;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.knime.deepclem.engine.io.AtomicFiles;
import org.knime.deepclem.engine.registration.Quality;
import org.knime.deepclem.engine.registration.RegistrationResult;
import org.knime.deepclem.engine.transform.TransformDocument;

/**
 * {@code summary.csv} of a batch: one row per pair. While the batch runs, each row is appended and flushed to disk
 * the moment its pair is finished, so a crashed or killed batch keeps the record of every finished pair; at the end
 * the file is rewritten in the order of the pair list, so that it does not depend on which thread finished first.
 */
final class BatchSummary {

    static final String FILE = "summary.csv";
    static final String[] COLUMNS = {"id", "em", "lm", "landmarks", "verdict", "reason", "method", "source", "a", "b", "tx", "c", "d", "ty",
        "scale", "rotation_deg", "mirrored", "ncc", "overlap", "inliers", "inlier_ratio", "residual_px", "margin",
        "em_pixel_um", "lm_pixel_um", "scale_um", "tx_um", "ty_um", "residual_um", "predicted_rms_px",
        "predicted_bound90_px", "predicted_tiles", "seconds"};
    /** How a row for a pair that raised an error starts its reason: such pairs are run again on resume. */
    static final String ERROR_PREFIX = "error: ";

    private static final CSVFormat FORMAT = CSVFormat.DEFAULT;

    private BatchSummary() {
    }

    /** One row: the values in {@link #COLUMNS} order, numbers formatted without the default locale. */
    record Row(List<String> values) {

        Row {
            if (values.size() != COLUMNS.length) {
                throw new IllegalArgumentException("a summary row has " + COLUMNS.length + " values, not "
                    + values.size());
            }
            values = List.copyOf(values);
        }

        /** The row of a pair's result; {@code source} says whether landmarks were used (image, landmarks, ...). */
        static Row of(String id, PairRun pair, TransformDocument doc, double seconds) {
            RegistrationResult r = doc.result();
            Quality q = r.quality();
            var t = r.movingToFixed();
            double[] m = t == null ? null : t.toRowMajor();
            List<String> v = new ArrayList<>(List.of(id, pair.em().toString(), pair.lm().toString(),
                landmarks(pair), r.verdict().id(), r.reason() == null ? "" : r.reason(), r.method(),
                doc.source() == null ? "" : doc.source()));
            for (int i = 0; i < 6; i++) {
                v.add(m == null ? "" : number(m[i]));
            }
            v.add(t == null ? "" : number(t.scale()));
            v.add(t == null ? "" : number(t.rotationDegrees()));
            v.add(t == null ? "" : Boolean.toString(t.mirrored()));
            v.addAll(List.of(number(q.ncc()), number(q.overlap()), q.inliers() < 0 ? "" : Integer.toString(q.inliers()),
                number(q.inlierRatio()), number(q.residualPx()), number(q.margin())));
            // in µm where the pixel sizes are known (a size "x;y" when its pixels are not square)
            var um = doc.movingToFixedMicrometres();
            v.addAll(List.of(micrometres(doc.fixedPixelSize()), micrometres(doc.movingPixelSize()),
                um == null ? "" : number(um.scale()), um == null ? "" : number(um.tx()),
                um == null ? "" : number(um.ty()), number(doc.fixedMicrometres(q.residualPx()))));
            // the predicted error (ErrorPrediction): empty when none was made or the evidence was too thin
            var e = doc.predictedError();
            v.add(e == null || !r.ok() ? "" : number(e.rmsPx()));
            v.add(e == null || !r.ok() ? "" : number(e.bound90Px()));
            // kept when the evidence was too thin for numbers: few informative tiles is itself the warning
            v.add(e == null || !r.ok() ? "" : Integer.toString(e.tiles()));
            v.add(number(seconds));
            return new Row(v);
        }

        /** The row of a pair that raised an error instead of giving a verdict. */
        static Row error(String id, PairRun pair, String message, double seconds) {
            String[] v = new String[COLUMNS.length];
            Arrays.fill(v, "");
            v[0] = id;
            v[1] = pair.em().toString();
            v[2] = pair.lm().toString();
            v[3] = landmarks(pair);
            v[4] = "failed";
            v[5] = ERROR_PREFIX + message;
            v[COLUMNS.length - 1] = number(seconds);
            return new Row(Arrays.asList(v));
        }

        String id() {
            return values.get(0);
        }

        String em() {
            return values.get(1);
        }

        String lm() {
            return values.get(2);
        }

        /** The pair's landmark file, empty when it had none. */
        String landmarks() {
            return values.get(3);
        }

        String verdict() {
            return values.get(4);
        }

        String reason() {
            return values.get(5);
        }

        /** Whether this row is of that pair: the same images and the same landmark file. */
        boolean isOf(PairRun pair) {
            return em().equals(pair.em().toString()) && lm().equals(pair.lm().toString())
                && landmarks().equals(landmarks(pair));
        }

        private static String micrometres(org.knime.deepclem.engine.io.PixelSize p) {
            return p == null ? "" : p.isSquare() ? number(p.x()) : number(p.x()) + ";" + number(p.y());
        }

        private static String landmarks(PairRun pair) {
            return pair.landmarks() == null ? "" : pair.landmarks().toString();
        }

        boolean ok() {
            return "ok".equals(verdict());
        }

        boolean isError() {
            return reason().startsWith(ERROR_PREFIX);
        }

        /** The line the batch prints when the pair is done. */
        String line() {
            return id() + ": " + verdict() + (reason().isEmpty() ? "" : " (" + reason() + ")");
        }
    }

    static String number(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6g", v);
    }

    /**
     * Reads the rows of a summary, keyed by pair id. The last line is ignored when it was cut short (no line end: a
     * batch killed while appending it).
     *
     * @throws IllegalArgumentException when the file is not a batch summary
     */
    static Map<String, Row> read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        text = text.substring(0, text.lastIndexOf('\n') + 1);
        Map<String, Row> rows = new LinkedHashMap<>();
        try (CSVParser p = FORMAT.builder().setHeader().setSkipHeaderRecord(true).build().parse(new StringReader(text))) {
            if (!p.getHeaderNames().equals(List.of(COLUMNS))) {
                throw new IllegalArgumentException(file + " is not a summary written by deepclem batch (its columns "
                    + "are " + p.getHeaderNames() + "); move it away or choose another --out");
            }
            for (CSVRecord rec : p) {
                if (rec.size() == COLUMNS.length) {
                    Row row = new Row(rec.toList());
                    rows.put(row.id(), row);
                }
            }
        } catch (java.io.UncheckedIOException | IllegalStateException e) {
            throw new IllegalArgumentException(file + ": not a valid summary (" + CliErrors.message(e)
                + "); move it away or choose another --out");
        }
        return rows;
    }

    /** Writes the whole summary at once (through a temporary file): header and rows in the given order. */
    static void write(Path file, List<Row> rows, boolean overwrite) throws IOException {
        AtomicFiles.writeString(file, text(rows, true), overwrite);
    }

    private static String text(List<Row> rows, boolean header) throws IOException {
        StringWriter w = new StringWriter();
        if (header) {
            FORMAT.printRecord(w, (Object[]) COLUMNS);
        }
        for (Row row : rows) {
            FORMAT.printRecord(w, row.values().toArray());
        }
        return w.toString();
    }

    /**
     * Appends rows to a summary that {@link #write} started, each on the disk before it returns. A stream, not a
     * channel: an interrupt (a batch being cancelled) must not close the file under the workers still finishing.
     */
    static final class Appender implements Closeable {

        private final Path file;
        private final FileOutputStream stream;

        Appender(Path file) throws IOException {
            this.file = file;
            this.stream = new FileOutputStream(file.toFile(), true);
        }

        synchronized void append(Row row) throws IOException {
            try {
                stream.write(text(List.of(row), false).getBytes(StandardCharsets.UTF_8));
                stream.getFD().sync(); // a machine that goes down keeps the row too
            } catch (IOException e) {
                throw AtomicFiles.writeFailed(file, e);
            }
        }

        @Override
        public void close() throws IOException {
            stream.close();
        }
    }
}
