package org.knime.deepclem.cli;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.knime.deepclem.engine.registration.RegistrationMethod;
import org.knime.deepclem.engine.io.AtomicFiles;
import org.knime.deepclem.engine.io.ImageFiles;
import org.knime.deepclem.engine.pipeline.VirtualChromatinRegistration;
import org.knime.deepclem.engine.predict.VirtualChromatinModel;
import org.knime.deepclem.engine.registration.Quality;
import org.knime.deepclem.engine.registration.RegistrationResult;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code deepclem batch}: many EM/LM pairs with one model load, in parallel. */
@Command(name = "batch", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Runs the DeepCLEM pipeline (as 'register') on every pair listed in a CSV file, loading the model "
        + "once and working on several pairs at a time. A failed pair never stops the others.",
        "CSV columns (header row required): em, lm; optional: id (output sub-folder, default: the EM file's name), "
            + "channels (more LM images, separated by ';'), lm_channel. Relative paths are relative to the CSV file.",
        "Writes DIR/<id>/ for each pair (as 'register') and DIR/summary.csv: one row per pair with the transform, "
            + "quality figures, verdict, reason and time. Exit code 0 when every pair registered, 1 otherwise."})
public final class BatchCommand implements java.util.concurrent.Callable<Integer> {

    static final String SUMMARY = "summary.csv";
    static final String[] SUMMARY_COLUMNS = {"id", "em", "lm", "verdict", "reason", "method", "a", "b", "tx", "c", "d",
        "ty", "scale", "rotation_deg", "ncc", "overlap", "inliers", "inlier_ratio", "residual_px", "margin", "seconds"};

    @Option(names = "--pairs", required = true, paramLabel = "CSV", description = "CSV file listing the pairs")
    Path pairsCsv;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output folder (created if missing)")
    Path out;

    @Option(names = "--threads", paramLabel = "N", description = "pairs processed at once (default: number of cores)")
    int threads = Runtime.getRuntime().availableProcessors();

    @Mixin
    ModelOption model;

    @Mixin
    RegistrationOptions options;

    @Override
    public Integer call() throws Exception {
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be at least 1, got " + threads);
        }
        AtomicFiles.checkWritableFolder(out, "--out");
        List<PairRun> pairs = readPairs(pairsCsv, out);
        Path summary = out.resolve(SUMMARY);
        AtomicFiles.refuseExisting(summary, options.overwrite);
        var method = options.method(RegistrationMethod.CORRELATION);
        var transformModel = options.transformModel();
        var colour = options.overlayColour();
        var interpolation = options.interpolation();

        List<String[]> rows = new ArrayList<>();
        try (VirtualChromatinModel net = model.load()) {
            var pipeline = new VirtualChromatinRegistration(net, method.create(), transformModel);
            ExecutorService pool = Executors.newFixedThreadPool(threads, new PoolThreads());
            try {
                List<Future<String[]>> futures = new ArrayList<>();
                for (PairRun pair : pairs) {
                    futures.add(pool.submit(() -> runOne(pair, pipeline, colour, interpolation)));
                }
                for (int i = 0; i < pairs.size(); i++) {
                    String[] row = futures.get(i).get();
                    rows.add(row);
                    System.out.println(row[0] + ": " + row[3] + (row[4].isEmpty() ? "" : " (" + row[4] + ")"));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted; finished pairs are in " + out + " (each complete folder "
                    + "has its transform.json), no summary written");
            } finally {
                stop(pool);
            }
        }
        Files.createDirectories(out);
        AtomicFiles.writeString(summary, toCsv(rows), options.overwrite);
        long ok = rows.stream().filter(r -> "ok".equals(r[3])).count();
        System.out.println(ok + " of " + rows.size() + " pairs registered; summary in " + summary);
        return ok == rows.size() ? 0 : Reporting.EXIT_FAILED;
    }

