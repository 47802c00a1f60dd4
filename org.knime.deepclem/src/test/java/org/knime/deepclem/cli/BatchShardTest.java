package org.knime.deepclem.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.knime.deepclem.engine.io.RepoData;
import org.knime.deepclem.reliability.Inputs;
import org.knime.deepclem.reliability.TestModels;

/**
 * {@code batch} at facility scale: the Slurm scripts in docs/slurm, run shard by shard and merged, give the summary
 * of one batch; {@code --merge} names what no shard finished; {@code --resume} keeps finished pairs and redoes a
 * half-written one; a bad {@code --shard} is a usage error.
 */
class BatchShardTest {

    static final int PAIRS = 7; // not a multiple of the shard count: the last shard is shorter

    @TempDir
    static Path shared;
    static List<Object> model;
    static Path csv;
    /** One uninterrupted, unsharded batch: what every other way of running must end with. */
    static Path oneBatch;
    static int oneBatchCode;

    @TempDir
    Path tmp;

    @BeforeAll
    static void runOneBatch() throws Exception {
        model = TestModels.modelArgs(shared);
        try (var m = TestModels.load(shared)) {
            csv = BatchPairs.write(shared.resolve("in"), PAIRS, 300, 220, m);
        }
        oneBatch = shared.resolve("one-batch");
        CliRun r = BatchDeterminismTest.batch(csv, oneBatch, 2, model);
        assertTrue(r.code() == 0 || r.code() == 1, r.err());
        assertTrue(r.out().contains(" of " + PAIRS + " pairs registered"), r.out() + r.err());
        oneBatchCode = r.code();
    }

    @Test
    void slurmArrayScriptsShardedAndMergedEqualOneBatch() throws Exception {
        Path slurm = RepoData.root().resolve("docs/slurm");
        Path out = tmp.resolve("sharded");
        int shards = 3;
        for (int i = 1; i <= shards; i++) {
            Process p = script(slurm.resolve("deepclem-array.sbatch"), out, Map.of("SHARDS", "" + shards,
                "SLURM_ARRAY_TASK_ID", "" + i, "SLURM_CPUS_PER_TASK", "2"));
            assertEquals(0, p.exitValue(), "array task " + i + ": " + log(i));
            assertTrue(Files.isRegularFile(out.resolve("summary.shard-" + i + "-of-3.csv")), log(i));
        }
        assertFalse(Files.exists(out.resolve(BatchSummary.FILE)), "a shard must not write the batch's summary.csv");
        Process merge = script(slurm.resolve("deepclem-merge.sbatch"), out, Map.of());
        assertEquals(oneBatchCode, merge.exitValue(), log(0));
        assertTrue(log(0).contains("merged 3 of 3 shard summaries: " + PAIRS + " of " + PAIRS + " pairs"), log(0));
        assertEquals(BatchPairs.summaryWithoutSeconds(oneBatch), BatchPairs.summaryWithoutSeconds(out));
        for (int i = 0; i < PAIRS; i++) {
            assertArrayEquals(Files.readAllBytes(oneBatch.resolve("pair" + i + "/transform.json")),
                Files.readAllBytes(out.resolve("pair" + i + "/transform.json")), "pair" + i);
        }
        // shard I holds pairs I-1, I-1+N, ... of the list
        assertEquals(List.of("pair1", "pair4"), List.copyOf(BatchSummary.read(out.resolve("summary.shard-2-of-3.csv"))
            .keySet()));
    }

    @Test
    void mergeNamesThePairsNoShardFinished() throws Exception {
        Path out = tmp.resolve("out");
        CliRun shard = BatchDeterminismTest.batch(csv, out, 2, model, "--shard", "2/3");
        assertTrue(shard.out().contains("in shard 2/3"), shard.out() + shard.err());
        CliRun merge = BatchDeterminismTest.batch(csv, out, 2, model, "--merge");
        assertEquals(ExitCode.REGISTRATION_FAILED, merge.code(), merge.err());
        assertTrue(merge.out().contains("merged 1 of 3 shard summaries: 2 of " + PAIRS + " pairs"), merge.out());
        assertTrue(merge.err().contains("5 pairs not finished by any shard: pair0 (shard 1/3), pair2 (shard 3/3), "
            + "pair3 (shard 1/3), pair5 (shard 3/3), pair6 (shard 1/3)"), merge.err());
        assertEquals(2, BatchSummary.read(out.resolve(BatchSummary.FILE)).size());
    }

