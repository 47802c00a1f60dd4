package org.knime.deepclem.nodes.predict;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeHarness;
import org.knime.core.node.NodeSettings;
import org.knime.deepclem.engine.image.Planes;
import org.knime.deepclem.engine.io.ChannelSelection;
import org.knime.deepclem.engine.io.ImageFiles;
import org.knime.deepclem.engine.predict.VirtualChromatinModel;
import org.knime.deepclem.nodes.TestImages;
import org.knime.deepclem.nodes.common.PredictionOptions;
import org.knime.deepclem.nodes.learn.LearnerFixture;
import org.knime.core.data.filestore.FileStore;
import org.knime.core.util.Version;
import org.knime.deepclem.engine.predict.ModelArchive;
import org.knime.deepclem.nodes.common.NetworkPort;
import org.knime.dl.core.DLNetworkReferenceLocation;
import org.knime.dl.core.DLTensorSpec;
import org.knime.dl.tensorflow.base.portobjects.TFNetworkPortObject;
import org.knime.dl.tensorflow.core.TFNetwork;
import org.knime.dl.tensorflow.savedmodel.core.TFSavedModelNetworkSpec;
import org.knime.knip.base.data.img.ImgPlusCell;
import org.knime.knip.base.data.img.ImgPlusValue;

class VirtualChromatinPredictorNodeModelTest {

    private static final DataTableSpec SPEC =
        new DataTableSpec(new DataColumnSpecCreator("EM", ImgPlusCell.TYPE).createSpec());

    @TempDir
    static Path s_dir;

    private static Path s_model;

    @BeforeAll
    static void trainTinyModel() throws Exception {
        s_model = LearnerFixture.trainTinyModel(s_dir.resolve("tiny.zip"));
    }

    private static NodeHarness node(final Path model) throws InvalidSettingsException {
        NodeHarness h = new NodeHarness(new VirtualChromatinPredictorNodeFactory());
        h.editSettings(s -> {
            s.addString(PredictionOptions.MODEL_SOURCE, PredictionOptions.FROM_FILE);
            s.addString(PredictionOptions.MODEL_PATH, model.toString());
        });
        return h;
    }

    @Test
    void configureAppendsTheVirtualChromatinColumn() throws Exception {
        DataTableSpec out = node(s_model).configure(SPEC)[0];
        assertEquals(List.of("EM", "Virtual chromatin"), List.of(out.getColumnNames()));
        assertEquals(ImgPlusCell.TYPE, out.getColumnSpec(1).getType());
    }

    @Test
    void badModelsAndColumnsAreRefused() throws Exception {
        NodeHarness none = node(s_dir.resolve("none.zip")); // loads: a learner may write the file later
        var e = assertThrows(InvalidSettingsException.class, () -> none.configure(SPEC));
        assertTrue(e.getMessage().contains("none.zip does not exist"), e.getMessage());
        NodeHarness h = node(s_model);
        NodeSettings empty = h.saveSettings();
        empty.addString(PredictionOptions.MODEL_PATH, " ");
        e = assertThrows(InvalidSettingsException.class, () -> h.loadSettings(empty));
        assertTrue(e.getMessage().startsWith("\"Model file or folder\" is empty"), e.getMessage());
        if (VirtualChromatinModel.class.getResource(VirtualChromatinModel.DEFAULT_MODEL_RESOURCE) == null) {
            NodeSettings bundled = h.saveSettings();
            bundled.addString(PredictionOptions.MODEL_SOURCE, PredictionOptions.BUNDLED);
            e = assertThrows(InvalidSettingsException.class, () -> h.loadSettings(bundled));
            assertTrue(e.getMessage().contains("no bundled default model"), e.getMessage());
        }
        DataTableSpec strings = new DataTableSpec(new DataColumnSpecCreator("EM",
            org.knime.core.data.def.StringCell.TYPE).createSpec());
        e = assertThrows(InvalidSettingsException.class, () -> node(s_model).configure(strings));
        assertTrue(e.getMessage().contains("has no image"), e.getMessage());
    }

