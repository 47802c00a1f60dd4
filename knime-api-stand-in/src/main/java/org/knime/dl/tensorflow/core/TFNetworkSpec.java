package org.knime.dl.tensorflow.core;

import org.knime.dl.core.DLNetworkSpec;

/** Stand-in of org.knime.dl.tensorflow.core.TFNetworkSpec (knime/knime-tensorflow, bundle org.knime.dl.tensorflow). */
public interface TFNetworkSpec extends DLNetworkSpec {
}
