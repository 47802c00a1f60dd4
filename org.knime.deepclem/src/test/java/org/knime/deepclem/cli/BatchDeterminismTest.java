package org.knime.deepclem.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knime.deepclem.reliability.Inputs;
import org.knime.deepclem.reliability.TestModels;

/**
 * {@code batch} with several threads gives byte-identical results to a serial run, and a repeated run gives the same
 * bytes again: transform.json and the virtual chromatin (TensorFlow output) of every pair, and summary.csv but for
 * its timing column.
 */
class BatchDeterminismTest {

    @TempDir
    Path tmp;

    @Test
    void parallelAndRepeatedRunsAreByteIdenticalToSerial() throws Exception {
        List<Object> model = TestModels.modelArgs(tmp);
        Path csv;
        try (var m = TestModels.load(tmp)) {
            csv = BatchPairs.write(tmp.resolve("in"), 4, 400, 300, m);
        }
        var inputs = Inputs.fingerprints(tmp.resolve("in"));
        Path serial = tmp.resolve("serial"), parallel = tmp.resolve("parallel"), again = tmp.resolve("again");
        CliRun s = batch(csv, serial, 1, model);
        CliRun p = batch(csv, parallel, 4, model);
        CliRun a = batch(csv, again, 4, model);
        assertEquals(s.code(), p.code(), p.err());
        assertEquals(s.code(), a.code(), a.err());
        assertTrue(s.out().contains("4 of 4 pairs registered") || s.out().contains("3 of 4 pairs registered"),
            "most pairs must register for the comparison to mean something: " + s.out() + s.err());
        for (int i = 0; i < 4; i++) {
            for (String f : List.of("transform.json", "virtual_chromatin.tif")) {
                byte[] expected = Files.readAllBytes(serial.resolve("pair" + i).resolve(f));
                assertArrayEquals(expected, Files.readAllBytes(parallel.resolve("pair" + i).resolve(f)), "pair" + i
                    + "/" + f + " differs between --threads 1 and --threads 4");
                assertArrayEquals(expected, Files.readAllBytes(again.resolve("pair" + i).resolve(f)), "pair" + i
                    + "/" + f + " differs between two runs");
            }
        }
        assertEquals(BatchPairs.summaryWithoutSeconds(serial), BatchPairs.summaryWithoutSeconds(parallel));
        assertEquals(BatchPairs.summaryWithoutSeconds(serial), BatchPairs.summaryWithoutSeconds(again));
        assertEquals(inputs, Inputs.fingerprints(tmp.resolve("in")), "inputs changed");
    }

    static CliRun batch(Path csv, Path out, int threads, List<Object> model, Object... more) {
        List<Object> a = new ArrayList<>(List.of("batch", "--pairs", csv, "--out", out, "--threads", threads));
        a.addAll(model);
        a.addAll(List.of(more));
        return CliRun.of(a.toArray());
    }
}
