package org.knime.deepclem.nodes.register;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.knime.core.data.BooleanValue;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.StringValue;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.StringCell;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeHarness;
import org.knime.core.node.NodeSettings;
import org.knime.deepclem.engine.geometry.Affine2D;
import org.knime.deepclem.engine.image.Planes;
import org.knime.deepclem.engine.io.ChannelSelection;
import org.knime.deepclem.engine.io.ImageFiles;
import org.knime.deepclem.engine.registration.FeatureRegistration;
import org.knime.deepclem.engine.registration.MirrorSearch;
import org.knime.deepclem.engine.registration.RegistrationResult;
import org.knime.deepclem.engine.registration.TransformModel;
import org.knime.deepclem.engine.transform.Interpolation;
import org.knime.deepclem.engine.transform.BigWarpLandmarks;
import org.knime.deepclem.engine.transform.ElastixParameters;
import org.knime.deepclem.engine.transform.NgffTransform;
import org.knime.deepclem.engine.transform.TransformXml;
import org.knime.deepclem.engine.transform.Warp;
import org.knime.deepclem.nodes.TestImages;
import org.knime.deepclem.engine.io.PixelSize;
import org.knime.deepclem.nodes.common.ImageCalibrations;
import org.knime.deepclem.nodes.common.TransformColumns;
import org.knime.core.util.Version;
import org.knime.dl.core.DLTensorSpec;
import org.knime.dl.tensorflow.base.portobjects.TFNetworkPortObjectSpec;
import org.knime.dl.tensorflow.savedmodel.core.TFSavedModelNetwork;
import org.knime.dl.tensorflow.savedmodel.core.TFSavedModelNetworkSpec;
import org.knime.knip.base.data.img.ImgPlusCell;
import org.knime.knip.base.data.img.ImgPlusValue;

import net.imagej.axis.Axes;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.real.FloatType;

class ClemRegistrationNodeModelTest {

    private static final DataTableSpec SPEC = new DataTableSpec(
        new DataColumnSpecCreator("Virtual chromatin", ImgPlusCell.TYPE).createSpec(),
        new DataColumnSpecCreator("Chromatin", ImgPlusCell.TYPE).createSpec());

    /** The landmark table's columns, as a user would make them (e.g. with a Table Creator). */
    private static final DataTableSpec LANDMARK_SPEC = new DataTableSpec(
        new DataColumnSpecCreator("moving_x", DoubleCell.TYPE).createSpec(),
        new DataColumnSpecCreator("moving_y", DoubleCell.TYPE).createSpec(),
        new DataColumnSpecCreator("fixed_x", DoubleCell.TYPE).createSpec(),
        new DataColumnSpecCreator("fixed_y", DoubleCell.TYPE).createSpec(),
        new DataColumnSpecCreator("pair", StringCell.TYPE).createSpec());

    /**
     * Landmark rows for the input row {@code pair}: each moving point of {@code at} and where {@code movingToFixed}
     * puts it.
     */
    private static List<DataRow> landmarkRows(final Affine2D movingToFixed, final double[][] at, final String pair) {
        List<DataRow> rows = new ArrayList<>();
        for (int i = 0; i < at.length; i++) {
            double x = at[i][0], y = at[i][1];
            rows.add(new DefaultRow("lm" + i, new DoubleCell(x), new DoubleCell(y),
                new DoubleCell(movingToFixed.applyX(x, y)), new DoubleCell(movingToFixed.applyY(x, y)),
                new StringCell(pair)));
        }
        return rows;
    }

    private static NodeHarness node() {
        return new NodeHarness(new ClemRegistrationNodeFactory());
    }

    @Test
    void configureGivesTransformAndImageTables() throws Exception {
        NodeHarness h = node();
        DataTableSpec[] out = h.configure(SPEC);
        assertEquals(TransformColumns.spec(), out[0]);
        assertEquals(List.of("a", "b", "tx", "c", "d", "ty", "scale", "rotation (deg)", "model", "method", "inliers",
            "inlier ratio", "residual (px)", "ncc", "overlap", "margin", "verdict", "reason", "Fiji transform XML",
            "elastix TransformParameters", "BigWarp landmarks (CSV)", "OME-NGFF transform (JSON)", "source", "landmarks",
            "landmark FRE (px)", "predicted TRE max (px)", "EM pixel size (µm)", "LM pixel size (µm)", "scale (µm/µm)",
            "tx (µm)", "ty (µm)", "residual (µm)", "mirrored", "predicted RMS error (px)",
            "predicted error 90% bound (px)"),
            List.of(out[0].getColumnNames()));
        assertEquals(List.of("Registered chromatin", "Overlay"), List.of(out[1].getColumnNames()));
        NodeSettings s = h.saveSettings();
        assertEquals("Virtual chromatin", s.getString(ClemRegistrationSettings.FIXED_COLUMN));
        assertEquals("Chromatin", s.getString(ClemRegistrationSettings.MOVING_COLUMN), "auto-selected the other one");
    }

