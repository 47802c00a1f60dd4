package org.knime.deepclem.nodes.predict;

import org.knime.core.node.NodeDialogPane;
import org.knime.deepclem.nodes.common.NoViewNodeFactory;

/** Factory of the "Virtual Chromatin Predictor" node: EM image column to virtual chromatin column. */
public final class VirtualChromatinPredictorNodeFactory extends NoViewNodeFactory<VirtualChromatinPredictorNodeModel> {

    @Override
    public VirtualChromatinPredictorNodeModel createNodeModel() {
        return new VirtualChromatinPredictorNodeModel();
    }

    @Override
    protected NodeDialogPane createNodeDialogPane() {
        return new VirtualChromatinPredictorNodeDialog();
    }
}
