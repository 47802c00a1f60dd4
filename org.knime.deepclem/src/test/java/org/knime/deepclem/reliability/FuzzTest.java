package org.knime.deepclem.reliability;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded fuzzing of the image and transform readers, bounded for CI (about 20 s each; longer runs: bench/fuzz.sh).
 * Fails with the list of findings: undocumented exceptions, hangs over 5 s, allocation bombs, multi-line messages.
 */
class FuzzTest {

    static final long MILLIS = Long.getLong("deepclem.fuzz.millis", 20_000);

    @TempDir
    Path tmp;

    @Test
    void imageReaderSurvivesMutatedFiles() throws Exception {
        check(new Fuzzer(Fuzzer.Target.IMAGES, 20261129, tmp.resolve("work"), tmp.resolve("findings")).run(MILLIS));
    }

    @Test
    void transformReadersSurviveMutatedFiles() throws Exception {
        check(new Fuzzer(Fuzzer.Target.TRANSFORMS, 20261129, tmp.resolve("work"), tmp.resolve("findings"))
            .run(MILLIS));
    }

    private static void check(Fuzzer.Report r) {
        System.out.println(r);
        assertTrue(r.inputs() > 50, "too few inputs tried: " + r);
        assertTrue(r.refused() > 0, "mutations never hit the error paths: " + r);
        assertTrue(r.findings().isEmpty(), r.toString());
    }
}