    @Test
    void badColumnsAndSettingsAreRefused() throws Exception {
        NodeHarness h = node();
        h.editSettings(s -> {
            s.addString(ClemRegistrationSettings.FIXED_COLUMN, "Chromatin");
            s.addString(ClemRegistrationSettings.MOVING_COLUMN, "Chromatin");
        });
        var e = assertThrows(InvalidSettingsException.class, () -> h.configure(SPEC));
        assertTrue(e.getMessage().contains("are the same column \"Chromatin\""), e.getMessage());

        NodeSettings bad = h.saveSettings();
        bad.addString(ClemRegistrationSettings.TRANSFORM_MODEL, "projective");
        e = assertThrows(InvalidSettingsException.class, () -> h.loadSettings(bad));
        assertTrue(e.getMessage().startsWith("\"Transform model\": unknown transform model 'projective'"),
            e.getMessage());

        NodeSettings predict = h.saveSettings();
        predict.addString(ClemRegistrationSettings.INPUT_MODE, ClemRegistrationSettings.EM_WITH_PREDICTION);
        predict.addString("model_source", "Model file or folder");
        predict.addString("model_path", "/no/such/model.zip");
        h.loadSettings(predict); // settings load before their model exists; configure looks for it
        e = assertThrows(InvalidSettingsException.class, () -> h.configure(SPEC));
        assertTrue(e.getMessage().contains("/no/such/model.zip does not exist"), e.getMessage());
        // a network at the optional input replaces the missing model (as the reader's port spec says it is one)
        var network = new TFNetworkPortObjectSpec(new TFSavedModelNetworkSpec(new Version(1, 13, 1),
            new String[]{"serve"}, new DLTensorSpec[0], new DLTensorSpec[0], new DLTensorSpec[0]),
            TFSavedModelNetwork.class);
        NodeHarness net = node();
        net.editSettings(s -> {
            s.addString(ClemRegistrationSettings.INPUT_MODE, ClemRegistrationSettings.EM_WITH_PREDICTION);
            s.addString("model_source", "Model file or folder");
            s.addString("model_path", "/no/such/model.zip");
        });
        net.configurePorts(SPEC, network);
        assertTrue(net.warning().startsWith("The connected TensorFlow network predicts"), net.warning());
        e = assertThrows(InvalidSettingsException.class, () -> net.configurePorts(SPEC, SPEC));
        assertTrue(e.getMessage().contains("input takes a TensorFlow network"), e.getMessage());

        NodeHarness missing = node();
        missing.editSettings(s -> s.addString(ClemRegistrationSettings.MOVING_COLUMN, "LM"));
        e = assertThrows(InvalidSettingsException.class, () -> missing.configure(SPEC));
        assertTrue(e.getMessage().contains("column \"LM\" is not in the input table"), e.getMessage());
    }

    @Test
    void settingsSurviveSaveLoadAndDialog() throws Exception {
        NodeHarness h = node();
        h.editSettings(s -> {
            s.addString(ClemRegistrationSettings.FIXED_COLUMN, "Virtual chromatin");
            s.addString(ClemRegistrationSettings.MOVING_COLUMN, "Chromatin");
            s.addString(ClemRegistrationSettings.TRANSFORM_MODEL, "rigid");
            s.addString(ClemRegistrationSettings.MOVING_CHANNEL, "2");
            s.addString(ClemRegistrationSettings.OVERLAY_COLOUR, "green");
            s.addInt("tile_size", 256);
            s.addString(org.knime.deepclem.nodes.common.PredictionOptions.MODEL_PIXEL_SIZE, "5 nm");
        });
        NodeSettings saved = h.saveSettings();
        NodeHarness other = node();
        other.loadSettings(saved);
        assertEquals(saved.toString(), other.saveSettings().toString());
        assertEquals("rigid", other.saveSettings().getString(ClemRegistrationSettings.TRANSFORM_MODEL));

        // KNIME's column chooser with a <none> entry stores an empty choice as null: still "no overlay column"
        NodeSettings dialog = h.dialogRoundTrip(saved, SPEC);
        assertNull(dialog.getString(ClemRegistrationSettings.OVERLAY_COLUMN));
        dialog.addString(ClemRegistrationSettings.OVERLAY_COLUMN, "");
        assertEquals(saved.toString(), dialog.toString());
        NodeSettings none = h.dialogRoundTrip(saved, SPEC);
        NodeHarness fromDialog = node();
        fromDialog.loadSettings(none);
        fromDialog.configure(SPEC);

        h.editSettings(s -> s.addString(ClemRegistrationSettings.OVERLAY_COLUMN, "Chromatin"));
        saved = h.saveSettings();
        assertEquals(saved.toString(), h.dialogRoundTrip(saved, SPEC).toString());
    }


    /** Fixed: the demo chromatin (blue channel); moving: it seen through a known similarity. */
    private record KnownPair(ImgPlusCell<?> fixedCell, ImgPlusCell<?> movingCell, ArrayImg<FloatType, FloatArray> fixed,
        ArrayImg<FloatType, FloatArray> moving, Affine2D fixedToMoving) {
    }

