package org.knime.deepclem.realknime.workflows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.NodeSettings;

/**
 * The rules {@link ThirdPartyNode} derives from knime-base's and KNIP's source catch what those nodes would refuse
 * or misread, among them the three values the example workflows stored until they were checked against that source:
 * the reader's metadata mode as the enum constant, Table Creator cells column by column, and the writer format by
 * SCIFIO's display name.
 */
class ThirdPartySettingsTest {

    private static void assertProblem(final List<String> problems, final String part) {
        assertTrue(problems.stream().anyMatch(p -> p.contains(part)), "no problem with \"" + part + "\" in " + problems);
    }

    @Test
    void theReaderTakesTheMetadataModesDisplayNameNotTheEnumConstant() {
        NodeSettings m = ImageReaderTableNode.settings("EM file", " EM");
        assertEquals(List.of(), ImageReaderTableNode.INSTANCE.problems(m));
        m.addString("metadata_mode", "NO_METADATA");
        assertProblem(ImageReaderTableNode.INSTANCE.problems(m), "metadata_mode = \"NO_METADATA\"");
        m.addString("metadata_mode", "no METADATA"); // EnumUtils.valueForName ignores case
        assertEquals(List.of(), ImageReaderTableNode.INSTANCE.problems(m));
        m.addString("m_colCreationMode", "append"); // ColumnCreationMode.fromString does not
        assertProblem(ImageReaderTableNode.INSTANCE.problems(m), "m_colCreationMode = \"append\"");
    }

    @Test
    void theReaderNeedsEveryKeyItsSettingsModelsValidate() {
        NodeSettings m = ImageReaderTableNode.settings("EM file", " EM");
        m.removeConfig("plane_selection");
        assertProblem(ImageReaderTableNode.INSTANCE.problems(m), "plane_selection");
        NodeSettings n = ImageReaderTableNode.settings("EM file", " EM");
        n.removeConfig("filename_column");
        assertProblem(ImageReaderTableNode.INSTANCE.problems(n), "filename_column");
        NodeSettings disabled = ImageReaderTableNode.settings("EM file", " EM");
        disabled.removeConfig("series_range_selection"); // disabled in KNIP: not required
        assertEquals(List.of(), ImageReaderTableNode.INSTANCE.problems(disabled));
    }

    @Test
    void theReaderAppendsImagePlusSuffixMadeUnique() {
        NodeSettings m = ImageReaderTableNode.settings("EM file", " EM");
        DataTableSpec spec = new DataTableSpec(new DataColumnSpecCreator("EM file", StringCell.TYPE).createSpec());
        assertEquals("Image EM", ImageReaderTableNode.appendedColumn(m, spec));
        DataTableSpec taken = new DataTableSpec(new DataColumnSpecCreator("Image EM", StringCell.TYPE).createSpec());
        assertEquals("Image EM (#1)", ImageReaderTableNode.appendedColumn(m, taken));
    }

    @Test
    void theTableCreatorLosesCellsStoredColumnByColumn() throws Exception {
        List<String> columns = List.of("EM file", "Chromatin file");
        List<List<String>> rows = List.of(List.of("a1", "b1"), List.of("a2", "b2"), List.of("a3", "b3"));
        NodeSettings rowMajor = TableCreatorNode.settings(columns, rows);
        assertEquals(List.of(), TableCreatorNode.INSTANCE.problems(rowMajor));
        assertEquals(rows, TableCreatorNode.table(rowMajor).rows());
        assertEquals(List.of("Row0", "Row1", "Row2"), TableCreatorNode.table(rowMajor).rowIds());

        NodeSettings columnMajor = TableCreatorNode.settings(columns, new int[]{0, 1, 2, 0, 1, 2},
            new int[]{0, 0, 0, 1, 1, 1}, new String[]{"a1", "a2", "a3", "b1", "b2", "b3"});
        assertProblem(TableCreatorNode.INSTANCE.problems(columnMajor), "row by row");
        assertEquals(List.of(Arrays.asList("a1", null), Arrays.asList("a2", null), Arrays.asList("a3", null)),
            TableCreatorNode.table(columnMajor).rows(), "what TableCreator2 makes of it: the second column is lost");

        NodeSettings noProperties = TableCreatorNode.settings(columns, rows);
        noProperties.removeConfig("columnProperties");
        assertProblem(TableCreatorNode.INSTANCE.problems(noProperties), "columnProperties");
    }

    @Test
    void theWriterKnowsTiffByScifiosClassNameAndSuffix() {
        NodeSettings m = ImageWriterNode.settings("knime://knime.workflow/output", "Image");
        assertEquals(List.of(), ImageWriterNode.INSTANCE.problems(m));
        m.addString("format_key", "Tagged Image File Format");
        assertProblem(ImageWriterNode.INSTANCE.problems(m), "format_key = \"Tagged Image File Format\"");
        NodeSettings older = ImageWriterNode.settings("out", "Image");
        older.removeConfig("absolutePathsInFilename"); // new in KNIP 1.4.0, read in a try/catch
        assertEquals(List.of(), ImageWriterNode.INSTANCE.problems(older));
        NodeSettings empty = ImageWriterNode.settings("", "Image");
        assertProblem(ImageWriterNode.INSTANCE.problems(empty), "Output directory must not be empty!");
        NodeSettings mapping = ImageWriterNode.settings("out", "Image");
        mapping.addString("z_dim_mapping_key", "Channel");
        assertProblem(ImageWriterNode.INSTANCE.problems(mapping), "repeat a label");
    }

    @Test
    void theViewerNeedsItsThumbnailSize() {
        NodeSettings m = ImageViewerNode.settings();
        assertEquals(List.of(), ImageViewerNode.INSTANCE.problems(m));
        m.removeConfig("thumbnail-size");
        assertProblem(ImageViewerNode.INSTANCE.problems(m), "thumbnail-size");
    }
}