    /**
     * Cancels the pairs still running and waits until every worker has stopped: the model is closed right after, and
     * a worker still inside TensorFlow would then use freed native memory. Workers stop at the next tile or stage.
     */
    private static void stop(ExecutorService pool) {
        pool.shutdownNow();
        boolean interrupted = Thread.interrupted(); // waiting must not be cut short by our own interrupt
        try {
            while (true) {
                try {
                    if (pool.awaitTermination(1, TimeUnit.MINUTES)) {
                        return;
                    }
                    System.err.println("deepclem batch: waiting for running pairs to stop...");
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Named worker threads ("deepclem-batch-N"), so that tests and thread dumps can tell them apart. */
    static final class PoolThreads implements ThreadFactory {
        static final String PREFIX = "deepclem-batch-";
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            return new Thread(r, PREFIX + count.incrementAndGet());
        }
    }

    private String[] runOne(PairRun pair, VirtualChromatinRegistration pipeline,
        org.knime.deepclem.engine.io.Overlay.Colour colour,
        org.knime.deepclem.engine.transform.Interpolation interpolation) {
        long t0 = System.nanoTime();
        String id = pair.out().getFileName().toString();
        try {
            RegistrationResult r = pair.run(pipeline, options.overwrite, colour, interpolation);
            return row(id, pair, r, (System.nanoTime() - t0) / 1e9);
        } catch (Exception | OutOfMemoryError e) {
            // one bad pair must not stop the others: it becomes a failed row
            String[] row = new String[SUMMARY_COLUMNS.length];
            java.util.Arrays.fill(row, "");
            row[0] = id;
            row[1] = pair.em().toString();
            row[2] = pair.lm().toString();
            row[3] = "failed";
            row[4] = "error: " + CliErrors.message(e);
            row[row.length - 1] = fmt((System.nanoTime() - t0) / 1e9);
            return row;
        }
    }

    private static String[] row(String id, PairRun pair, RegistrationResult r, double seconds) {
        Quality q = r.quality();
        double[] m = r.movingToFixed() == null ? null : r.movingToFixed().toRowMajor();
        List<String> v = new ArrayList<>(List.of(id, pair.em().toString(), pair.lm().toString(), r.verdict().id(),
            r.reason() == null ? "" : r.reason(), r.method()));
        for (int i = 0; i < 6; i++) {
            v.add(m == null ? "" : fmt(m[i]));
        }
        v.add(m == null ? "" : fmt(r.movingToFixed().scale()));
        v.add(m == null ? "" : fmt(r.movingToFixed().rotationDegrees()));
        v.addAll(List.of(fmt(q.ncc()), fmt(q.overlap()), q.inliers() < 0 ? "" : Integer.toString(q.inliers()),
            fmt(q.inlierRatio()), fmt(q.residualPx()), fmt(q.margin()), fmt(seconds)));
        return v.toArray(String[]::new);
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6g", v);
    }

    /** Reads and checks the whole CSV before any pair runs, so a typo fails fast with its line number. */
    static List<PairRun> readPairs(Path csv, Path out) throws IOException {
        if (!Files.isRegularFile(csv)) {
            throw new IllegalArgumentException("--pairs " + csv + ": no such file");
        }
        Path base = csv.toAbsolutePath().getParent();
        List<PairRun> pairs = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        try (Reader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            var format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                .setIgnoreEmptyLines(true).setCommentMarker('#').get();
            var parser = format.parse(r);
            if (!parser.getHeaderMap().containsKey("em") || !parser.getHeaderMap().containsKey("lm")) {
                throw new IllegalArgumentException(csv + ": the header row must name the columns em and lm (found "
                    + parser.getHeaderNames() + ")");
            }
            for (CSVRecord rec : parser) {
                String where = csv + " line " + parser.getCurrentLineNumber();
                Path em = resolve(base, rec.get("em"), where, "em");
                Path lm = resolve(base, rec.get("lm"), where, "lm");
                List<Path> channels = new ArrayList<>();
                String ch = optional(rec, "channels");
                if (!ch.isEmpty()) {
                    for (String c : ch.split(";")) {
                        channels.add(resolve(base, c.trim(), where, "channels"));
                    }
                }
                String id = optional(rec, "id");
                if (id.isEmpty()) {
                    id = ImageFiles.baseName(em);
                }
                if (!id.matches("[\\p{L}\\p{N}_.\\- ]+") || id.startsWith(".")) {
                    throw new IllegalArgumentException(where + ": id '" + id + "' cannot be a folder name");
                }
                if (!ids.add(id)) {
                    throw new IllegalArgumentException(where + ": id '" + id + "' is used twice; give each pair its "
                        + "own id column value");
                }
                String lmChannel = optional(rec, "lm_channel");
                pairs.add(new PairRun(em, lm, channels, lmChannel.isEmpty() ? null : lmChannel, out.resolve(id)));
            }
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            throw new IllegalArgumentException(csv + ": not a valid CSV file (" + CliErrors.message(e) + ")");
        }
        if (pairs.isEmpty()) {
            throw new IllegalArgumentException(csv + " lists no pairs");
        }
        return pairs;
    }

    private static String optional(CSVRecord rec, String column) {
        return rec.isMapped(column) && rec.isSet(column) ? rec.get(column).trim() : "";
    }

    private static Path resolve(Path base, String value, String where, String column) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(where + ": column " + column + " is empty");
        }
        Path p = base.resolve(value);
        if (!Files.isRegularFile(p)) {
            throw new IllegalArgumentException(where + ": " + column + " file " + p + " does not exist");
        }
        return p;
    }

    private static String toCsv(List<String[]> rows) throws IOException {
        StringWriter w = new StringWriter();
        try (CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setHeader(SUMMARY_COLUMNS).get())) {
            for (String[] row : rows) {
                p.printRecord((Object[]) row);
            }
        }
        return w.toString();
    }

}
