package org.knime.deepclem.nodes.apply;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeHarness;
import org.knime.core.node.NodeSettings;
import org.knime.deepclem.engine.geometry.Affine2D;
import org.knime.deepclem.engine.image.Planes;
import org.knime.deepclem.engine.transform.Interpolation;
import org.knime.deepclem.engine.transform.Warp;
import org.knime.deepclem.nodes.TestImages;
import org.knime.deepclem.nodes.common.TransformColumns;
import org.knime.knip.base.data.img.ImgPlusCell;
import org.knime.knip.base.data.img.ImgPlusValue;

class ApplyClemTransformNodeModelTest {

    private static final DataTableSpec IMAGES = new DataTableSpec(
        new DataColumnSpecCreator("EM", ImgPlusCell.TYPE).createSpec(),
        new DataColumnSpecCreator("Signal", ImgPlusCell.TYPE).createSpec(),
        new DataColumnSpecCreator("Name", StringCell.TYPE).createSpec());

    private static final DataTableSpec TRANSFORMS = new DataTableSpec(new String[]{"a", "b", "tx", "c", "d", "ty",
        "verdict"}, new DataType[]{DoubleCell.TYPE, DoubleCell.TYPE, DoubleCell.TYPE, DoubleCell.TYPE, DoubleCell.TYPE,
            DoubleCell.TYPE, StringCell.TYPE});

    private static DataRow transformRow(final String key, final Affine2D t, final String verdict) {
        double[] m = t.toRowMajor();
        return new DefaultRow(key, new DoubleCell(m[0]), new DoubleCell(m[1]), new DoubleCell(m[2]),
            new DoubleCell(m[3]), new DoubleCell(m[4]), new DoubleCell(m[5]), new StringCell(verdict));
    }

    private static NodeHarness node() {
        return new NodeHarness(new ApplyClemTransformNodeFactory());
    }

    @Test
    void configureAppendsOneColumnPerImageColumn() throws Exception {
        NodeHarness h = node();
        h.editSettings(s -> s.addString(ApplyClemTransformSettings.REFERENCE_COLUMN, "EM"));
        DataTableSpec out = h.configure(IMAGES, TRANSFORMS)[0];
        assertEquals(4, out.getNumColumns(), "all image columns but the reference: Signal");
        assertEquals("Signal (EM frame)", out.getColumnSpec(3).getName());
        assertEquals(ImgPlusCell.TYPE, out.getColumnSpec(3).getType());

        h.editSettings(s -> {
            s.getConfig(ApplyClemTransformSettings.IMAGE_COLUMNS).addStringArray("InclList", "Signal", "EM");
            s.addString(ApplyClemTransformSettings.COLUMN_MODE, "Replace");
        });
        out = h.configure(IMAGES, TRANSFORMS)[0];
        assertEquals(IMAGES, out);
    }

    @Test
    void badColumnsAndTransformTablesAreRefused() throws Exception {
        NodeHarness h = node();
        h.editSettings(s -> s.getConfig(ApplyClemTransformSettings.IMAGE_COLUMNS).addStringArray("InclList", "Name"));
        var e = assertThrows(InvalidSettingsException.class, () -> h.configure(IMAGES, TRANSFORMS));
        assertTrue(e.getMessage().contains("\"Name\" is not an image column"), e.getMessage());

        NodeHarness h2 = node();
        DataTableSpec noTy = new DataTableSpec(new String[]{"a", "b", "tx", "c", "d"},
            new DataType[]{DoubleCell.TYPE, DoubleCell.TYPE, DoubleCell.TYPE, DoubleCell.TYPE, DoubleCell.TYPE});
        e = assertThrows(InvalidSettingsException.class, () -> h2.configure(IMAGES, noTy));
        assertTrue(e.getMessage().contains("column \"ty\" is missing"), e.getMessage());

        NodeSettings bad = h2.saveSettings();
        bad.addString(ApplyClemTransformSettings.INTERPOLATION, "sinc");
        e = assertThrows(InvalidSettingsException.class, () -> h2.loadSettings(bad));
        assertTrue(e.getMessage().contains("\"Interpolation\": unknown interpolation 'sinc'"), e.getMessage());
    }

    @Test
    void settingsSurviveSaveLoadAndDialog() throws Exception {
        NodeHarness h = node();
        h.editSettings(s -> {
            s.getConfig(ApplyClemTransformSettings.IMAGE_COLUMNS).addStringArray("InclList", "Signal");
            s.addString(ApplyClemTransformSettings.TRANSFORM_MODE, ApplyClemTransformSettings.ONE_FOR_ALL);
            s.addString(ApplyClemTransformSettings.SIZE_MODE, ApplyClemTransformSettings.EXPLICIT);
            s.addInt(ApplyClemTransformSettings.WIDTH, 77);
            s.addString(ApplyClemTransformSettings.REFERENCE_COLUMN, "EM");
            s.addString(ApplyClemTransformSettings.INTERPOLATION, "cubic");
        });
        NodeSettings saved = h.saveSettings();
        NodeHarness other = node();
        other.loadSettings(saved);
        assertEquals(saved.toString(), other.saveSettings().toString());
        assertEquals(77, other.saveSettings().getInt(ApplyClemTransformSettings.WIDTH));
        assertEquals(saved.toString(), h.dialogRoundTrip(saved, IMAGES, TRANSFORMS).toString());
    }

