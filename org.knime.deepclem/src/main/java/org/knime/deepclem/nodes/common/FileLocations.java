package org.knime.deepclem.nodes.common;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.util.FileUtil;

/**
 * Turns a file option into a path on this machine the way KNIME's classic reader and writer nodes do
 * ({@link FileUtil#toURL} then {@link FileUtil#resolveToPath}): an absolute path, a file: URL, or a knime:// URL —
 * {@code knime://knime.workflow/...} (inside the workflow, e.g. its data/ folder, so a workflow shared on KNIME Hub
 * carries its files), {@code knime://knime.mountpoint/...} or a mount point by name.
 */
public final class FileLocations {

    private FileLocations() {
    }

    /**
     * @param value the option's value (not empty)
     * @param option the option's label, for messages
     * @throws InvalidSettingsException for a relative path (KNIME would resolve it against its own working folder),
     *             a knime:// URL that cannot be resolved here, or one that points to another machine
     */
    public static Path localPath(final String value, final String option) throws InvalidSettingsException {
        String v = value.trim();
        URL url;
        try {
            url = FileUtil.toURL(v);
        } catch (IOException | InvalidPathException e) {
            throw new InvalidSettingsException("\"" + option + "\": \"" + v + "\" is neither a path nor a URL.", e);
        }
        if (v.regionMatches(true, 0, "knime:", 0, 6) && !"knime".equalsIgnoreCase(url.getProtocol())) {
            throw new InvalidSettingsException("\"" + option + "\": " + v + " is a KNIME URL, and this Java has no "
                + "handler for knime: URLs (KNIME installs one); give a local path instead.");
        }
        if ("file".equalsIgnoreCase(url.getProtocol()) && !v.regionMatches(true, 0, "file:", 0, 5)
            && !Path.of(v).isAbsolute()) {
            throw new InvalidSettingsException("\"" + option + "\": \"" + v + "\" is a relative path, which KNIME "
                + "would resolve against its own working folder. Give an absolute path or a KNIME URL such as "
                + "knime://knime.workflow/data/" + Path.of(v).getFileName() + " (the workflow's data folder).");
        }
        Path path;
        try {
            path = FileUtil.resolveToPath(url);
        } catch (IOException | URISyntaxException | RuntimeException e) {
            throw new InvalidSettingsException("\"" + option + "\": cannot resolve " + v + ": " + e.getMessage(), e);
        }
        if (path == null) {
            throw new InvalidSettingsException("\"" + option + "\": " + v + " is not on this machine (it resolves to "
                + "a remote location). Copy the file into the workflow, e.g. knime://knime.workflow/data/, or give "
                + "a local path.");
        }
        return path.toAbsolutePath().normalize();
    }
}
