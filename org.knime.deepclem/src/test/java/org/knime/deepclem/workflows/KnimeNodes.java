package org.knime.deepclem.workflows;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.knime.deepclem.workflows.Workflow.Origin;

/**
 * The KNIME and KNIP nodes the shipped workflows use besides our own: factory class, bundle, port counts, and the
 * settings their {@code saveSettingsTo} writes. The keys and their encodings were read from the public sources named
 * in {@link #source}; KNIME loads a node with missing or ill-typed keys only with a load error, so the workflow
 * check compares every stored model against {@link #requiredKeys}.
 */
public enum KnimeNodes {

    /** Table Creator: the file paths of the image pairs, one row per pair. */
    TABLE_CREATOR("org.knime.base.node.io.tablecreator.TableCreator2NodeFactory", "Table Creator", Bundles.KNIME_BASE,
        0, 1, "knime/knime-core org.knime.core.workflow.tests/.../enhAP22429_WorkflowLoggingTest/Table Creator (#2)/"
            + "settings.xml (AP 5.3)",
        List.of("rowIndices", "columnIndices", "values", "rowIdPrefix", "rowIdSuffix", "rowIdStartValue",
            "highlightOutputTable", "columnProperties")),

    /** KNIP Image Reader (Table): reads the image whose path is in a string column and appends it. */
    IMAGE_READER_TABLE("org.knime.knip.io.nodes.imgreader2.readfrominput.ImgReaderTableNodeFactory",
        "Image Reader (Table)", Bundles.KNIP_IO, 1, 1,
        "knime-ip/knip org.knime.knip.io/src/org/knime/knip/io/nodes/imgreader2/AbstractImgReaderNodeModel.java and "
            + "readfrominput/ImgReaderTableNodeModel.java; SettingsModelSubsetSelection2 (org.knime.knip.base), "
            + "SettingsModelDoubleRange (knime-core)",
        List.of("check_file_format", "group_files", "plane_selection", "img_factory", "read_all_series",
            "series_range_selection", "metadata_mode", "read_all_metadata", "m_pixeltype", "filename_column",
            "m_colCreationMode", "m_colSuffix")),

    /** KNIP Image Writer. */
    IMAGE_WRITER("org.knime.knip.io.nodes.imgwriter2.ImgWriter2NodeFactory", "Image Writer", Bundles.KNIP_IO, 1, 0,
        "knime-ip/knip org.knime.knip.io/src/org/knime/knip/io/nodes/imgwriter2/ImgWriter2NodeModel.java and "
            + "ImgWriter2SettingsModels.java",
        List.of("directory_key", "columnname_key", "img_column_key", "format_key", "compression_key",
            "overwrite_key", "z_dim_mapping_key", "c_dim_mapping_key", "t_dim_mapping_key", "framerate_key",
            "forceMKDIR_key", "custom_filename_option_key", "custom_filename_key")),

    /** KNIP Image Viewer (table cell viewer). */
    IMAGE_VIEWER("org.knime.knip.base.nodes.view.TableCellViewNodeFactory", "Image Viewer", Bundles.KNIP_BASE, 1, 0,
        "knime-ip/knip org.knime.knip.base/src/org/knime/knip/base/nodes/view/TableCellViewNodeModel.java",
        List.of("thumbnail-size"));

    private final String m_factory;

    private final String m_name;

    private final Origin m_origin;

    private final int m_in;

    private final int m_out;

    private final String m_source;

    private final List<String> m_requiredKeys;

    KnimeNodes(final String factory, final String name, final Origin origin, final int in, final int out,
        final String source, final List<String> requiredKeys) {
        m_factory = factory;
        m_name = name;
        m_origin = origin;
        m_in = in;
        m_out = out;
        m_source = source;
        m_requiredKeys = requiredKeys;
    }

    public String factory() {
        return m_factory;
    }

    public String nodeName() {
        return m_name;
    }

    public Origin origin() {
        return m_origin;
    }

    public int nrInPorts() {
        return m_in;
    }

    public int nrOutPorts() {
        return m_out;
    }

    /** Where the factory name, ports and settings keys were checked. */
    public String source() {
        return m_source;
    }

    /** The model keys the node's loadValidatedSettingsFrom reads without default. */
    public List<String> requiredKeys() {
        return m_requiredKeys;
    }

    private static final Map<String, KnimeNodes> BY_FACTORY =
        java.util.Arrays.stream(values()).collect(Collectors.toMap(KnimeNodes::factory, Function.identity()));

    /** The catalog entry of a factory class, or null. */
    public static KnimeNodes byFactory(final String factory) {
        return BY_FACTORY.get(factory);
    }

    // ----------------------------------------------------------------------------------- settings builders

