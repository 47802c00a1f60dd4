package org.knime.deepclem.realknime.workflows;

import java.util.List;

import org.knime.core.node.NodeSettings;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.defaultnodesettings.SettingsModelInteger;

/** KNIP's "Image Viewer" (the table cell viewer): shows the images of its input table. */
final class ImageViewerNode extends ThirdPartyNode {

    static final ImageViewerNode INSTANCE = new ImageViewerNode();

    private static final String MODEL =
        KNIP + "org.knime.knip.base/src/org/knime/knip/base/nodes/view/TableCellViewNodeModel.java";

    /** TableCellViewNodeFactory extends DynamicNodeFactory (TableCellViewNodeFactory.java l.69): parameterized. */
    private ImageViewerNode() {
        super("org.knime.knip.base.nodes.view.TableCellViewNodeFactory", "Image Viewer", Origin.KNIP_BASE, 1, 0, true);
    }



    /** Its only setting, the thumbnail size (TableCellViewNodeModel l.145-156, default 150). */
    private static SettingsModelInteger thumbnailSize() {
        return new SettingsModelInteger("thumbnail-size", 150);
    }

    static NodeSettings settings() {
        NodeSettings model = new NodeSettings("model");
        thumbnailSize().saveSettingsTo(model);
        return model;
    }

    @Override
    List<String> problems(final NodeSettingsRO model) {
        Problems p = new Problems();
        p.accept(thumbnailSize(), model, MODEL + " l.225, l.274");
        return p.list();
    }
}
