package org.knime.deepclem.nodes.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeHarness;
import org.knime.core.node.NodeSettings;
import org.knime.deepclem.engine.image.Planes;
import org.knime.deepclem.engine.io.ChannelSelection;
import org.knime.deepclem.engine.io.ImageFiles;
import org.knime.deepclem.engine.io.LoadedImage;
import org.knime.deepclem.engine.preprocess.EmPreprocessing;
import org.knime.deepclem.nodes.TestImages;
import org.knime.knip.base.data.img.ImgPlusCell;
import org.knime.knip.base.data.img.ImgPlusValue;

class EmPreprocessorNodeModelTest {

    private static final DataTableSpec SPEC = new DataTableSpec(
        new DataColumnSpecCreator("Name", StringCell.TYPE).createSpec(),
        new DataColumnSpecCreator("EM", ImgPlusCell.TYPE).createSpec());

    private static NodeHarness node() {
        return new NodeHarness(new EmPreprocessorNodeFactory());
    }

    @Test
    void configureAppendsOrReplacesAnImageColumn() throws Exception {
        NodeHarness h = node();
        DataTableSpec out = h.configure(SPEC)[0];
        assertEquals(3, out.getNumColumns());
        assertEquals("Preprocessed", out.getColumnSpec(2).getName());
        assertEquals(ImgPlusCell.TYPE, out.getColumnSpec(2).getType());
        assertEquals("EM", h.saveSettings().getString(EmPreprocessorSettings.IMAGE_COLUMN), "auto-selected");

        h.editSettings(s -> s.addString(EmPreprocessorSettings.COLUMN_MODE, "Replace"));
        out = h.configure(SPEC)[0];
        assertEquals(2, out.getNumColumns());
        assertEquals("EM", out.getColumnSpec(1).getName());
    }

    @Test
    void badColumnsAndSettingsAreRefusedWithClearMessages() throws Exception {
        NodeHarness h = node();
        h.editSettings(s -> s.addString(EmPreprocessorSettings.IMAGE_COLUMN, "Nope"));
        var e = assertThrows(InvalidSettingsException.class, () -> h.configure(SPEC));
        assertTrue(e.getMessage().contains("\"Nope\" is not in the input table") && e.getMessage().contains("\"EM\""),
            e.getMessage());

        h.editSettings(s -> s.addString(EmPreprocessorSettings.IMAGE_COLUMN, "Name"));
        e = assertThrows(InvalidSettingsException.class, () -> h.configure(SPEC));
        assertTrue(e.getMessage().contains("holds String, not image"), e.getMessage());

        DataTableSpec noImages = new DataTableSpec(new DataColumnSpecCreator("Name", StringCell.TYPE).createSpec());
        NodeHarness fresh = node();
        e = assertThrows(InvalidSettingsException.class, () -> fresh.configure(noImages));
        assertTrue(e.getMessage().contains("has no image"), e.getMessage());

        h.editSettings(s -> {
            s.addString(EmPreprocessorSettings.IMAGE_COLUMN, "EM");
            s.addString(EmPreprocessorSettings.OUTPUT_COLUMN, "Name");
        });
        e = assertThrows(InvalidSettingsException.class, () -> h.configure(SPEC));
        assertTrue(e.getMessage().contains("already has a column \"Name\""), e.getMessage());
        NodeSettings bad = h.saveSettings();
        bad.addBoolean(EmPreprocessorSettings.NORMALIZE, true);
        bad.addDouble(EmPreprocessorSettings.PMIN, 99.9);
        e = assertThrows(InvalidSettingsException.class, () -> h.loadSettings(bad));
        assertTrue(e.getMessage().contains("percentiles must satisfy"), e.getMessage());

        NodeSettings badChannel = h.saveSettings();
        badChannel.addString(EmPreprocessorSettings.CHANNEL, "purple");
        e = assertThrows(InvalidSettingsException.class, () -> h.loadSettings(badChannel));
        assertTrue(e.getMessage().startsWith("\"Channel\": unknown channel 'purple'"), e.getMessage());

        NodeSettings outOfRange = h.saveSettings();
        outOfRange.addDouble(EmPreprocessorSettings.SCALE, 99.0);
        e = assertThrows(InvalidSettingsException.class, () -> h.loadSettings(outOfRange));
        assertTrue(e.getMessage().contains("Scale factor"), e.getMessage());

        NodeSettings missingKey = new NodeSettings("model");
        e = assertThrows(InvalidSettingsException.class, () -> h.loadSettings(missingKey));
        assertTrue(e.getMessage().contains("image_column"), e.getMessage());
    }