    @Test
    void settingsSurviveSaveLoadAndDialog() throws Exception {
        NodeHarness h = node(s_model);
        h.editSettings(s -> {
            s.addString(VirtualChromatinPredictorSettings.IMAGE_COLUMN, "EM");
            s.addInt(PredictionOptions.TILE_SIZE, 128);
            s.addBoolean(PredictionOptions.OVERRIDE_NORMALIZATION, true);
            s.addDouble(PredictionOptions.PMAX, 99.0);
            s.addString(VirtualChromatinPredictorSettings.EM_PIXEL_SIZE, "10 nm");
            s.addString(PredictionOptions.MODEL_PIXEL_SIZE, "0.005um");
        });
        NodeSettings saved = h.saveSettings();
        NodeHarness other = new NodeHarness(new VirtualChromatinPredictorNodeFactory());
        other.loadSettings(saved);
        assertEquals(saved.toString(), other.saveSettings().toString());
        assertEquals(saved.toString(), h.dialogRoundTrip(saved, SPEC).toString());
        assertEquals("0.005um", other.saveSettings().getString(PredictionOptions.MODEL_PIXEL_SIZE));
    }

    @Test
    void pixelSizeSettingsDefaultAndRefuseValuesWithoutAUnit() throws Exception {
        NodeHarness h = node(s_model);
        NodeSettings defaults = h.saveSettings();
        assertEquals("from image", defaults.getString(VirtualChromatinPredictorSettings.EM_PIXEL_SIZE));
        assertEquals("from model", defaults.getString(PredictionOptions.MODEL_PIXEL_SIZE));
        // a workflow saved before the two options existed loads with their defaults
        VirtualChromatinPredictorSettings first = new VirtualChromatinPredictorSettings();
        first.m_model.m_source.setStringValue(PredictionOptions.FROM_FILE);
        first.m_model.m_path.setStringValue(s_model.toString());
        NodeSettings older = new NodeSettings("model");
        for (var o : first.options().options()) {
            if (!o.key().equals(VirtualChromatinPredictorSettings.EM_PIXEL_SIZE)
                && !o.key().equals(PredictionOptions.MODEL_PIXEL_SIZE)) {
                o.model().saveSettingsTo(older);
            }
        }
        assertTrue(!older.containsKey(PredictionOptions.MODEL_PIXEL_SIZE));
        NodeHarness fromOlder = new NodeHarness(new VirtualChromatinPredictorNodeFactory());
        fromOlder.loadSettings(older);
        assertEquals(defaults.toString(), fromOlder.saveSettings().toString());
        fromOlder.configure(SPEC);

        NodeSettings bad = h.saveSettings();
        bad.addString(VirtualChromatinPredictorSettings.EM_PIXEL_SIZE, "5");
        var e = assertThrows(InvalidSettingsException.class, () -> h.loadSettings(bad));
        assertTrue(e.getMessage().startsWith("\"EM pixel size\": pixel size '5' is not a positive value with a length "
            + "unit; write e.g. 5nm") && e.getMessage().endsWith(", or \"from image\"."), e.getMessage());
        NodeSettings badModel = h.saveSettings();
        badModel.addString(PredictionOptions.MODEL_PIXEL_SIZE, "5 pixels");
        e = assertThrows(InvalidSettingsException.class, () -> h.loadSettings(badModel));
        assertTrue(e.getMessage().startsWith("\"Model's training pixel size\": pixel size '5 pixels'")
            && e.getMessage().endsWith(", or \"from model\"."), e.getMessage());
    }

