package org.knime.dl.core;

/** Stand-in of org.knime.dl.core.DLTensorSpec (bundle org.knime.dl); no member is used here. */
public interface DLTensorSpec {
}
