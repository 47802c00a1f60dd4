package org.knime.deepclem.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileNotFoundException;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Java's own stderr apart from native code's, under the {@code deepclem} launcher. TensorFlow logs from native code
 * straight to file descriptor 2, and Java 17 cannot move that descriptor without native code; so the launcher sends
 * descriptor 2 through a filter (which drops TensorFlow's log lines and passes everything else), hands the terminal to
 * Java as a second descriptor, and names it in {@value #FD_VARIABLE}. {@link #install()} points {@link System#err}
 * (and with it picocli's error writer, the batch progress line and stack traces) at that descriptor.
 * <p>
 * At exit, descriptor 2 is pointed at /dev/null, so that the filter reads its end, and the filter is waited for: its
 * last lines are out when the launcher's process has ended.
 */
final class StderrRouting {

    /** The file descriptor, open on the terminal's stderr, for Java's own stderr. */
    static final String FD_VARIABLE = "DEEPCLEM_STDERR_FD";

    /** The process id of the filter that descriptor 2 goes through (a child of this process). */
    static final String FILTER_PID_VARIABLE = "DEEPCLEM_STDERR_FILTER_PID";

    /** How long the exit waits for the filter to pass on the last lines. */
    private static final long FILTER_WAIT_SECONDS = 5;

    private StderrRouting() {
    }

    /**
     * Routes {@link System#err} as {@value #FD_VARIABLE} says; does nothing when it is unset or not an open
     * descriptor.
     */
    static void install() {
        String fdText = System.getenv(FD_VARIABLE);
        if (fdText == null || fdText.isBlank()) {
            return;
        }
        int fd;
        try {
            fd = Integer.parseInt(fdText.strip());
        } catch (NumberFormatException e) {
            return;
        }
        if (fd <= 2 || !Files.exists(Path.of("/dev/fd/" + fd)) || readOnly(fd)) {
            return; // not handed over (the variable set by hand): keep stderr as it is
        }
        FileOutputStream out;
        try {
            out = new FileOutputStream(descriptor(fd));
        } catch (ReflectiveOperationException | RuntimeException e) {
            // without --add-opens java.base/java.io: a new open of the same file; appending, so that a file it
            // goes to is never written over
            try {
                out = new FileOutputStream("/dev/fd/" + fd, true);
            } catch (FileNotFoundException notOpen) {
                return;
            }
        }
        System.err.flush();
        // as the JDK makes System.err: small buffer, flushed at each line
        System.setErr(new PrintStream(new BufferedOutputStream(out, 128), true, stderrCharset()));
        Runtime.getRuntime().addShutdownHook(new Thread(StderrRouting::finish, "deepclem-stderr-finish"));
    }

    /**
     * Whether the descriptor is open for reading only (Linux tells in /proc/self/fdinfo): then it is not a stderr the
     * launcher handed over but one of the JVM's own files, say a jar, that took the number.
     */
    private static boolean readOnly(int fd) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/fdinfo/" + fd))) {
                if (line.startsWith("flags:")) {
                    return (Integer.parseInt(line.substring(6).strip(), 8) & 3) == 0; // O_ACCMODE == O_RDONLY
                }
            }
        } catch (IOException | RuntimeException e) {
            // no /proc (macOS): trust the launcher
        }
        return false;
    }

    /** A descriptor object for an inherited file descriptor (the same open file, so a log file's offset is shared). */
    private static FileDescriptor descriptor(int fd) throws ReflectiveOperationException {
        FileDescriptor d = new FileDescriptor();
        Field f = FileDescriptor.class.getDeclaredField("fd");
        f.setAccessible(true); // the launcher opens java.io for this (--add-opens)
        f.setInt(d, fd);
        return d;
    }

    private static Charset stderrCharset() {
        String enc = System.getProperty("sun.stderr.encoding");
        try {
            return enc != null ? Charset.forName(enc) : Charset.defaultCharset();
        } catch (RuntimeException e) {
            return Charset.defaultCharset();
        }
    }

    /**
     * At exit: flushes Java's streams, points descriptor 2 at /dev/null (the JDK does that when the stream on it is
     * closed) so that the filter reads the end of its input, and waits for the filter to have written its last lines.
     */
    private static void finish() {
        System.out.flush();
        System.err.flush();
        try {
            new FileOutputStream(FileDescriptor.err).close();
        } catch (IOException e) {
            return;
        }
        List<ProcessHandle> filters;
        String pid = System.getenv(FILTER_PID_VARIABLE);
        try {
            filters = pid == null || pid.isBlank() ? ProcessHandle.current().children().toList()
                : ProcessHandle.of(Long.parseLong(pid.strip())).stream().toList();
        } catch (RuntimeException e) {
            return;
        }
        try {
            CompletableFuture.allOf(filters.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new))
                .get(FILTER_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            // a filter that does not end in time is not waited for: exiting matters more
        }
    }
}