    @Test
    void settingsSurviveSaveAndLoadAndTheDialog() throws Exception {
        NodeHarness h = node();
        h.editSettings(s -> {
            s.addString(EmPreprocessorSettings.IMAGE_COLUMN, "EM");
            s.addString(EmPreprocessorSettings.COLUMN_MODE, "Replace");
            s.addString(EmPreprocessorSettings.CHANNEL, "blue");
            s.addString(EmPreprocessorSettings.EQUALIZE, "clahe");
            s.addDouble(EmPreprocessorSettings.SCALE, 0.25);
            s.addDouble(EmPreprocessorSettings.PMAX, 99.0);
        });
        NodeSettings saved = h.saveSettings();
        NodeHarness other = node();
        other.loadSettings(saved);
        assertEquals(saved.toString(), other.saveSettings().toString());
        assertEquals(0.25, other.saveSettings().getDouble(EmPreprocessorSettings.SCALE));
        assertEquals(saved.toString(), h.dialogRoundTrip(saved, SPEC).toString());
    }

    @Test
    void executeMatchesTheEnginePipelineOnTheDemoEm() throws Exception {
        ImgPlusCell<?> em = TestImages.png(TestImages.example("EM.png"));
        BufferedDataTable in = NodeHarness.table(SPEC, List.of(new DefaultRow("r0", new StringCell("em"), em),
            new DefaultRow("r1", new StringCell("none"), DataType.getMissingCell())));
        NodeHarness h = node();
        h.editSettings(s -> s.addDouble(EmPreprocessorSettings.SCALE, 0.5));
        BufferedDataTable out = h.execute(in)[0];
        List<DataRow> rows = rows(out);
        ImgPlusValue<?> result = (ImgPlusValue<?>)rows.get(0).getCell(2);
        assertArrayEquals(new long[]{501, 265}, result.getDimensions());

        // the engine on the file itself: read, auto channel (gray), DeepCLEM preprocessing at half size
        LoadedImage file = ImageFiles.read(TestImages.example("EM.png"));
        float[] expected =
            Planes.asArray(EmPreprocessing.DEEPCLEM.withScale(0.5).apply(file.select(ChannelSelection.AUTO), 8));
        assertArrayEquals(expected, Planes.copy(result.getImgPlus()), 0f);
        assertTrue(rows.get(1).getCell(2).isMissing(), "missing in, missing out");
        assertEquals(1.0, h.monitor().getProgress(), 1e-9);
    }

    @Test
    void cancelIsHonoured() throws Exception {
        DataCell img = TestImages.synthetic(16, 16, (x, y) -> x * y);
        BufferedDataTable in = NodeHarness.table(SPEC, List.of(new DefaultRow("r0", new StringCell("a"), img),
            new DefaultRow("r1", new StringCell("b"), img), new DefaultRow("r2", new StringCell("c"), img)));
        NodeHarness h = node().withMonitor(new NodeHarness.CancelingMonitor(1));
        assertThrows(CanceledExecutionException.class, () -> h.execute(in));
    }

    private static List<DataRow> rows(final BufferedDataTable t) {
        List<DataRow> rows = new java.util.ArrayList<>();
        t.forEach(rows::add);
        return rows;
    }
}
