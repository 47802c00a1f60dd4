package org.knime.deepclem.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.knime.deepclem.cli.BatchSummary.Row;
import org.knime.deepclem.engine.io.AtomicFiles;
import org.knime.deepclem.engine.io.ChannelSelection;
import org.knime.deepclem.engine.io.ImageFiles;
import org.knime.deepclem.engine.pipeline.VirtualChromatinRegistration;
import org.knime.deepclem.engine.registration.Registration;
import org.knime.deepclem.engine.registration.RegistrationMethod;
import org.knime.deepclem.engine.registration.RegistrationResult;
import org.knime.deepclem.engine.registration.TransformModel;
import org.knime.deepclem.engine.transform.TransformDocument;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code deepclem batch}: many EM/LM pairs with one model load, in parallel, resumable and splittable into shards. */
@Command(name = "batch", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Runs the DeepCLEM pipeline (as 'register') on every pair listed in a CSV file, loading the model "
        + "once and working on several pairs at a time. A failed pair never stops the others.",
        "CSV columns (header row required): em, lm; optional: id (output sub-folder, default: the EM file's name), "
            + "channels (more LM images, separated by ';'), lm_channel (as register --lm-channel; default: "
            + "--lm-channel), landmarks (a landmark CSV for that pair, as "
            + "register --landmarks takes). Relative paths are relative to the CSV file.",
        "Writes DIR/<id>/ for each pair (as 'register') and DIR/summary.csv: one row per pair with the transform, "
            + "quality figures, verdict, reason and time, added as each pair finishes and put in the list's order at "
            + "the end. An interrupted batch continues with --resume. --shard I/N runs every N-th pair (for cluster "
            + "job arrays); --merge then joins the shards' summaries into DIR/summary.csv.",
        "Exit code 0 when every pair registered, 1 otherwise, 2 for bad input, 3 for an internal error, 130 when "
            + "interrupted."})
public final class BatchCommand implements Callable<Integer> {

    @Option(names = "--pairs", required = true, paramLabel = "CSV", description = "CSV file listing the pairs")
    Path pairsCsv;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output folder (created if missing)")
    Path out;

    @Option(names = "--threads", paramLabel = "N", description = "pairs processed at once (default: number of cores)")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--resume", description = "keep the pairs an earlier run of this command finished (row in the "
        + "summary, outputs complete) and run the others; a half-written pair is done again")
    boolean resume;

    @Option(names = "--shard", paramLabel = "I/N", description = "run only shard I of N: pairs I, I+N, I+2N, ... of "
        + "the list (from 1); its summary is DIR/summary.shard-I-of-N.csv. For job arrays: --shard "
        + "$SLURM_ARRAY_TASK_ID/N with --array=1-N")
    String shardSpec;

    @Option(names = "--merge", description = "run nothing: join the shards' summaries in DIR into DIR/summary.csv, "
        + "in the list's order, and name the pairs no shard has finished")
    boolean merge;

    @Option(names = "--landmarks-only", description = "pairs with a landmarks file are fitted to their landmarks "
        + "alone, without prediction or image registration; the other pairs are registered as usual. Without it, "
        + "a pair's landmarks correct its automatic result (as register --landmarks)")
    boolean landmarksOnly;

    @Option(names = "--lm-channel", paramLabel = "CH", description = "chromatin channel of the LM images whose "
        + "lm_channel column is empty (or absent): as register --lm-channel, e.g. a channel name shared by all the "
        + "OME-TIFF files")
    String lmChannel;

    @Mixin
    ModelOption model;

    @Mixin
    RegistrationOptions options;

    @Mixin
    PixelSizeOptions pixelSizes;

