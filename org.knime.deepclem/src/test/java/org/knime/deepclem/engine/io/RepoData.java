package org.knime.deepclem.engine.io;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds data/deepclem for tests: System property deepclem.root (set by surefire), else walks up from the cwd. */
public final class RepoData {

    private RepoData() {
    }

    public static Path root() {
        String p = System.getProperty("deepclem.root");
        if (p != null && Files.isDirectory(Path.of(p, "data", "deepclem"))) {
            return Path.of(p).toAbsolutePath().normalize();
        }
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve("data/deepclem"))) {
                return d;
            }
        }
        throw new IllegalStateException("data/deepclem not found above " + Path.of("").toAbsolutePath());
    }

    /** A file under data/deepclem, e.g. {@code file("example/EM.png")}. */
    public static Path file(String relative) {
        return root().resolve("data/deepclem").resolve(relative);
    }
}
