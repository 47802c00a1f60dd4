package org.knime.deepclem.nodes.learn;

import org.knime.core.node.NodeDialogPane;
import org.knime.deepclem.nodes.common.NoViewNodeFactory;

/** Factory of the "CLEM Network Learner" node: registered pairs to a trained virtual-chromatin model. */
public final class ClemNetworkLearnerNodeFactory extends NoViewNodeFactory<ClemNetworkLearnerNodeModel> {

    @Override
    public ClemNetworkLearnerNodeModel createNodeModel() {
        return new ClemNetworkLearnerNodeModel();
    }

    @Override
    protected NodeDialogPane createNodeDialogPane() {
        return new ClemNetworkLearnerNodeDialog();
    }
}
