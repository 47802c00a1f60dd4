package org.knime.dl.core;

import java.io.Serializable;

/** Stand-in of knime-deeplearning's org.knime.dl.core.DLNetworkSpec (bundle org.knime.dl): the network's spec. */
public interface DLNetworkSpec extends Serializable {
}
