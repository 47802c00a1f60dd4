package org.knime.dl.tensorflow.core;

import java.io.IOException;

import org.knime.core.data.filestore.FileStore;
import org.knime.dl.core.DLExternalNetwork;

/** Stand-in of org.knime.dl.tensorflow.core.TFNetwork (bundle org.knime.dl.tensorflow). */
public interface TFNetwork extends DLExternalNetwork {

    @Override
    TFNetworkSpec getSpec();

    void copyFilesToFileStore(FileStore fileStore) throws IOException;
}
