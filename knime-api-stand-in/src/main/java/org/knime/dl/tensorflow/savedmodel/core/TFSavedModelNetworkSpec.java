package org.knime.dl.tensorflow.savedmodel.core;

import org.knime.core.util.Version;
import org.knime.dl.core.DLNetworkLocation;
import org.knime.dl.core.DLTensorSpec;
import org.knime.dl.tensorflow.core.TFNetwork;
import org.knime.dl.tensorflow.core.TFNetworkSpec;

/**
 * Stand-in of org.knime.dl.tensorflow.savedmodel.core.TFSavedModelNetworkSpec (bundle org.knime.dl.tensorflow): the
 * SavedModel's tags and tensors; the signature key is not kept. (The real constructors also read the bundle's version
 * through OSGi.)
 */
public class TFSavedModelNetworkSpec implements TFNetworkSpec {

    private static final long serialVersionUID = 1L;

    private final Version m_tfVersion;

    private final String[] m_tags;

    public TFSavedModelNetworkSpec(final Version tfVersion, final String[] tags, final DLTensorSpec[] inputSpecs,
        final DLTensorSpec[] hiddenOutputSpecs, final DLTensorSpec[] outputSpecs) {
        m_tfVersion = tfVersion;
        m_tags = tags.clone();
    }

    public String[] getTags() {
        return m_tags.clone();
    }

    public Version getTensorFlowVersion() {
        return m_tfVersion;
    }

    public TFNetwork create(final DLNetworkLocation source) {
        return new TFSavedModelNetwork(this, source);
    }
}
