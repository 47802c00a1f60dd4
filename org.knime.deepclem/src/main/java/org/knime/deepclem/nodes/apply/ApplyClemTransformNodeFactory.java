package org.knime.deepclem.nodes.apply;

import org.knime.core.node.NodeDialogPane;
import org.knime.deepclem.nodes.common.NoViewNodeFactory;

/** Factory of the "Apply CLEM Transform" node: images + transform table to images in the EM frame. */
public final class ApplyClemTransformNodeFactory extends NoViewNodeFactory<ApplyClemTransformNodeModel> {

    @Override
    public ApplyClemTransformNodeModel createNodeModel() {
        return new ApplyClemTransformNodeModel();
    }

    @Override
    protected NodeDialogPane createNodeDialogPane() {
        return new ApplyClemTransformNodeDialog();
    }
}
