package org.knime.deepclem.realknime.workflows;

import java.util.List;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.defaultnodesettings.SettingsModel;
import org.knime.core.node.defaultnodesettings.SettingsModelBoolean;
import org.knime.core.node.defaultnodesettings.SettingsModelColumnName;
import org.knime.core.node.defaultnodesettings.SettingsModelInteger;
import org.knime.core.node.defaultnodesettings.SettingsModelString;

/** KNIP's "Image Writer" (imgwriter2): one image file per row, named by the row ID, into a folder. */
final class ImageWriterNode extends ThirdPartyNode {

    static final ImageWriterNode INSTANCE = new ImageWriterNode();

    private static final String DIR = KNIP + "org.knime.knip.io/src/org/knime/knip/io/nodes/imgwriter2/";

    private static final String MODEL = DIR + "ImgWriter2NodeModel.java";

    /**
     * The writer names KNIP offers with SCIFIO 0.37.3: the Format class's simple name without "Format", then its
     * first suffix in brackets (ImgWriter2.java l.119-139), matched exactly at execute (l.182-199). TIFF is
     * io.scif.formats.TIFFFormat, suffixes {"tif", ...}.
     */
    static final List<String> FORMATS = List.of("TIFF (tif)", "APNG (png)", "AVI (avi)", "EPS (eps)", "ICS (ics)",
        "JPEG2000 (jp2)", "JPEG (jpg)", "Java (java)", "LegacyQT (mov)", "NativeQT (mov)");

    /** SCIFIO's TIFF compression types (io.scif.codec.CompressionType); "" also means uncompressed. */
    static final List<String> TIFF_COMPRESSIONS = List.of("", "Uncompressed", "LZW", "JPEG-2000", "JPEG-2000 Lossy",
        "JPEG");

    private ImageWriterNode() {
        super("org.knime.knip.io.nodes.imgwriter2.ImgWriter2NodeFactory", "Image Writer", Origin.KNIP_IO, 1, 0, false);
    }


    /**
     * The node's settings models in KNIP's order (ImgWriter2NodeModel l.161-180, keys and defaults from
     * ImgWriter2SettingsModels.java; the custom file name starts disabled; write_sequential_key is not among them);
     * the directory's own check refuses an empty value (ImgWriter2SettingsModels l.31-43).
     */
    private static List<SettingsModel> models(final String directory, final String imageColumn) {
        SettingsModelString directoryModel = new SettingsModelString("directory_key", directory) {
            @Override
            protected void validateSettingsForModel(final NodeSettingsRO settings) throws InvalidSettingsException {
                if (settings.getString("directory_key").equals("")) {
                    throw new InvalidSettingsException("Output directory must not be empty!");
                }
                super.validateSettingsForModel(settings);
            }
        };
        SettingsModelColumnName fileName = new SettingsModelColumnName("columnname_key", "");
        fileName.setSelection(null, true); // files named by row ID
        SettingsModelString customName = new SettingsModelString("custom_filename_key", "image_");
        customName.setEnabled(false);
        return List.of(directoryModel, fileName, new SettingsModelString("img_column_key", imageColumn),
            new SettingsModelString("format_key", "TIFF (tif)"),
            new SettingsModelString("compression_key", "Uncompressed"), new SettingsModelBoolean("overwrite_key", true),
            new SettingsModelString("z_dim_mapping_key", "Z"), new SettingsModelString("c_dim_mapping_key", "Channel"),
            new SettingsModelString("t_dim_mapping_key", "Time"), new SettingsModelInteger("framerate_key", 10),
            new SettingsModelBoolean("forceMKDIR_key", true), new SettingsModelBoolean("custom_filename_option_key", false),
            customName, new SettingsModelBoolean("absolutePathsInFilename", false));
    }

    /**
     * Writes each image of {@code imageColumn} as an uncompressed TIFF named by the row ID into {@code directory}
     * (created if missing), replacing the file of an earlier run.
     */
    static NodeSettings settings(final String directory, final String imageColumn) {
        NodeSettings model = new NodeSettings("model");
        models(directory, imageColumn).forEach(m -> m.saveSettingsTo(model));
        return model;
    }

    @Override
    List<String> problems(final NodeSettingsRO model) {
        Problems p = new Problems();
        for (SettingsModel m : models("", "")) { // validate, then load, as the node does (l.467-526)
            boolean optional = m.toString().contains("'absolutePathsInFilename'"); // "new in 1.4.0": try/catch
            if (!optional || model.containsKey("absolutePathsInFilename")) {
                p.accept(m, model, MODEL + " l.467-526; " + DIR + "ImgWriter2SettingsModels.java");
            }
        }
        String format = model.getString("format_key", null);
        p.oneOf("format_key", format, FORMATS, false, "execute fails with \"No writer for selected format\"",
            DIR + "ImgWriter2.java l.119-139, l.182-199");
        if ("TIFF (tif)".equals(format)) {
            p.oneOf("compression_key", model.getString("compression_key", null), TIFF_COMPRESSIONS, false,
                "SCIFIO's TIFF writer does not know it", DIR + "ImgWriter2.java l.345-348");
        }
        List<String> mappings = List.of(model.getString("z_dim_mapping_key", "Z"),
            model.getString("c_dim_mapping_key", "Channel"), model.getString("t_dim_mapping_key", "Time"));
        if (mappings.stream().distinct().count() < 3) {
            p.add("z/c/t_dim_mapping_key " + mappings + " repeat a label: configure throws \"Dimensions must not be "
                + "mapped to the same label!\"", MODEL + " l.222-228");
        }
        return p.list();
    }
}