    private static KnownPair knownPair() throws Exception {
        ArrayImg<FloatType, FloatArray> fixed =
            ImageFiles.read(TestImages.example("Chromatin.png")).select(ChannelSelection.BLUE);
        Affine2D fixedToMoving = Affine2D.similarity(0.9, Math.toRadians(8), 40, -25);
        ArrayImg<FloatType, FloatArray> moving = Warp.warp(fixed, fixedToMoving, 1100, 900, Interpolation.LINEAR, 0f);
        return new KnownPair(TestImages.png(TestImages.example("Chromatin.png")),
            TestImages.cell(moving, "moving", Axes.X, Axes.Y), fixed, moving, fixedToMoving);
    }

    @Test
    void executeGivesTheEngineTransformAndKeepsFailedRows() throws Exception {
        KnownPair k = knownPair();
        ImgPlusCell<?> fixedCell = k.fixedCell(), movingCell = k.movingCell();
        ArrayImg<FloatType, FloatArray> fixed = k.fixed(), moving = k.moving();
        Affine2D fixedToMoving = k.fixedToMoving();
        ImgPlusCell<?> blank = TestImages.synthetic(200, 200, (x, y) -> 0);
        BufferedDataTable in = NodeHarness.table(SPEC, List.of(new DefaultRow("pair", fixedCell, movingCell),
            new DefaultRow("no LM", fixedCell, DataType.getMissingCell()), new DefaultRow("blank", blank, blank)));

        NodeHarness h = node();
        h.editSettings(s -> s.addString(ClemRegistrationSettings.METHOD, "features"));
        BufferedDataTable[] out = h.execute(in);
        List<DataRow> t = rows(out[0]);
        List<DataRow> img = rows(out[1]);
        assertEquals(List.of("pair", "no LM", "blank"), t.stream().map(r -> r.getKey().getString()).toList());

        RegistrationResult engine = new FeatureRegistration().register(fixed, moving, TransformModel.SIMILARITY);
        assertTrue(engine.ok(), engine.reason());
        DataTableSpec ts = out[0].getDataTableSpec();
        double[] m = new double[6];
        for (int i = 0; i < 6; i++) {
            m[i] = value(t.get(0), ts, TransformColumns.MATRIX[i]);
        }
        // the same transform as the engine's; runs of the engine differ by ~1e-7 px (not bit-reproducible)
        assertTrue(Affine2D.fromRowMajor(m).rmsDistance(engine.movingToFixed(), 1280, 1024, 8) < 1e-4,
            () -> java.util.Arrays.toString(m) + " vs " + engine.movingToFixed());
        assertTrue(engine.movingToFixed().rmsDistance(fixedToMoving.inverse(), 1100, 900, 8) < 1.0,
            "the known transform is recovered");
        assertEquals(engine.movingToFixed().scale(), value(t.get(0), ts, TransformColumns.SCALE), 1e-6);
        assertEquals("ok", text(t.get(0), ts, TransformColumns.VERDICT));
        assertEquals("similarity", text(t.get(0), ts, TransformColumns.MODEL));
        Affine2D fromXml = TransformXml.fromXml(text(t.get(0), ts, TransformColumns.FIJI_XML), "node output").result()
            .movingToFixed();
        assertTrue(fromXml.rmsDistance(Affine2D.fromRowMajor(m), 1280, 1024, 8) < 1e-9,
            "the Fiji XML holds the row's transform");
        // the files for other tools, as cells: each reads back to the row's transform
        for (var reread : List.of(
            ElastixParameters.fromText(text(t.get(0), ts, TransformColumns.ELASTIX), "node output"),
            BigWarpLandmarks.fromCsv(text(t.get(0), ts, TransformColumns.BIGWARP), "node output"),
            NgffTransform.fromJson(text(t.get(0), ts, TransformColumns.NGFF), "node output"))) {
            assertTrue(reread.result().movingToFixed().rmsDistance(Affine2D.fromRowMajor(m), 1280, 1024, 8) < 1e-6,
                reread.toString());
        }

        ImgPlusValue<?> registered = (ImgPlusValue<?>)img.get(0).getCell(0);
        assertArrayEquals(new long[]{1280, 1024}, registered.getDimensions(), "EM frame = fixed frame");
        assertArrayEquals(new long[]{1280, 1024, 3}, ((ImgPlusValue<?>)img.get(0).getCell(1)).getDimensions());

        assertEquals("failed", text(t.get(1), ts, TransformColumns.VERDICT));
        assertEquals("the chromatin image is missing", text(t.get(1), ts, TransformColumns.REASON));
        assertEquals("failed", text(t.get(2), ts, TransformColumns.VERDICT));
        assertFalse(text(t.get(2), ts, TransformColumns.REASON).isBlank());
        for (String c : new String[]{TransformColumns.FIJI_XML, TransformColumns.ELASTIX, TransformColumns.BIGWARP,
            TransformColumns.NGFF}) {
            assertTrue(t.get(2).getCell(ts.findColumnIndex(c)).isMissing(), c);
        }
        assertTrue(img.get(1).getCell(0).isMissing() && img.get(2).getCell(1).isMissing());
        assertTrue(h.warning().startsWith("2 of 3 registration(s) failed"), h.warning());

        // the predicted error: the engine's for the ok row (from its own evidence), missing for the failed rows
        var predicted = org.knime.deepclem.engine.registration.ErrorPrediction.assess(fixed, moving, engine).error();
        assertTrue(predicted.known(), predicted.reason());
        assertEquals(predicted.rmsPx(), value(t.get(0), ts, TransformColumns.PREDICTED_RMS), 1e-3);
        assertEquals(predicted.bound90Px(), value(t.get(0), ts, TransformColumns.PREDICTED_BOUND), 1e-3);
        assertTrue(value(t.get(0), ts, TransformColumns.PREDICTED_BOUND) > value(t.get(0), ts,
            TransformColumns.PREDICTED_RMS));
        for (int row = 1; row < 3; row++) {
            for (String c : new String[]{TransformColumns.PREDICTED_RMS, TransformColumns.PREDICTED_BOUND}) {
                assertTrue(t.get(row).getCell(ts.findColumnIndex(c)).isMissing(), c);
            }
        }
    }

