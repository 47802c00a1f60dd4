package org.knime.deepclem.nodes.preprocess;

import org.knime.core.node.NodeDialogPane;
import org.knime.deepclem.nodes.common.NoViewNodeFactory;

/** Factory of the "EM Preprocessor" node: image column to preprocessed image column. */
public final class EmPreprocessorNodeFactory extends NoViewNodeFactory<EmPreprocessorNodeModel> {

    @Override
    public EmPreprocessorNodeModel createNodeModel() {
        return new EmPreprocessorNodeModel();
    }

    @Override
    protected NodeDialogPane createNodeDialogPane() {
        return new EmPreprocessorNodeDialog();
    }
}
