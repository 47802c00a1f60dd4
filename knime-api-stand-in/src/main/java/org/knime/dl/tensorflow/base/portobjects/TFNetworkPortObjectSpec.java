package org.knime.dl.tensorflow.base.portobjects;

import org.knime.dl.base.portobjects.DLAbstractNetworkPortObjectSpec;
import org.knime.dl.tensorflow.core.TFNetwork;
import org.knime.dl.tensorflow.core.TFNetworkSpec;

/** Stand-in of org.knime.dl.tensorflow.base.portobjects.TFNetworkPortObjectSpec (bundle org.knime.dl.tensorflow). */
public final class TFNetworkPortObjectSpec extends DLAbstractNetworkPortObjectSpec<TFNetworkSpec> {

    public TFNetworkPortObjectSpec(final TFNetworkSpec spec, final Class<? extends TFNetwork> type) {
        super(spec, type);
    }
}
