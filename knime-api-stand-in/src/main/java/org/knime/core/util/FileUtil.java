package org.knime.core.util;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Stand-in of org.knime.core.util.FileUtil (bundle org.knime.core): the two methods KNIME's classic nodes use to turn
 * a file option into a local path. As in KNIME, {@code knime:} URLs need KNIME's URL handler, which only a running
 * KNIME (or the real-KNIME test stage) installs; without it they fall back to a local path, as KNIME's would.
 */
public final class FileUtil {

    private FileUtil() {
    }

    /** A URL as typed, else the absolute local path as a file: URL (KNIME's logic). */
    public static URL toURL(final String path) throws MalformedURLException, InvalidPathException {
        if (path.isEmpty()) {
            throw new InvalidPathException("", "Empty path");
        }
        try {
            return new URL(path.replace(" ", "%20"));
        } catch (MalformedURLException ex) {
            return Paths.get(path).toAbsolutePath().toUri().toURL();
        }
    }

    /** The local path a URL resolves to, or null when it is not on this machine (KNIME's logic, without UNC). */
    public static Path resolveToPath(final URL url) throws IOException, URISyntaxException {
        URL resolved = url.openConnection().getURL();
        return "file".equalsIgnoreCase(resolved.getProtocol()) ? Paths.get(resolved.toURI()) : null;
    }
}