    @Test
    void resumeOfAFinishedBatchRunsNothingAndChangesNothing() throws Exception {
        Path out = copy(oneBatch, tmp.resolve("copy"));
        Map<String, String> before = Inputs.fingerprints(out);
        CliRun r = BatchDeterminismTest.batch(csv, out, 2, model, "--resume");
        assertEquals(oneBatchCode, r.code(), r.err());
        assertTrue(r.out().contains(PAIRS + " of " + PAIRS + " pairs already finished, 0 to run"), r.out());
        assertEquals(before, Inputs.fingerprints(out));
    }

    @Test
    void resumeRedoesAHalfWrittenPairOnly() throws Exception {
        Path out = copy(oneBatch, tmp.resolve("copy"));
        Path pair = out.resolve("pair" + firstOk());
        Files.delete(pair.resolve("overlay.png")); // as a run killed while writing the pair's files leaves it
        Files.delete(pair.resolve("transform.json"));
        String untouched = Inputs.sha256(out.resolve("pair" + (firstOk() + 1) + "/transform.json"));
        CliRun r = BatchDeterminismTest.batch(csv, out, 2, model, "--resume");
        assertEquals(oneBatchCode, r.code(), r.err());
        assertTrue(r.out().contains((PAIRS - 1) + " of " + PAIRS + " pairs already finished, 1 to run"), r.out());
        assertTrue(Files.isRegularFile(pair.resolve("overlay.png")));
        assertEquals(BatchPairs.summaryWithoutSeconds(oneBatch), BatchPairs.summaryWithoutSeconds(out));
        assertEquals(untouched, Inputs.sha256(out.resolve("pair" + (firstOk() + 1) + "/transform.json")));
    }

    @Test
    void anEarlierBatchIsNeitherOverwrittenNorResumedUnlessAsked() throws Exception {
        Path out = copy(oneBatch, tmp.resolve("copy"));
        Map<String, String> before = Inputs.fingerprints(out);
        CliRun r = BatchDeterminismTest.batch(csv, out, 2, model);
        assertEquals(ExitCode.BAD_INPUT, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("--resume") && r.err().contains("--overwrite"), r.err());
        assertEquals(before, Inputs.fingerprints(out));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0/4", "5/4", "1/0", "2", "a/b", "1/2/3", "-1/4"})
    void badShardIsAUsageError(String spec) throws Exception {
        Path out = tmp.resolve("out");
        CliRun r = BatchDeterminismTest.batch(csv, out, 2, model, "--shard", spec);
        assertEquals(ExitCode.BAD_INPUT, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("deepclem batch: --shard"), r.err());
        assertFalse(Files.exists(out), "nothing written for a usage error");
    }

    /** A pair the one batch registered, with an ok pair after it. */
    private static int firstOk() throws IOException {
        var rows = List.copyOf(BatchSummary.read(oneBatch.resolve(BatchSummary.FILE)).values());
        for (int i = 0; i + 1 < rows.size(); i++) {
            if (rows.get(i).ok() && rows.get(i + 1).ok()) {
                return i;
            }
        }
        throw new AssertionError("no two consecutive pairs registered: " + rows);
    }

    private Process script(Path script, Path out, Map<String, String> env) throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path deepclem = bin.resolve("deepclem");
        if (!Files.exists(deepclem)) {
            // the launcher the cluster's PATH would hold, on this build's classes
            Files.writeString(deepclem, "#!/bin/sh\nexec '" + Path.of(System.getProperty("java.home"), "bin", "java")
                + "' -Xmx2g -cp '" + System.getProperty("java.class.path") + "' " + Main.class.getName() + " \"$@\"\n");
            deepclem.toFile().setExecutable(true);
        }
        String task = env.getOrDefault("SLURM_ARRAY_TASK_ID", "0");
        ProcessBuilder pb = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true)
            .redirectOutput(tmp.resolve("task" + task + ".log").toFile());
        pb.environment().putAll(env);
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        pb.environment().put("PAIRS", csv.toString());
        pb.environment().put("OUT", out.toString());
        pb.environment().put("TF_CPP_MIN_LOG_LEVEL", "2");
        List<String> modelArgs = new ArrayList<>();
        model.forEach(m -> modelArgs.add(m.toString()));
        if (!modelArgs.isEmpty()) {
            pb.environment().put("MODEL", modelArgs.get(1));
        }
        Process p = pb.start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), script + " did not end");
        return p;
    }

    private String log(int task) throws IOException {
        return Files.readString(tmp.resolve("task" + task + ".log"));
    }

    private static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path f : (Iterable<Path>) s::iterator) {
                Files.copy(f, to.resolve(from.relativize(f).toString()));
            }
        }
        return to;
    }
}