    @Test
    void predictInsideMatchesTheEnginePipeline(@org.junit.jupiter.api.io.TempDir final java.nio.file.Path dir)
        throws Exception {
        java.nio.file.Path model = org.knime.deepclem.nodes.learn.LearnerFixture.trainTinyModel(dir.resolve("m.zip"));
        ImgPlusCell<?> em = TestImages.synthetic(128, 96, (x, y) -> (x - 60) * (x - 60) + (y - 40) * (y - 40) < 300
            ? 50 : 200 - (x * 3 + y * 5) % 30);
        ImgPlusCell<?> lm = TestImages.synthetic(110, 90, (x, y) -> (x - 50) * (x - 50) + (y - 45) * (y - 45) < 250
            ? 230 : 20);
        BufferedDataTable in = NodeHarness.table(SPEC, List.of(new DefaultRow("pair", em, lm)));
        NodeHarness h = node();
        h.editSettings(s -> {
            s.addString(ClemRegistrationSettings.INPUT_MODE, ClemRegistrationSettings.EM_WITH_PREDICTION);
            s.addString("model_source", "Model file or folder");
            s.addString("model_path", model.toString());
        });
        BufferedDataTable[] out = h.execute(in);
        DataRow row = out[0].iterator().next();
        DataTableSpec ts = out[0].getDataTableSpec();

        RegistrationResult engine;
        try (var vcm = org.knime.deepclem.engine.predict.VirtualChromatinModel.load(model)) {
            engine = new org.knime.deepclem.engine.pipeline.VirtualChromatinRegistration(vcm,
                org.knime.deepclem.engine.registration.RegistrationMethod.AUTO.create(), TransformModel.SIMILARITY)
                .register(Planes.toFloat(em.getImgPlus()), Planes.toFloat(lm.getImgPlus())).result();
        }
        assertEquals(engine.verdict().id(), text(row, ts, TransformColumns.VERDICT));
        assertEquals(engine.method(), text(row, ts, TransformColumns.METHOD));
        if (engine.ok()) {
            double[] m = new double[6];
            for (int i = 0; i < 6; i++) {
                m[i] = value(row, ts, TransformColumns.MATRIX[i]);
            }
            assertTrue(Affine2D.fromRowMajor(m).rmsDistance(engine.movingToFixed(), 128, 96, 8) < 1e-3);
        } else {
            assertFalse(text(row, ts, TransformColumns.REASON).isBlank());
        }
    }

