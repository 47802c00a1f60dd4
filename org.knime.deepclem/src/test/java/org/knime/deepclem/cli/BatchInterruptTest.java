package org.knime.deepclem.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knime.deepclem.engine.transform.TransformFiles;
import org.knime.deepclem.reliability.Inputs;
import org.knime.deepclem.reliability.TestModels;

/**
 * An interrupted {@code batch} (a thread interrupt in-process, or SIGTERM to a child JVM as Ctrl-C sends SIGINT) stops
 * its workers, writes no summary.csv, leaves no temporary files, and every pair folder holding a transform.json is
 * complete.
 */
class BatchInterruptTest {

    static final int PAIRS = 8;

    @TempDir
    Path tmp;

    @Test
    void interruptedBatchStopsItsThreadsAndWritesNoSummary() throws Exception {
        List<Object> model = TestModels.modelArgs(tmp);
        Path csv;
        try (var m = TestModels.load(tmp)) {
            csv = BatchPairs.write(tmp.resolve("in"), PAIRS, 300, 220, m);
        }
        Path out = tmp.resolve("out");
        List<Object> args = new ArrayList<>(List.of("batch", "--pairs", csv, "--out", out, "--threads", 2));
        args.addAll(model);
        AtomicReference<CliRun> result = new AtomicReference<>();
        Thread runner = new Thread(() -> result.set(CliRun.of(args.toArray())), "batch-runner");
        runner.start();
        waitForFirstOutput(out, 240);
        runner.interrupt();
        runner.join(TimeUnit.MINUTES.toMillis(3));
        assertFalse(runner.isAlive(), "batch did not return after the interrupt");
        CliRun r = result.get();
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("interrupted"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        List<String> alive = Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
            .map(Thread::getName).filter(n -> n.startsWith(BatchCommand.PoolThreads.PREFIX)).toList();
        assertTrue(alive.isEmpty(), "worker threads still running: " + alive);
        assertOnlyCompleteResults(out, true);
    }

    @Test
    void killedBatchProcessLeavesOnlyCompleteResults() throws Exception {
        List<Object> model = TestModels.modelArgs(tmp);
        Path csv;
        try (var m = TestModels.load(tmp)) {
            csv = BatchPairs.write(tmp.resolve("in"), PAIRS, 300, 220, m);
        }
        Path out = tmp.resolve("out");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx2g", "-cp", System.getProperty("java.class.path"), Main.class.getName(), "batch", "--pairs",
            csv.toString(), "--out", out.toString(), "--threads", "2"));
        model.forEach(m -> cmd.add(m.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
            .redirectOutput(tmp.resolve("child.log").toFile());
        pb.environment().put("TF_CPP_MIN_LOG_LEVEL", "2");
        Process p = pb.start();
        try {
            waitForFirstOutput(out, 300);
            assertTrue(p.isAlive(), "the batch ended before it could be stopped: " + Files.readString(tmp.resolve(
                "child.log")));
            p.destroy(); // SIGTERM: what Ctrl-C (SIGINT) does to a JVM, shutdown hooks included
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child did not stop");
        } finally {
            p.destroyForcibly();
        }
        assertOnlyCompleteResults(out, false);
    }

    /** Waits until some pair folder has a file in it (the batch is in the middle of its work). */
    private static void waitForFirstOutput(Path out, int seconds) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < end) {
            if (Inputs.listFiles(out).stream().anyMatch(f -> f.contains("/"))) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no output after " + seconds + " s: " + Inputs.listFiles(out));
    }

    /** No summary, no temporary files, and each folder with transform.json holds every file an ok result needs. */
    private static void assertOnlyCompleteResults(Path out, boolean expectUnfinished) throws Exception {
        List<String> files = Inputs.listFiles(out);
        assertFalse(files.contains(BatchCommand.SUMMARY), "summary.csv written by an interrupted batch: " + files);
        for (String f : files) {
            assertFalse(Path.of(f).getFileName().toString().startsWith("."), "temporary file left: " + f);
        }
        int complete = 0;
        for (int i = 0; i < PAIRS; i++) {
            Path dir = out.resolve("pair" + i);
            Path json = dir.resolve("transform.json");
            if (Files.exists(json)) {
                complete++;
                if (TransformFiles.read(json).result().ok()) {
                    for (String need : List.of("transform.xml", "overlay.png", "pair" + i + "_lm_registered.tif",
                        "virtual_chromatin.tif")) {
                        assertTrue(Files.isRegularFile(dir.resolve(need)), dir + " has transform.json but no " + need);
                    }
                }
            }
        }
        if (expectUnfinished) {
            assertTrue(complete < PAIRS, "the interrupt came too late to test anything: " + files);
        }
    }
}
