package org.knime.deepclem.nodes.register;

import org.knime.core.node.NodeDialogPane;
import org.knime.deepclem.nodes.common.NoViewNodeFactory;

/** Factory of the "CLEM Registration" node: chromatin pairs to transforms, registered chromatin and overlays. */
public final class ClemRegistrationNodeFactory extends NoViewNodeFactory<ClemRegistrationNodeModel> {

    @Override
    public ClemRegistrationNodeModel createNodeModel() {
        return new ClemRegistrationNodeModel();
    }

    @Override
    protected NodeDialogPane createNodeDialogPane() {
        return new ClemRegistrationNodeDialog();
    }
}