    /** Table Creator settings: string columns, one row per entry of {@code rows}. Row IDs Row0, Row1, ... */
    public static KnimeConfig tableCreator(final List<String> columns, final List<List<String>> rows) {
        KnimeConfig m = new KnimeConfig("model");
        int cells = columns.size() * rows.size();
        int[] rowIdx = new int[cells], colIdx = new int[cells];
        String[] values = new String[cells];
        int i = 0;
        for (int c = 0; c < columns.size(); c++) { // column-major, as the Table Creator dialog stores it
            for (int r = 0; r < rows.size(); r++) {
                rowIdx[i] = r;
                colIdx[i] = c;
                values[i++] = rows.get(r).get(c);
            }
        }
        m.ints("rowIndices", rowIdx).ints("columnIndices", colIdx).strings("values", values);
        m.string("rowIdPrefix", "Row").string("rowIdSuffix", "").integer("rowIdStartValue", 0)
            .bool("highlightOutputTable", false);
        KnimeConfig props = m.config("columnProperties");
        for (int c = 0; c < columns.size(); c++) {
            KnimeConfig p = props.config(Integer.toString(c));
            p.bool("UserSetValues", false).string("MissValuePattern", "").string("FormatParameter", null)
                .bool("ReadPossValsFromFile", false).bool("SkipThisColumn", false).string("ColumnName", columns.get(c));
            p.config("ColumnClass").string("cell_class", "org.knime.core.data.def.StringCell").bool("is_null", false);
        }
        return m;
    }

    /** Image Reader (Table): reads the path in {@code pathColumn}, appends column "Image" + suffix. */
    public static KnimeConfig imageReaderTable(final String pathColumn, final String suffix) {
        KnimeConfig m = new KnimeConfig("model");
        m.bool("check_file_format", true).bool("group_files", true);
        m.config("plane_selection").integer("num_selected_dims", 0); // nothing restricted: all planes
        m.string("img_factory", "Array Image Factory").bool("read_all_series", true);
        m.config("series_range_selection").decimal("MIN", 0).decimal("MAX", Short.MAX_VALUE);
        m.integer("series_selection", 0); // older KNIP versions read this instead of the range
        m.string("metadata_mode", "NO_METADATA").bool("read_all_metadata", false).string("m_pixeltype", "< Automatic >");
        m.string("filename_column", pathColumn).string("m_colCreationMode", "Append").string("m_colSuffix", suffix);
        return m;
    }

    /** The column name the Image Reader (Table) appends for a suffix. */
    public static String imageReaderColumn(final String suffix) {
        return "Image" + suffix;
    }

    /** Image Writer: one TIFF per row of {@code imageColumn}, named by the row ID, into {@code directory}. */
    public static KnimeConfig imageWriter(final String directory, final String imageColumn) {
        KnimeConfig m = new KnimeConfig("model");
        m.string("directory_key", directory);
        m.config("columnname_key").string("columnName", null).bool("useRowID", true);
        m.string("img_column_key", imageColumn).string("format_key", "Tagged Image File Format")
            .string("compression_key", "Uncompressed").bool("overwrite_key", true).string("z_dim_mapping_key", "Z")
            .string("c_dim_mapping_key", "Channel").string("t_dim_mapping_key", "Time").integer("framerate_key", 10)
            .bool("forceMKDIR_key", true).bool("custom_filename_option_key", false).string("custom_filename_key", "")
            .bool("write_sequential_key", true);
        return m;
    }

    /** Image Viewer. */
    public static KnimeConfig imageViewer() {
        return new KnimeConfig("model").integer("thumbnail-size", 150);
    }

    /** Bundle and feature keys as KNIME AP 5.4 with KNIP 1.8 writes them. */
    static final class Bundles {

        static final Origin KNIME_BASE = new Origin("org.knime.base", "KNIME Base Nodes",
            "KNIME AG, Zurich, Switzerland", "5.4.0", "org.knime.features.base.feature.group", "KNIME Base nodes",
            "5.4.0");

        static final Origin KNIP_IO = new Origin("org.knime.knip.io", "KNIME Image IO", "University of Konstanz",
            "1.8.3", "org.knime.knip.feature.feature.group", "KNIME Image Processing", "1.8.3");

        static final Origin KNIP_BASE = new Origin("org.knime.knip.base", "KNIME Image Types and Nodes",
            "University of Konstanz", "1.8.3", "org.knime.knip.feature.feature.group", "KNIME Image Processing",
            "1.8.3");

        static final Origin DEEPCLEM = new Origin("org.knime.deepclem", "DeepCLEM for KNIME",
            "DeepCLEM for KNIME contributors", "1.0.0", "org.knime.deepclem.feature.feature.group",
            "DeepCLEM for KNIME", "1.0.0");

        private Bundles() {
        }
    }
}