    @Test
    void executeWarpsLikeTheEngineAndHonoursRowIdsAndVerdicts() throws Exception {
        // a calibrated reference (5 nm): the warped images share its grid and so its calibration
        var emImg = new net.imagej.ImgPlus<>(net.imglib2.img.array.ArrayImgs.floats(40, 30), "EM",
            new net.imagej.axis.AxisType[]{net.imagej.axis.Axes.X, net.imagej.axis.Axes.Y});
        org.knime.deepclem.nodes.common.ImageCalibrations.calibrate(emImg,
            org.knime.deepclem.engine.io.PixelSize.parse("5nm"));
        ImgPlusCell<?> em =
            new org.knime.knip.base.data.img.ImgPlusCellFactory(NodeHarness.executionContext()).createCell(emImg);
        ImgPlusCell<?> signal = TestImages.synthetic(50, 50, (x, y) -> (x * 7 + y * 3) % 50);
        Affine2D t = Affine2D.similarity(1.2, Math.toRadians(10), 3.5, -2);
        BufferedDataTable images = NodeHarness.table(IMAGES, List.of(
            new DefaultRow("r0", em, signal, new StringCell("ok")),
            new DefaultRow("r1", em, signal, new StringCell("failed")),
            new DefaultRow("r2", em, DataType.getMissingCell(), new StringCell("missing")),
            new DefaultRow("r3", em, signal, new StringCell("no transform"))));
        BufferedDataTable transforms = NodeHarness.table(TRANSFORMS, List.of(transformRow("r1", t, "failed"),
            transformRow("r0", t, "ok"), transformRow("r2", t, "ok")));
        NodeHarness h = node();
        h.editSettings(s -> s.addString(ApplyClemTransformSettings.REFERENCE_COLUMN, "EM"));
        List<DataRow> rows = rows(h.execute(images, transforms)[0]);

        ImgPlusValue<?> out = (ImgPlusValue<?>)rows.get(0).getCell(3);
        assertArrayEquals(new long[]{40, 30}, out.getDimensions(), "the reference's size");
        assertEquals(0.005, org.knime.deepclem.nodes.common.ImageCalibrations.pixelSize(out).x(), 1e-12);
        float[] expected = Planes.data(Warp.warp(Planes.toFloat(signal.getImgPlus()), t, 40, 30,
            Interpolation.LINEAR, 0f));
        assertArrayEquals(expected, Planes.copy(out.getImgPlus()), 0f);
        assertTrue(rows.get(1).getCell(3).isMissing(), "failed registration");
        assertTrue(rows.get(2).getCell(3).isMissing(), "missing image");
        assertTrue(rows.get(3).getCell(3).isMissing(), "no transform row");
        assertTrue(h.warning().contains("1 image row(s) have no transform row"), h.warning());

        NodeHarness all = node();
        all.editSettings(s -> {
            s.addString(ApplyClemTransformSettings.REFERENCE_COLUMN, "EM");
            s.addString(ApplyClemTransformSettings.TRANSFORM_MODE, ApplyClemTransformSettings.ONE_FOR_ALL);
            s.addBoolean(ApplyClemTransformSettings.SKIP_FAILED, false);
        });
        BufferedDataTable one = NodeHarness.table(TRANSFORMS, List.of(transformRow("x", t, "failed")));
        rows = rows(all.execute(images, one)[0]);
        for (int r : new int[]{0, 1, 3}) {
            assertFalse(rows.get(r).getCell(3).isMissing());
            assertArrayEquals(expected, Planes.copy(((ImgPlusValue<?>)rows.get(r).getCell(3)).getImgPlus()), 0f);
        }
    }

    @Test
    void cancelIsHonoured() throws Exception {
        DataCell img = TestImages.synthetic(16, 16, (x, y) -> x);
        BufferedDataTable images = NodeHarness.table(IMAGES, List.of(new DefaultRow("r0", img, img, new StringCell("")),
            new DefaultRow("r1", img, img, new StringCell(""))));
        BufferedDataTable transforms = NodeHarness.table(TRANSFORMS, List.of(transformRow("r0", Affine2D.IDENTITY,
            "ok")));
        NodeHarness h = node().withMonitor(new NodeHarness.CancelingMonitor(1));
        assertThrows(CanceledExecutionException.class, () -> h.execute(images, transforms));
    }

    static List<DataRow> rows(final BufferedDataTable t) {
        List<DataRow> rows = new ArrayList<>();
        t.forEach(rows::add);
        return rows;
    }
}
