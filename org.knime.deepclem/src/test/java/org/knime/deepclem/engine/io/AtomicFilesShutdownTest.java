package org.knime.deepclem.engine.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JVM that stops (Ctrl-C, kill, System.exit) while threads are writing leaves finished files only: worker threads go
 * on running while shutdown hooks run, so a temporary file created after the clean-up hook started would stay behind.
 */
class AtomicFilesShutdownTest {

    @TempDir
    Path tmp;

    /** Child JVM: writers write files as fast as they can until the main thread exits the JVM. */
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        if (args[1].equals("open-after-hook")) {
            // a writer that got its temporary file, then lost the race to the hook before opening it
            Path file = dir.resolve("late.txt");
            Path tmp = AtomicFiles.createTempSibling(file);
            AtomicFiles.cleanUpForShutdown();
            try {
                AtomicFiles.openTemp(tmp, file, Files::newOutputStream).close();
                System.out.println("opened");
            } catch (java.util.concurrent.CancellationException e) {
                System.out.println("stopped");
            }
            return;
        }
        for (int t = 0; t < 4; t++) {
            int id = t;
            Thread writer = new Thread(() -> {
                byte[] text = new byte[64 * 1024];
                for (long i = 0; ; i++) {
                    try {
                        AtomicFiles.writeString(dir.resolve("w" + id + "-" + (i % 50) + ".txt"), new String(text), true);
                    } catch (Exception stopped) {
                        // the program is stopping: keep trying, as a busy worker would
                    }
                }
            });
            writer.setDaemon(false);
            writer.start();
        }
        // the timed part starts once a first file is written: on a busy machine start-up alone can take the whole time
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try (Stream<Path> s = Files.list(dir)) {
                if (s.anyMatch(f -> f.toString().endsWith(".txt"))) {
                    break;
                }
            }
            Thread.sleep(5);
        }
        Thread.sleep(Long.parseLong(args[1]));
        System.exit(0);
    }

    /** Deterministic form of the race the timed test can hit: opening after the hook must not re-create the file. */
    @Test
    void aWriterOpeningAfterTheHookReCreatesNothing() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("late"));
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
            System.getProperty("java.class.path"), AtomicFilesShutdownTest.class.getName(), dir.toString(),
            "open-after-hook").redirectErrorStream(true).redirectOutput(tmp.resolve("late.log").toFile()).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child did not stop");
        assertEquals("stopped", Files.readString(tmp.resolve("late.log")).trim());
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(), s.toList());
        }
    }

    @Test
    void noTemporaryFileOutlivesTheJvm() throws Exception {
        for (int run = 0; run < 6; run++) {
            Path dir = Files.createDirectories(tmp.resolve("run" + run));
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), AtomicFilesShutdownTest.class.getName(), dir.toString(),
                Integer.toString(200 + 50 * run)).redirectErrorStream(true).redirectOutput(tmp.resolve("log" + run)
                    .toFile()).start();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child did not stop");
            assertEquals(0, p.exitValue(), Files.readString(tmp.resolve("log" + run)));
            List<String> files;
            try (Stream<Path> s = Files.list(dir)) {
                files = s.map(f -> f.getFileName().toString()).toList();
            }
            assertTrue(files.stream().anyMatch(f -> f.endsWith(".txt")), "the writers wrote nothing: " + files);
            assertEquals(List.of(), files.stream().filter(f -> f.endsWith(".tmp")).toList(), "run " + run);
        }
    }
}