    /**
     * Issue 13: predicting inside, the EM is resampled to the model's training pixel size ("Model's training pixel
     * size", else the model's record) as deepclem register does; with either size unknown the node says so.
     */
    @Test
    void predictInsideResamplesTheEmToTheModelsPixelSize(@org.junit.jupiter.api.io.TempDir final java.nio.file.Path dir)
        throws Exception {
        java.nio.file.Path model = org.knime.deepclem.nodes.learn.LearnerFixture.trainTinyModel(dir.resolve("m.zip"));
        ArrayImg<FloatType, FloatArray> emPlane = Planes.toFloat(TestImages.synthetic(128, 96,
            (x, y) -> (x - 60) * (x - 60) + (y - 40) * (y - 40) < 300 ? 50 : 200 - (x * 3 + y * 5) % 30).getImgPlus());
        ImgPlusCell<?> lm = TestImages.synthetic(110, 90, (x, y) -> (x - 50) * (x - 50) + (y - 45) * (y - 45) < 250
            ? 230 : 20);
        PixelSize em = PixelSize.parse("10nm"), trained = PixelSize.parse("5nm");
        BufferedDataTable in = NodeHarness.table(SPEC, List.of(new DefaultRow("pair", calibrated(emPlane, em), lm)));
        NodeHarness h = node(model);
        h.editSettings(s -> s.addString(org.knime.deepclem.nodes.common.PredictionOptions.MODEL_PIXEL_SIZE, "5nm"));
        BufferedDataTable[] out = h.execute(in);
        DataRow row = out[0].iterator().next();
        DataTableSpec ts = out[0].getDataTableSpec();
        assertFalse(h.warning() != null && h.warning().contains("pixel size"), h.warning());

        RegistrationResult engine, engineUnscaled;
        float[] resampled, unscaled;
        try (var vcm = org.knime.deepclem.engine.predict.VirtualChromatinModel.load(model)) {
            var pipeline = new org.knime.deepclem.engine.pipeline.VirtualChromatinRegistration(vcm,
                org.knime.deepclem.engine.registration.RegistrationMethod.AUTO.create(), TransformModel.SIMILARITY);
            var outcome = pipeline.register(emPlane, Planes.toFloat(lm.getImgPlus()), null, em, trained);
            engine = outcome.result();
            resampled = Planes.data(outcome.virtualChromatin());
            var plain = pipeline.register(emPlane, Planes.toFloat(lm.getImgPlus()));
            unscaled = Planes.data(plain.virtualChromatin());
            engineUnscaled = plain.result();
        }
        assertFalse(java.util.Arrays.equals(resampled, unscaled), "a 10 nm EM is predicted at 5 nm");
        assertEquals(engine.verdict().id(), text(row, ts, TransformColumns.VERDICT));
        assertEquals(engine.quality().ncc(), value(row, ts, TransformColumns.NCC), 1e-9, "the resampled pipeline's");
        assertTrue(engine.quality().ncc() != engineUnscaled.quality().ncc(), "not the unscaled pipeline's");
        if (engine.ok()) {
            double[] m = new double[6];
            for (int i = 0; i < 6; i++) {
                m[i] = value(row, ts, TransformColumns.MATRIX[i]);
            }
            assertTrue(Affine2D.fromRowMajor(m).rmsDistance(engine.movingToFixed(), 128, 96, 8) < 1e-3);
        } else { // the node's reason is the deciding method's part of the engine's (same figures)
            String reason = text(row, ts, TransformColumns.REASON);
            assertTrue(!reason.isBlank() && engine.reason().contains(reason), reason + " | " + engine.reason());
        }

        // the model records none and none is given: the EM is used as it is, and the node says why
        NodeHarness fromModel = node(model);
        fromModel.execute(in);
        assertTrue(fromModel.warning().contains("The model records no training pixel size"), fromModel.warning());
    }

    /**
     * TensorFlow starts with the first row whose images passed their checks: rows that fail before (a missing image,
     * one too small) do not start it. A model TensorFlow cannot load shows this: the node still runs such a table, and
     * fails as a whole (not row by row) once a good row needs the model.
     */
    @Test
    void predictInsideStartsTensorFlowOnlyForAGoodRow(@org.junit.jupiter.api.io.TempDir final java.nio.file.Path dir)
        throws Exception {
        java.nio.file.Path model = java.nio.file.Files.createDirectories(dir.resolve("broken-model"));
        java.nio.file.Files.writeString(model.resolve("saved_model.pb"), "this is not a protocol buffer");
        ImgPlusCell<?> em = TestImages.synthetic(128, 96, (x, y) -> (x * 7 + y * 3) % 200);
        ImgPlusCell<?> tiny = TestImages.synthetic(16, 16, (x, y) -> x + y);
        BufferedDataTable[] out = node(model).execute(NodeHarness.table(SPEC, List.of(
            new DefaultRow("no LM", em, DataType.getMissingCell()), new DefaultRow("tiny", tiny, tiny))));
        DataTableSpec ts = out[0].getDataTableSpec();
        List<DataRow> t = rows(out[0]);
        assertEquals("the chromatin image is missing", text(t.get(0), ts, TransformColumns.REASON));
        assertTrue(text(t.get(1), ts, TransformColumns.REASON).contains("16x16"),
            text(t.get(1), ts, TransformColumns.REASON));

        var e = assertThrows(java.io.UncheckedIOException.class, () -> node(model).execute(NodeHarness.table(SPEC,
            List.of(new DefaultRow("tiny", tiny, tiny), new DefaultRow("pair", em, em)))));
        assertTrue(e.getMessage().contains("broken-model") && e.getMessage().contains("cannot load"), e.getMessage());
    }

    private static NodeHarness node(final java.nio.file.Path model) throws InvalidSettingsException {
        NodeHarness h = node();
        h.editSettings(s -> {
            s.addString(ClemRegistrationSettings.INPUT_MODE, ClemRegistrationSettings.EM_WITH_PREDICTION);
            s.addString("model_source", "Model file or folder");
            s.addString("model_path", model.toString());
        });
        return h;
    }