    @Test
    void executePredictsAsTheEngineOnTheDemoEm() throws Exception {
        BufferedDataTable in = NodeHarness.table(SPEC, List.of(
            new DefaultRow("em", TestImages.png(TestImages.example("EM.png"))),
            new DefaultRow("none", DataType.getMissingCell())));
        List<DataRow> rows = new ArrayList<>();
        node(s_model).execute(in)[0].forEach(rows::add);
        ImgPlusValue<?> vc = (ImgPlusValue<?>)rows.get(0).getCell(1);
        assertArrayEquals(new long[]{1002, 530}, vc.getDimensions(), "the EM's size");
        float[] expected;
        try (VirtualChromatinModel m = VirtualChromatinModel.load(s_model)) {
            expected = Planes.data(m.predict(ImageFiles.read(TestImages.example("EM.png")).select(ChannelSelection.AUTO)));
        }
        assertArrayEquals(expected, Planes.copy(vc.getImgPlus()), 1e-5f);
        assertTrue(rows.get(1).getCell(1).isMissing());
    }

    @Test
    void theVirtualChromatinKeepsTheEmCalibration() throws Exception {
        float[] px = new float[96 * 64];
        for (int i = 0; i < px.length; i++) {
            px[i] = (i * 37) % 251;
        }
        var img = new net.imagej.ImgPlus<>(net.imglib2.img.array.ArrayImgs.floats(px, 96, 64), "em",
            new net.imagej.axis.AxisType[]{net.imagej.axis.Axes.X, net.imagej.axis.Axes.Y});
        org.knime.deepclem.nodes.common.ImageCalibrations.calibrate(img,
            org.knime.deepclem.engine.io.PixelSize.parse("5nm"));
        var cell = new org.knime.knip.base.data.img.ImgPlusCellFactory(NodeHarness.executionContext()).createCell(img);
        BufferedDataTable in = NodeHarness.table(SPEC, List.of(new DefaultRow("calibrated", cell),
            new DefaultRow("plain", TestImages.synthetic(96, 64, (x, y) -> x + y))));
        List<DataRow> rows = new ArrayList<>();
        node(s_model).execute(in)[0].forEach(rows::add);
        var calibrated = org.knime.deepclem.nodes.common.ImageCalibrations.pixelSize((ImgPlusValue<?>)rows.get(0).getCell(1));
        assertEquals(0.005, calibrated.x(), 1e-12);
        assertEquals(null, org.knime.deepclem.nodes.common.ImageCalibrations.pixelSize(
            (ImgPlusValue<?>)rows.get(1).getCell(1)), "uncalibrated stays unknown");
    }

    private static org.knime.knip.base.data.img.ImgPlusCell<?> cell(final float[] px, final int w, final int h,
        final String size) throws Exception {
        var img = new net.imagej.ImgPlus<>(net.imglib2.img.array.ArrayImgs.floats(px.clone(), w, h), "em",
            new net.imagej.axis.AxisType[]{net.imagej.axis.Axes.X, net.imagej.axis.Axes.Y});
        if (size != null) {
            org.knime.deepclem.nodes.common.ImageCalibrations.calibrate(img,
                org.knime.deepclem.engine.io.PixelSize.parse(size));
        }
        return new org.knime.knip.base.data.img.ImgPlusCellFactory(NodeHarness.executionContext()).createCell(img);
    }

    private static float[] pixels(final DataRow row) {
        return Planes.copy(((ImgPlusValue<?>)row.getCell(1)).getImgPlus());
    }

