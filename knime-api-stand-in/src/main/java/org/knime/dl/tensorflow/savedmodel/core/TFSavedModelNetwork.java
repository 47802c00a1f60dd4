package org.knime.dl.tensorflow.savedmodel.core;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

import org.knime.core.data.filestore.FileStore;
import org.knime.dl.core.DLNetworkLocation;
import org.knime.dl.tensorflow.core.TFNetwork;

/**
 * Stand-in of org.knime.dl.tensorflow.savedmodel.core.TFSavedModelNetwork (bundle org.knime.dl.tensorflow). The real
 * {@code getSavedModelInDir} (TFSavedModelUtil) also unpacks zips and remote URLs into a temporary folder; this
 * stand-in handles local folders, the case of the reader's "copy" mode (a file store holds the folder).
 */
public class TFSavedModelNetwork implements TFNetwork {

    private final TFSavedModelNetworkSpec m_spec;

    private final DLNetworkLocation m_source;

    protected TFSavedModelNetwork(final TFSavedModelNetworkSpec spec, final DLNetworkLocation source) {
        m_spec = spec;
        m_source = source;
    }

    @Override
    public TFSavedModelNetworkSpec getSpec() {
        return m_spec;
    }

    @Override
    public DLNetworkLocation getSource() {
        return m_source;
    }

    public File getSavedModelInDir() throws IOException {
        File dir = new File(m_source.getURI());
        if (!new File(dir, "saved_model.pb").isFile()) {
            throw new IOException("stand-in: " + dir + " is not a SavedModel folder");
        }
        return dir;
    }

    /** As the real TFSavedModelUtil: only saved_model.pb, variables/ and assets/ are copied. */
    @Override
    public void copyFilesToFileStore(final FileStore fileStore) throws IOException {
        Path from = getSavedModelInDir().toPath(), to = fileStore.getFile().toPath();
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String rel = from.relativize(f).toString().replace(File.separatorChar, '/');
                if (rel.equals("saved_model.pb") || rel.startsWith("variables/") || rel.startsWith("assets/")) {
                    Files.createDirectories(to.resolve(rel).getParent());
                    Files.copy(f, to.resolve(rel), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