    @Override
    public Integer call() throws Exception {
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be at least 1, got " + threads);
        }
        pixelSizes.check();
        Shard shard = shardSpec == null ? Shard.ALL : Shard.parse(shardSpec);
        if (merge && (shardSpec != null || resume)) {
            throw new IllegalArgumentException("--merge joins the summaries of all shards; give it without --shard "
                + "and --resume");
        }
        AtomicFiles.checkWritableFolder(out, "--out");
        List<PairRun> all = readPairs(pairsCsv, out);
        if (lmChannel != null) {
            ChannelSelection.parseWithNames(lmChannel); // an empty value is refused before any work
            all = all.stream().map(p -> p.lmChannel() != null ? p
                : new PairRun(p.em(), p.lm(), p.channels(), lmChannel, p.out(), p.landmarks())).toList();
        }
        if (merge) {
            return merge(all);
        }
        List<PairRun> mine = shard.select(all);
        Path summary = out.resolve(shard.summaryName());
        if (!resume && !options.overwrite && Files.exists(summary)) {
            throw new FileAlreadyExistsException(null, null, summary + " exists: an earlier batch wrote to " + out
                + "; give --resume to finish it, --overwrite to start again, or choose another --out");
        }
        Map<String, Row> finished = resume ? finishedPairs(summary, mine) : Map.of();
        List<PairRun> todo = mine.stream().filter(p -> !finished.containsKey(p.id())).toList();
        if (resume) {
            System.out.println(finished.size() + " of " + mine.size() + " pairs already finished, " + todo.size()
                + " to run");
        }
        // the summary starts as the rows kept, in list order; the rest is appended as pairs finish
        Files.createDirectories(out);
        BatchSummary.write(summary, inListOrder(mine, finished), true);
        Map<String, Row> rows = new ConcurrentHashMap<>(finished);
        if (!todo.isEmpty()) {
            run(todo, summary, rows);
        }
        List<Row> ordered = inListOrder(mine, rows);
        BatchSummary.write(summary, ordered, true);
        long ok = ordered.stream().filter(Row::ok).count();
        System.out.println(ok + " of " + ordered.size() + " pairs registered" + (shard.isAll() ? "" : " in shard "
            + shard) + "; summary in " + summary);
        return ok == ordered.size() ? ExitCode.OK : ExitCode.REGISTRATION_FAILED;
    }

    /** Runs the pairs on the pool; each row is appended to the summary the moment its pair is done. */
    private void run(List<PairRun> todo, Path summary, Map<String, Row> rows) throws Exception {
        var registration = options.registration(RegistrationMethod.CORRELATION);
        var transformModel = options.transformModel();
        ProgressLine progress = ProgressLine.forTerminal(todo.size());
        // TensorFlow starts when the first pair has been read and checked: the first pairs' images are read while the
        // model unpacks, and a batch of bad pairs ends with their rows and nothing of TensorFlow's on stderr
        try (ModelLoad loading = ModelLoad.start(model); var appender = new BatchSummary.Appender(summary)) {
            Pipeline pipeline = new Pipeline(loading, registration, transformModel);
            ExecutorService pool = Executors.newFixedThreadPool(threads, new PoolThreads());
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (PairRun pair : todo) {
                    futures.add(pool.submit(() -> {
                        Row row = runOne(pair, pipeline, transformModel);
                        appender.append(row);
                        rows.put(row.id(), row);
                        progress.pairDone(row.ok());
                        printLine(row.line());
                        return null;
                    }));
                }
                for (Future<?> f : futures) {
                    f.get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("interrupted; the " + rows.size() + " finished pairs are listed in "
                    + summary + "; run the same command with --resume to do the rest");
            } catch (ExecutionException e) {
                // writing the summary or loading the model failed: nothing to go on with
                if (e.getCause() instanceof Error err) {
                    throw err;
                }
                throw e.getCause() instanceof Exception x ? x : e;
            } finally {
                stop(pool);
                progress.finish();
            }
        }
    }

    private static synchronized void printLine(String line) {
        System.out.println(line);
    }

    /**
     * The rows of an earlier run to keep: the pair is in this run's list with the same images and landmark file (a
     * pair given landmarks since is done again), it did not raise an
     * error, and its folder holds the complete result with the verdict the row gives.
     */
    private Map<String, Row> finishedPairs(Path summary, List<PairRun> mine) throws IOException {
        if (!Files.exists(summary)) {
            return Map.of();
        }
        Map<String, Row> previous = BatchSummary.read(summary);
        Map<String, Row> kept = new HashMap<>();
        for (PairRun pair : mine) {
            Row row = previous.get(pair.id());
            if (row == null || row.isError() || !row.isOf(pair)) {
                continue;
            }
            var result = pair.outputs(true, predicts(pair)).completeResult();
            if (result.isPresent() && result.get().verdict().id().equals(row.verdict())) {
                kept.put(pair.id(), row);
            }
        }
        return kept;
    }

    private static List<Row> inListOrder(List<PairRun> pairs, Map<String, Row> rows) {
        return pairs.stream().map(p -> rows.get(p.id())).filter(Objects::nonNull).toList();
    }

    /** Joins the shard summaries in {@link #out} into summary.csv and names the pairs no shard has finished. */
    private int merge(List<PairRun> all) throws IOException {
        Map<Integer, Path> files = new TreeMap<>();
        Set<Integer> counts = new TreeSet<>();
        try (var listing = Files.list(out)) {
            for (Path f : (Iterable<Path>) listing::iterator) {
                try {
                    Shard.ofSummaryName(f.getFileName().toString()).ifPresent(shard -> {
                        files.put(shard.index(), f);
                        counts.add(shard.count());
                    });
                } catch (IllegalArgumentException notAShard) {
                    // a name like summary.shard-5-of-4.csv: no run of ours wrote it
                }
            }
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no shard summaries (summary.shard-I-of-N.csv) in " + out
                + "; run the shards (--shard I/N) first");
        }
        if (counts.size() > 1) {
            throw new IllegalArgumentException(out + " holds summaries of runs split into " + counts + " shards; "
                + "keep those of one split only");
        }
        int n = counts.iterator().next();
        Map<String, Row> rows = new HashMap<>();
        for (Path f : files.values()) {
            rows.putAll(BatchSummary.read(f));
        }
        List<Row> merged = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (int k = 0; k < all.size(); k++) {
            PairRun pair = all.get(k);
            Row row = rows.get(pair.id());
            if (row != null && row.isOf(pair)) {
                merged.add(row);
            } else {
                missing.add(pair.id() + " (shard " + Shard.holding(k, n) + ")");
            }
        }
        Path summary = out.resolve(BatchSummary.FILE);
        BatchSummary.write(summary, merged, options.overwrite);
        long ok = merged.stream().filter(Row::ok).count();
        System.out.println("merged " + files.size() + " of " + n + " shard summaries: " + merged.size() + " of "
            + all.size() + " pairs, " + ok + " registered; summary in " + summary);
        if (!missing.isEmpty()) {
            System.err.println("deepclem batch: " + missing.size() + " pairs not finished by any shard: "
                + String.join(", ", missing.subList(0, Math.min(20, missing.size())))
                + (missing.size() > 20 ? ", ..." : "") + "; run those shards again with --resume, then --merge "
                + "--overwrite");
        }
        return ok == all.size() ? ExitCode.OK : ExitCode.REGISTRATION_FAILED;
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

    /** The registration pipeline, made when the first pair with good inputs needs it; shared by the workers. */
    private static final class Pipeline {
        private final ModelLoad model;
        private final Registration registration;
        private final TransformModel transformModel;
        private VirtualChromatinRegistration pipeline;

        Pipeline(ModelLoad model, Registration registration, TransformModel transformModel) {
            this.model = model;
            this.registration = registration;
            this.transformModel = transformModel;
        }

        /** Opens the model on the first call; its failure (a bad --model) is the batch's, not a pair's. */
        synchronized VirtualChromatinRegistration get() throws IOException {
            if (pipeline == null) {
                pipeline = new VirtualChromatinRegistration(model.get(), registration, transformModel);
            }
            return pipeline;
        }
    }

    /**
     * One pair; an error of the pair becomes its failed row (one bad pair must not stop the others); a cancel and a
     * model that does not load end the batch. The pair's images are read and checked before the model is needed.
     */
    private Row runOne(PairRun pair, Pipeline pipeline, TransformModel transformModel) throws IOException {
        long t0 = System.nanoTime();
        // a pair of a resumed run may have left part of its files: they are this batch's, and are replaced
        boolean overwrite = options.overwrite || resume;
        PairRun.Inputs inputs;
        try {
            inputs = pair.read(overwrite, predicts(pair), pixelSizes);
        } catch (Exception | OutOfMemoryError e) {
            return failed(pair, e, t0);
        }
        List<double[]> landmarks;
        try {
            landmarks = pair.readLandmarks(transformModel);
        } catch (Exception e) {
            return failed(pair, e, t0);
        }
        VirtualChromatinRegistration registration = null;
        if (predicts(pair)) {
            long waiting = System.nanoTime();
            registration = pipeline.get();
            t0 += System.nanoTime() - waiting; // a pair's seconds are its own work, not the wait for the model
        }
        try {
            TransformDocument doc = PairRun.run(inputs, registration, options.overlayColour(),
                options.interpolation(), landmarks, transformModel);
            return Row.of(pair.id(), pair, doc, (System.nanoTime() - t0) / 1e9);
        } catch (Exception | OutOfMemoryError e) {
            return failed(pair, e, t0);
        }
    }

    /** Whether the pair is registered by its images (with the model); not when its landmarks alone are used. */
    private boolean predicts(PairRun pair) {
        return pair.landmarks() == null || !landmarksOnly;
    }

    private static Row failed(PairRun pair, Throwable e, long t0) {
        if (e instanceof CancellationException c) {
            throw c;
        }
        if (Thread.currentThread().isInterrupted()) {
            throw new CancellationException("cancelled"); // a stage stopped by the cancel is not the pair's fault
        }
        return Row.error(pair.id(), pair, CliErrors.message(e), (System.nanoTime() - t0) / 1e9);
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
                .setIgnoreEmptyLines(true).setCommentMarker('#').build();
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
                Path landmarks = optional(rec, "landmarks").isEmpty() ? null
                    : resolve(base, optional(rec, "landmarks"), where, "landmarks");
                pairs.add(new PairRun(em, lm, channels, lmChannel.isEmpty() ? null : lmChannel, out.resolve(id),
                    landmarks));
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


}