    @Test
    void cancelIsHonoured() throws Exception {
        ImgPlusCell<?> a = TestImages.synthetic(64, 64, (x, y) -> x ^ y);
        BufferedDataTable in = NodeHarness.table(SPEC, List.of(new DefaultRow("r0", a, a), new DefaultRow("r1", a, a)));
        NodeHarness h = node().withMonitor(new NodeHarness.CancelingMonitor(0));
        assertThrows(CanceledExecutionException.class, () -> h.execute(in));
    }

    @Test
    void landmarksCorrectTheRowTheyName() throws Exception {
        KnownPair k = knownPair();
        ImgPlusCell<?> fixedCell = k.fixedCell(), movingCell = k.movingCell();
        Affine2D fixedToMoving = k.fixedToMoving();
        BufferedDataTable in = NodeHarness.table(SPEC, List.of(new DefaultRow("pair", fixedCell, movingCell),
            new DefaultRow("other", fixedCell, movingCell)));
        // six hand-placed pairs for row "pair" that disagree with the images by (30, 20) px
        Affine2D truth = fixedToMoving.inverse();
        double[][] at = {{100, 100}, {900, 120}, {500, 450}, {150, 800}, {950, 820}, {600, 700}};
        BufferedDataTable landmarks = NodeHarness.table(LANDMARK_SPEC,
            landmarkRows(Affine2D.translation(30, 20).after(truth), at, "pair"));

        NodeHarness h = node();
        h.editSettings(s -> s.addString(ClemRegistrationSettings.METHOD, "features"));
        h.configurePorts(SPEC, null, LANDMARK_SPEC);
        List<DataRow> t = rows((BufferedDataTable)h.executePorts(in, null, landmarks)[0]);
        DataTableSpec ts = TransformColumns.spec();
        double[] m = new double[6];
        for (int i = 0; i < 6; i++) {
            m[i] = value(t.get(0), ts, TransformColumns.MATRIX[i]);
        }
        Affine2D corrected = Affine2D.fromRowMajor(m);
        Affine2D byHand = Affine2D.translation(30, 20).after(truth);
        assertEquals("image+landmarks", text(t.get(0), ts, TransformColumns.SOURCE));
        assertEquals(6, (int)value(t.get(0), ts, TransformColumns.LANDMARKS));
        assertTrue(value(t.get(0), ts, TransformColumns.FRE) < 1e-6, "the landmarks agree among themselves");
        assertTrue(corrected.rmsDistance(byHand, 1280, 1024, 8) < 5, "pulled towards the landmarks");
        assertTrue(corrected.rmsDistance(truth, 1280, 1024, 8) > 25, "away from the image evidence");
        assertEquals("image", text(t.get(1), ts, TransformColumns.SOURCE), "the other row has no landmarks");
        assertTrue(t.get(1).getCell(ts.findColumnIndex(TransformColumns.LANDMARKS)).isMissing());

        // landmarks alone: the named row is the landmark fit exactly; the other row is still registered from images
        h.editSettings(s -> s.addBoolean(ClemRegistrationSettings.LANDMARKS_ONLY, true));
        List<DataRow> alone = rows((BufferedDataTable)h.executePorts(in, null, landmarks)[0]);
        for (int i = 0; i < 6; i++) {
            m[i] = value(alone.get(0), ts, TransformColumns.MATRIX[i]);
        }
        assertEquals("landmarks", text(alone.get(0), ts, TransformColumns.SOURCE));
        assertTrue(Affine2D.fromRowMajor(m).rmsDistance(byHand, 1280, 1024, 8) < 1e-6, "the landmark fit itself");
        assertEquals("image", text(alone.get(1), ts, TransformColumns.SOURCE));
        assertEquals("ok", text(alone.get(1), ts, "verdict"));
        var noTable = assertThrows(InvalidSettingsException.class, () -> h.configurePorts(SPEC, null, null));
        assertTrue(noTable.getMessage().contains("no landmark table is connected"), noTable.getMessage());

        DataTableSpec noFixedY = new DataTableSpec(
            new DataColumnSpecCreator("moving_x", DoubleCell.TYPE).createSpec(),
            new DataColumnSpecCreator("moving_y", DoubleCell.TYPE).createSpec(),
            new DataColumnSpecCreator("fixed_x", DoubleCell.TYPE).createSpec());
        var e = assertThrows(InvalidSettingsException.class, () -> h.configurePorts(SPEC, null, noFixedY));
        assertTrue(e.getMessage().contains("column \"fixed_y\" is missing"), e.getMessage());
    }