    /**
     * Issue 13: the EM is resampled to the model's training pixel size before prediction, as deepclem register does:
     * the same EM at 10 nm and at 5 nm gives different predictions with a model trained at 5 nm.
     */
    @Test
    void aCalibratedEmIsResampledToTheModelsTrainingPixelSize() throws Exception {
        int w = 96, h = 64;
        float[] px = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                px[y * w + x] = (x - 40) * (x - 40) + (y - 30) * (y - 30) < 150 ? 60 : 180 + (x * 7 + y * 13) % 40;
            }
        }
        var plane = net.imglib2.img.array.ArrayImgs.floats(px.clone(), w, h);
        var at5 = org.knime.deepclem.engine.io.PixelSize.parse("5nm");
        var at10 = org.knime.deepclem.engine.io.PixelSize.parse("10nm");
        float[] expected5, expected10;
        try (VirtualChromatinModel m = VirtualChromatinModel.load(s_model)) {
            assertEquals(null, m.settings().emPixelSizeUm(), "the tiny model records no pixel size");
            expected5 = Planes.data(m.predict(plane));
            expected10 = Planes.data(VirtualChromatinModel.toEmSize(m.forEmPixelSize(at10, at5)
                .predictAtWorkingScale(plane), plane));
        }
        assertTrue(!java.util.Arrays.equals(expected5, expected10), "the engine scales a 10 nm EM differently");

        BufferedDataTable in = NodeHarness.table(SPEC, List.of(new DefaultRow("5nm", cell(px, w, h, "5nm")),
            new DefaultRow("10nm", cell(px, w, h, "10nm")), new DefaultRow("plain", cell(px, w, h, null))));
        NodeHarness node = node(s_model);
        node.editSettings(s -> s.addString(PredictionOptions.MODEL_PIXEL_SIZE, "5nm"));
        List<DataRow> rows = new ArrayList<>();
        node.execute(in)[0].forEach(rows::add);
        assertArrayEquals(expected5, pixels(rows.get(0)), 1e-5f, "at the training size: as it is");
        assertArrayEquals(expected10, pixels(rows.get(1)), 1e-5f, "10 nm: resampled to 5 nm first");
        assertArrayEquals(expected5, pixels(rows.get(2)), 1e-5f, "unknown size: as it is");
        assertArrayEquals(new long[]{w, h}, ((ImgPlusValue<?>)rows.get(1).getCell(1)).getDimensions(), "EM size");
        assertEquals(0.01, org.knime.deepclem.nodes.common.ImageCalibrations.pixelSize(
            (ImgPlusValue<?>)rows.get(1).getCell(1)).x(), 1e-12, "the EM's calibration");
        assertEquals(null, org.knime.deepclem.nodes.common.ImageCalibrations.pixelSize(
            (ImgPlusValue<?>)rows.get(2).getCell(1)));
        assertTrue(node.warning().contains("1 EM image(s) have no pixel size") && node.warning().contains("5 nm"),
            node.warning());

        // a typed EM size overrides the images' calibration, and is the output's calibration
        node.editSettings(s -> s.addString(VirtualChromatinPredictorSettings.EM_PIXEL_SIZE, "0.01um"));
        rows.clear();
        node.execute(in)[0].forEach(rows::add);
        for (DataRow r : rows) {
            assertArrayEquals(expected10, pixels(r), 1e-5f, r.getKey().getString());
            assertEquals(0.01, org.knime.deepclem.nodes.common.ImageCalibrations.pixelSize(
                (ImgPlusValue<?>)r.getCell(1)).x(), 1e-12);
        }

        // the model's own record ("from model"): this one has none, so calibrated EMs are used as they are
        NodeHarness fromModel = node(s_model);
        rows.clear();
        fromModel.execute(in)[0].forEach(rows::add);
        assertArrayEquals(expected5, pixels(rows.get(1)), 1e-5f);
        assertTrue(fromModel.warning().contains("The model records no training pixel size, so 2 calibrated EM "
            + "image(s)") && fromModel.warning().contains("\"Model's training pixel size\""), fromModel.warning());

        // an EM that would have to be enlarged 10 times: a pixel size that cannot be right fails, naming the row
        NodeHarness wrong = node(s_model);
        wrong.editSettings(s -> s.addString(PredictionOptions.MODEL_PIXEL_SIZE, "0.5nm"));
        var e = assertThrows(RuntimeException.class, () -> wrong.execute(in));
        assertTrue(e.getMessage().contains("Row \"5nm\": the EM's pixel size 5 nm would be enlarged 10"),
            e.getMessage());
    }

    /** TensorFlow starts with the first image to predict: a column of missing images never starts it. */
    @Test
    void tensorFlowStartsWithTheFirstImage() throws Exception {
        Path broken = java.nio.file.Files.createDirectories(s_dir.resolve("broken-model"));
        java.nio.file.Files.writeString(broken.resolve("saved_model.pb"), "this is not a protocol buffer");
        BufferedDataTable none = NodeHarness.table(SPEC, List.of(new DefaultRow("none", DataType.getMissingCell())));
        List<DataRow> rows = new ArrayList<>();
        node(broken).execute(none)[0].forEach(rows::add);
        assertTrue(rows.get(0).getCell(1).isMissing());

        BufferedDataTable one = NodeHarness.table(SPEC, List.of(new DefaultRow("em", TestImages.synthetic(64, 64,
            (x, y) -> x + y))));
        var e = assertThrows(RuntimeException.class, () -> node(broken).execute(one));
        assertTrue(e.getMessage().contains("broken-model") && e.getMessage().contains("cannot load"), e.getMessage());
    }

    @Test
    void cancelIsHonoured() throws Exception {
        var img = TestImages.synthetic(32, 32, (x, y) -> x + y);
        BufferedDataTable in = NodeHarness.table(SPEC, List.of(new DefaultRow("a", img), new DefaultRow("b", img)));
        NodeHarness h = node(s_model).withMonitor(new NodeHarness.CancelingMonitor(1));
        assertThrows(CanceledExecutionException.class, () -> h.execute(in));
    }

    /** A network port object as KNIME's TensorFlow Network Reader builds one (TFReaderNodeModel#execute). */
    private static TFNetworkPortObject readerOutput(final Path savedModel, final FileStore copyInto)
        throws Exception {
        TFSavedModelNetworkSpec spec = new TFSavedModelNetworkSpec(new Version(1, 13, 1), new String[]{"serve"},
            new DLTensorSpec[0], new DLTensorSpec[0], new DLTensorSpec[0]);
        TFNetwork network = spec.create(new DLNetworkReferenceLocation(savedModel.toUri()));
        return copyInto == null ? new TFNetworkPortObject(network) : new TFNetworkPortObject(network, copyInto);
    }

    @Test
    void aNetworkFromKnimesDeepLearningReaderReplacesTheDialogsModel() throws Exception {
        Path unpacked = s_dir.resolve("unpacked");
        ModelArchive.unzip(s_model, unpacked);
        Path savedModel;
        try (var files = java.nio.file.Files.walk(unpacked)) {
            savedModel = files.filter(f -> f.endsWith("saved_model.pb")).findFirst().orElseThrow().getParent();
        }
        assertTrue(NetworkPort.optionalType().isOptional());
        BufferedDataTable in = NodeHarness.table(SPEC, List.of(
            new DefaultRow("em", TestImages.png(TestImages.example("EM.png")))));
        float[] expected;
        try (VirtualChromatinModel m = VirtualChromatinModel.load(s_model)) {
            expected = Planes.data(m.predict(ImageFiles.read(TestImages.example("EM.png")).select(ChannelSelection.AUTO)));
        }
        NodeHarness h = node(s_dir.resolve("none.zip")); // the dialog's model does not exist: the port's is used
        for (boolean copy : new boolean[]{false, true}) {
            TFNetworkPortObject network = readerOutput(savedModel, copy ? h.createFileStore("network") : null);
            h.configurePorts(SPEC, network.getSpec());
            assertTrue(h.warning().contains("The connected TensorFlow network is used"), h.warning());
            List<DataRow> rows = new ArrayList<>();
            ((BufferedDataTable)h.executePorts(in, network)[0]).forEach(rows::add);
            ImgPlusValue<?> vc = (ImgPlusValue<?>)rows.get(0).getCell(1);
            assertArrayEquals(expected, Planes.copy(vc.getImgPlus()), 1e-5f, copy ? "copy" : "reference");
        }
        var e = assertThrows(InvalidSettingsException.class, () -> h.configurePorts(SPEC, SPEC));
        assertTrue(e.getMessage().startsWith("The \"TensorFlow network\" input takes a TensorFlow network"),
            e.getMessage());
        e = assertThrows(InvalidSettingsException.class, () -> h.configurePorts(SPEC));
        assertTrue(e.getMessage().contains("none.zip does not exist"), "unconnected: the dialog's model again");
    }
}
