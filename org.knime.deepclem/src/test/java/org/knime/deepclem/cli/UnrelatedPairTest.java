package org.knime.deepclem.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.knime.deepclem.engine.io.RepoData;

/**
 * EM and LM from different experiments share nothing: {@code register} must say failed (exit 1, no registered images),
 * never hand out a transform. These three training sections against the demo's chromatin are the pairs that came
 * back ok (NCC 0.40-0.46, scale 3.5-3.6) before the gate checked the searched scale range.
 */
class UnrelatedPairTest {

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"s6", "s7", "s8"})
    void trainingSectionAgainstTheDemoChromatinFails(String section) throws IOException {
        Path out = tmp.resolve(section);
        CliRun r = CliRun.of("register", "--em", RepoData.file("training/em/" + section + ".png"), "--lm",
            RepoData.file("example/Chromatin.png"), "--out", out);
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue((r.out() + r.err()).contains("registration failed"), r.out() + r.err());
        assertTrue(Files.readString(out.resolve("transform.json")).matches("(?s).*\"verdict\" *: *\"failed\".*"));
        assertFalse(Files.exists(out.resolve("Chromatin_registered.tif")), "a failed pair writes no registered image");
        assertFalse(Files.exists(out.resolve("overlay.png")));
    }
}