    @Test
    void aFrameWithTwoNucleiWhoseAnswerHasAFarRivalFailsAndLandmarksTakeOver() throws Exception {
        // s6 down to its two nuclei nearest the centre, the case that registers 21.7 px off (docs/evaluation.md,
        // "Ambiguous sparse frames fail"): an answer that correlates as well lies far away, so the row fails
        var src = org.knime.deepclem.engine.registration.SyntheticPairs.Source
            .read(TestImages.root().resolve("data/deepclem/training/chromatin/s6.png"));
        var c = org.knime.deepclem.engine.registration.SyntheticPairs.make(
            org.knime.deepclem.engine.registration.SparseFrames.reduced(src, 2), 5, 3,
            org.knime.deepclem.engine.registration.SparseFrames.OPTIONS);
        ImgPlusCell<?> fixedCell = TestImages.cell(Planes.wrap(c.fixed(), c.fixedWidth(), c.fixedHeight()), "fixed",
            Axes.X, Axes.Y);
        ImgPlusCell<?> movingCell = TestImages.cell(
            Planes.wrap(c.moving()[c.chromatin()], c.movingWidth(), c.movingHeight()), "moving", Axes.X, Axes.Y);
        BufferedDataTable in = NodeHarness.table(SPEC, List.of(new DefaultRow("two nuclei", fixedCell, movingCell)));
        NodeHarness h = node();
        h.editSettings(s -> s.addString(ClemRegistrationSettings.METHOD, "correlation"));
        List<DataRow> t = rows(h.execute(in)[0]);
        DataTableSpec ts = TransformColumns.spec();
        assertEquals("failed", text(t.get(0), ts, TransformColumns.VERDICT));
        String reason = text(t.get(0), ts, TransformColumns.REASON);
        assertTrue(reason.startsWith("ambiguous: another answer that correlates as well lies") && reason.contains(
            "Add landmarks"), reason);
        assertTrue(t.get(0).getCell(ts.findColumnIndex(TransformColumns.PREDICTED_BOUND)).isMissing());

        // four landmarks on the row: the ambiguous answer is not combined with them, they are used alone
        Affine2D truth = c.truth();
        double[][] at = {{100, 100}, {c.movingWidth() - 100, 120}, {120, c.movingHeight() - 100},
            {c.movingWidth() - 120, c.movingHeight() - 120}};
        h.configurePorts(SPEC, null, LANDMARK_SPEC);
        List<DataRow> fixedByHand = rows((BufferedDataTable)h.executePorts(in, null,
            NodeHarness.table(LANDMARK_SPEC, landmarkRows(truth, at, "two nuclei")))[0]);
        assertEquals("ok", text(fixedByHand.get(0), ts, TransformColumns.VERDICT));
        assertEquals("landmarks", text(fixedByHand.get(0), ts, TransformColumns.SOURCE));
        double[] m = new double[6];
        for (int i = 0; i < 6; i++) {
            m[i] = value(fixedByHand.get(0), ts, TransformColumns.MATRIX[i]);
        }
        assertTrue(Affine2D.fromRowMajor(m).rmsDistance(truth, c.movingWidth(), c.movingHeight(), 8) < 1e-6,
            "the landmark fit itself");
    }

    /** A float plane as a KNIP cell whose X and Y axes are calibrated (µm per pixel). */
    private static ImgPlusCell<?> calibrated(final ArrayImg<FloatType, FloatArray> plane, final PixelSize size)
        throws java.io.IOException {
        var img = new net.imagej.ImgPlus<>(plane, "calibrated", new net.imagej.axis.AxisType[]{Axes.X, Axes.Y});
        ImageCalibrations.calibrate(img, size);
        return new org.knime.knip.base.data.img.ImgPlusCellFactory(NodeHarness.executionContext()).createCell(img);
    }

    @Test
    void calibratedCellsRegisterWithTheirPixelSizesAndOutputsCarryTheEmCalibration() throws Exception {
        KnownPair k = knownPair();
        // LM px -> EM px = 1 / 0.9: pixel sizes that say so, the LM's in nm (as a KNIP reader may give it)
        PixelSize em = PixelSize.parse("10nm");
        ImgPlusCell<?> fixedCell = calibrated(k.fixed(), em);
        var movingImg = new net.imagej.ImgPlus<>(k.moving(), "lm", new net.imagej.axis.AxisType[]{Axes.X, Axes.Y});
        for (int d = 0; d < 2; d++) {
            movingImg.setAxis(new net.imagej.axis.DefaultLinearAxis(d == 0 ? Axes.X : Axes.Y, "nm", 10 / 0.9), d);
        }
        ImgPlusCell<?> movingCell =
            new org.knime.knip.base.data.img.ImgPlusCellFactory(NodeHarness.executionContext()).createCell(movingImg);
        assertEquals(0.01 / 0.9, ImageCalibrations.pixelSize(movingCell).x(), 1e-12);
        BufferedDataTable in = NodeHarness.table(SPEC, List.of(new DefaultRow("pair", fixedCell, movingCell)));

        NodeHarness h = node(); // no pixel-size settings: read from the cells
        h.editSettings(s -> s.addString(ClemRegistrationSettings.METHOD, "correlation"));
        BufferedDataTable[] out = h.execute(in);
        DataRow t = rows(out[0]).get(0);
        DataTableSpec ts = out[0].getDataTableSpec();
        assertEquals("ok", text(t, ts, TransformColumns.VERDICT), text(t, ts, TransformColumns.REASON));
        assertEquals(0.01, value(t, ts, TransformColumns.EM_PIXEL_UM), 1e-12);
        assertEquals(0.01 / 0.9, value(t, ts, TransformColumns.LM_PIXEL_UM), 1e-12);
        assertEquals(1.0, value(t, ts, TransformColumns.SCALE_UM), 0.01, "an LM µm is an EM µm");
        assertEquals(value(t, ts, TransformColumns.TX) * 0.01, value(t, ts, TransformColumns.TX_UM), 1e-9);
        DataRow img = rows(out[1]).get(0);
        for (int c = 0; c < 2; c++) { // registered chromatin and overlay: in the EM frame, with its calibration
            ImgPlusValue<?> v = (ImgPlusValue<?>)img.getCell(c);
            assertEquals(0.01, ImageCalibrations.pixelSize(v).x(), 1e-12);
            assertEquals("µm", v.getImgPlus().axis(v.getImgPlus().dimensionIndex(Axes.X)).unit());
        }

        // a given size overrides the cell's; it is off by 4.5x, so the prior excludes the true scale
        h.editSettings(s -> s.addString(ClemRegistrationSettings.LM_PIXEL_SIZE, "50 nm"));
        DataRow given = rows(h.execute(in)[0]).get(0);
        assertEquals(0.05, value(given, ts, TransformColumns.LM_PIXEL_UM), 1e-12);
        assertEquals("failed", text(given, ts, TransformColumns.VERDICT));

        var e = assertThrows(InvalidSettingsException.class, () -> {
            h.editSettings(s -> s.addString(ClemRegistrationSettings.LM_PIXEL_SIZE, "50"));
            h.configurePorts(SPEC, null, null);
        });
        assertTrue(e.getMessage().contains("Chromatin (LM) pixel size"), e.getMessage());
    }

