package org.knime.deepclem.realknime.workflows;

import java.util.List;

import org.knime.core.data.DataTableSpec;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.defaultnodesettings.SettingsModel;
import org.knime.core.node.defaultnodesettings.SettingsModelBoolean;
import org.knime.core.node.defaultnodesettings.SettingsModelDoubleRange;
import org.knime.core.node.defaultnodesettings.SettingsModelString;

/**
 * KNIP's "Image Reader (Table)": reads the image at the path or URL in a string column (knime:// URLs included) and
 * appends it as column "Image" + suffix.
 */
final class ImageReaderTableNode extends ThirdPartyNode {

    static final ImageReaderTableNode INSTANCE = new ImageReaderTableNode();

    private static final String DIR = KNIP + "org.knime.knip.io/src/org/knime/knip/io/nodes/imgreader2/";

    private static final String ABSTRACT_MODEL = DIR + "AbstractImgReaderNodeModel.java";

    private static final String MODEL = DIR + "readfrominput/ImgReaderTableNodeModel.java";

    /** MetadataMode.java l.10, matched by EnumUtils.valueForName (ignoring case) in configure. */
    static final List<String> METADATA_MODES = List.of("No metadata", "Append a metadata column", "Only metadata");

    /** ColumnCreationMode.java l.4, matched by ColumnCreationMode.fromString (exactly) in configure. */
    static final List<String> COLUMN_CREATION_MODES = List.of("New Table", "Append", "Replace");

    /** AbstractImgReaderNodeModel.IMG_FACTORIES (l.86); any other value silently means the first. */
    static final List<String> IMG_FACTORIES = List.of("Array Image Factory", "Planar Image Factory",
        "Cell Image Factory");

    /** AbstractImgReaderNodeModel.PIXEL_TYPES (l.89-93): KNIP's NativeTypes names and "< Automatic >". */
    static final List<String> PIXEL_TYPES = List.of("BITTYPE", "BYTETYPE", "DOUBLETYPE", "FLOATTYPE", "INTTYPE",
        "LONGTYPE", "SHORTTYPE", "UNSIGNEDSHORTTYPE", "UNSIGNED12BITTYPE", "UNSIGNEDINTTYPE", "UNSIGNEDBYTETYPE",
        "< Automatic >");

    private ImageReaderTableNode() {
        super("org.knime.knip.io.nodes.imgreader2.readfrominput.ImgReaderTableNodeFactory", "Image Reader (Table)",
            Origin.KNIP_IO, 1, 1, false);
    }


    /**
     * The node's settings models in KNIP's order (AbstractImgReaderNodeModel l.206-218, ImgReaderTableNodeModel
     * l.125), with KNIP's keys and defaults; {@code series_range_selection} starts disabled, as there.
     */
    private static List<SettingsModel> models(final String pathColumn, final String suffix) {
        SettingsModelDoubleRange series = new SettingsModelDoubleRange("series_range_selection", 0, Short.MAX_VALUE);
        series.setEnabled(false);
        return List.of(new SettingsModelBoolean("check_file_format", true),
            new SettingsModelBoolean("group_files", true), new PlaneSelectionModel("plane_selection"),
            new SettingsModelString("img_factory", IMG_FACTORIES.get(0)),
            new SettingsModelBoolean("read_all_series", true), series,
            new SettingsModelString("metadata_mode", METADATA_MODES.get(0)),
            new SettingsModelBoolean("read_all_metadata", false), new SettingsModelString("m_pixeltype", "< Automatic >"),
            new SettingsModelString("filename_column", pathColumn), new SettingsModelString("m_colCreationMode", "Append"),
            new SettingsModelString("m_colSuffix", suffix));
    }

    /** Reads the path in {@code pathColumn} and appends the image as "Image" + {@code suffix}; KNIP's defaults else. */
    static NodeSettings settings(final String pathColumn, final String suffix) {
        NodeSettings model = new NodeSettings("model");
        models(pathColumn, suffix).forEach(m -> m.saveSettingsTo(model));
        return model;
    }

    @Override
    List<String> problems(final NodeSettingsRO model) {
        Problems p = new Problems();
        for (SettingsModel m : models("", "")) { // the node's loop: validate, then load (l.265-289)
            p.accept(m, model, ABSTRACT_MODEL + " l.265-289");
        }
        p.oneOf("metadata_mode", model.getString("metadata_mode", null), METADATA_MODES, true,
            "configure throws \"Unknown enum value\"", MODEL + " l.237 getOutspec; knime-ip/knip "
                + "org.knime.knip.core/src/org/knime/knip/core/util/EnumUtils.java l.75-83");
        p.oneOf("m_colCreationMode", model.getString("m_colCreationMode", null), COLUMN_CREATION_MODES, false,
            "configure throws IllegalArgumentException", MODEL + " l.247; " + DIR + "ColumnCreationMode.java l.20-31");
        p.oneOf("m_pixeltype", model.getString("m_pixeltype", null), PIXEL_TYPES, true,
            "every image becomes a missing cell", DIR + "AbstractReadImgFunction.java l.136-155");
        p.oneOf("img_factory", model.getString("img_factory", null), IMG_FACTORIES, false,
            "silently read with the array factory", MODEL + " l.352-358");
        return p.list();
    }

    /** The column the node appends to a table with {@code spec} (ImgReaderTableNodeModel.getOutspec l.265-267). */
    static String appendedColumn(final NodeSettingsRO model, final DataTableSpec spec) {
        return DataTableSpec.getUniqueColumnName(spec, "Image" + model.getString("m_colSuffix", ""));
    }
}
