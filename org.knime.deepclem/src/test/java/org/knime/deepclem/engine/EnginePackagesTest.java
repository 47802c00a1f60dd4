package org.knime.deepclem.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The engine's shape, read from its source: data flows one way through its packages (no package uses a package that
 * uses it back), and the engine knows nothing of KNIME or of the command line.
 */
class EnginePackagesTest {

    private static final Path ENGINE = Path.of("src/main/java/org/knime/deepclem/engine");
    private static final Pattern ENGINE_REFERENCE = Pattern.compile("org\\.knime\\.deepclem\\.engine\\.(\\w+)\\.[A-Z]");

    @Test
    void packagesFormNoCycle() throws IOException {
        Map<String, Set<String>> uses = uses();
        assertTrue(uses.size() >= 8, "engine packages found: " + uses.keySet());
        List<String> cycles = new ArrayList<>();
        for (String start : uses.keySet()) {
            for (String next : uses.get(start)) {
                if (reaches(uses, next, start, new TreeSet<>())) {
                    cycles.add(start + " -> " + next + " -> ... -> " + start);
                }
            }
        }
        assertEquals(List.of(), cycles, "package uses: " + uses);
    }

    @Test
    void engineKnowsNothingOfKnimeOrTheCommandLine() throws IOException {
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(ENGINE)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
                String text = Files.readString(f);
                for (String foreign : List.of("org.knime.core.", "org.knime.knip.", "org.knime.deepclem.nodes.",
                    "org.knime.deepclem.cli.", "picocli.")) {
                    if (text.contains(foreign)) {
                        offenders.add(ENGINE.relativize(f) + " uses " + foreign);
                    }
                }
            }
        }
        assertEquals(List.of(), offenders);
    }

    /** Package -> the other engine packages its classes name. */
    private static Map<String, Set<String>> uses() throws IOException {
        Map<String, Set<String>> uses = new TreeMap<>();
        try (Stream<Path> files = Files.walk(ENGINE)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
                Path rel = ENGINE.relativize(f);
                if (rel.getNameCount() < 2) {
                    continue;
                }
                String pkg = rel.getName(0).toString();
                Set<String> used = uses.computeIfAbsent(pkg, k -> new TreeSet<>());
                Matcher m = ENGINE_REFERENCE.matcher(Files.readString(f));
                while (m.find()) {
                    if (!m.group(1).equals(pkg)) {
                        used.add(m.group(1));
                    }
                }
            }
        }
        return uses;
    }

    private static boolean reaches(Map<String, Set<String>> uses, String from, String to, Set<String> seen) {
        if (from.equals(to)) {
            return true;
        }
        if (!seen.add(from)) {
            return false;
        }
        for (String next : uses.getOrDefault(from, Set.of())) {
            if (reaches(uses, next, to, seen)) {
                return true;
            }
        }
        return false;
    }
}