    /** The known pair with its chromatin image mirrored left-right: found only with "Also try ... mirrored". */
    @Test
    void mirrorOptionFindsAMirroredChromatinImageAndSaysSo() throws Exception {
        KnownPair k = knownPair();
        ArrayImg<FloatType, FloatArray> mirrored = Planes.toFloat(MirrorSearch.mirroredView(k.moving()));
        BufferedDataTable in = NodeHarness.table(SPEC, List.of(new DefaultRow("mirrored", k.fixedCell(),
            TestImages.cell(mirrored, "mirrored", Axes.X, Axes.Y)), new DefaultRow("plain", k.fixedCell(),
                k.movingCell())));
        Affine2D truth = k.fixedToMoving().inverse().after(MirrorSearch.flipX(k.moving()));

        NodeHarness without = node();
        BufferedDataTable[] plainOut = without.execute(in);
        List<DataRow> p = rows(plainOut[0]);
        DataTableSpec ts = plainOut[0].getDataTableSpec();
        assertEquals("failed", text(p.get(0), ts, TransformColumns.VERDICT), "no similarity holds a flip");
        assertEquals("ok", text(p.get(1), ts, TransformColumns.VERDICT));
        assertFalse(mirroredCell(p.get(1), ts));

        NodeHarness with = node();
        with.editSettings(s -> s.addBoolean(ClemRegistrationSettings.MIRROR, true));
        List<DataRow> t = rows(with.execute(in)[0]);
        assertEquals("ok", text(t.get(0), ts, TransformColumns.VERDICT), text(t.get(0), ts, TransformColumns.REASON));
        assertTrue(mirroredCell(t.get(0), ts));
        double[] m = new double[6];
        for (int i = 0; i < 6; i++) {
            m[i] = value(t.get(0), ts, TransformColumns.MATRIX[i]);
        }
        Affine2D found = Affine2D.fromRowMajor(m);
        assertTrue(found.determinant() < 0);
        assertTrue(found.rmsDistance(truth, 1100, 900, 8) < 1.0, found + " vs " + truth);
        assertTrue(text(t.get(0), ts, TransformColumns.FIJI_XML).contains("AffineModel2D"));
        assertEquals("ok", text(t.get(1), ts, TransformColumns.VERDICT));
        assertFalse(mirroredCell(t.get(1), ts), "the plain pair stays unmirrored with the option");
        assertTrue(with.saveSettings().getBoolean(ClemRegistrationSettings.MIRROR));
        assertFalse(without.saveSettings().getBoolean(ClemRegistrationSettings.MIRROR), "off by default");
    }

    private static boolean mirroredCell(final DataRow r, final DataTableSpec spec) {
        return ((BooleanValue)r.getCell(spec.findColumnIndex(TransformColumns.MIRRORED))).getBooleanValue();
    }

    private static double value(final DataRow r, final DataTableSpec spec, final String column) {
        return ((DoubleValue)r.getCell(spec.findColumnIndex(column))).getDoubleValue();
    }

    private static String text(final DataRow r, final DataTableSpec spec, final String column) {
        return ((StringValue)r.getCell(spec.findColumnIndex(column))).getStringValue();
    }

    private static List<DataRow> rows(final BufferedDataTable t) {
        List<DataRow> rows = new ArrayList<>();
        t.forEach(rows::add);
        return rows;
    }
}
