package org.knime.deepclem.nodes.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.IntValue;
import org.knime.core.data.StringValue;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeHarness;
import org.knime.core.node.NodeSettings;
import org.knime.deepclem.engine.io.PixelSize;
import org.knime.deepclem.engine.predict.ModelSettings;
import org.knime.deepclem.engine.predict.VirtualChromatinModel;
import org.knime.deepclem.nodes.TestImages;
import org.knime.deepclem.nodes.common.ImageCalibrations;
import org.knime.knip.base.data.img.ImgPlusCell;
import org.knime.knip.base.data.img.ImgPlusCellFactory;

class ClemNetworkLearnerNodeModelTest {

    static final DataTableSpec SPEC = new DataTableSpec(
        new DataColumnSpecCreator("EM", ImgPlusCell.TYPE).createSpec(),
        new DataColumnSpecCreator("Chromatin", ImgPlusCell.TYPE).createSpec());

    /** Pairs of synthetic 64x64 images: dark nuclei in the EM, bright in the chromatin. */
    static BufferedDataTable pairs(final int n) {
        return pairs(new String[n]);
    }

    /** As {@link #pairs(int)}, one pair per entry, its EM calibrated with that pixel size (null: uncalibrated). */
    static BufferedDataTable pairs(final String... emPixelSizes) {
        List<DataRow> rows = new ArrayList<>();
        for (int i = 0; i < emPixelSizes.length; i++) {
            int cx = 20 + 8 * i, cy = 30 + 5 * i;
            ImgPlusCell<?> em = TestImages.synthetic(64, 64,
                (x, y) -> inside(x, y, cx, cy) ? 60 : 180 + (x * 7 + y * 13) % 40);
            if (emPixelSizes[i] != null) {
                var img = new net.imagej.ImgPlus<>(net.imglib2.img.array.ArrayImgs.floats(
                    org.knime.deepclem.engine.image.Planes.copy(em.getImgPlus()), 64, 64), "em",
                    new net.imagej.axis.AxisType[]{net.imagej.axis.Axes.X, net.imagej.axis.Axes.Y});
                ImageCalibrations.calibrate(img, PixelSize.parse(emPixelSizes[i]));
                try {
                    em = new ImgPlusCellFactory(NodeHarness.executionContext()).createCell(img);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            rows.add(new DefaultRow("pair" + i, em,
                TestImages.synthetic(64, 64, (x, y) -> inside(x, y, cx, cy) ? 220 : 10)));
        }
        rows.add(new DefaultRow("missing", DataType.getMissingCell(), DataType.getMissingCell()));
        return NodeHarness.table(SPEC, rows);
    }

    private static boolean inside(final int x, final int y, final int cx, final int cy) {
        return (x - cx) * (x - cx) + (y - cy) * (y - cy) < 100;
    }

    /** A learner set up for a seconds-long training run writing to {@code zip}. */
    static NodeHarness tinyLearner(final Path zip) throws InvalidSettingsException {
        NodeHarness h = new NodeHarness(new ClemNetworkLearnerNodeFactory());
        h.editSettings(s -> {
            s.addString(ClemNetworkLearnerSettings.OUTPUT_PATH, zip.toString());
            s.addInt(ClemNetworkLearnerSettings.STEPS, 4);
            s.addInt(ClemNetworkLearnerSettings.PATCH, 16);
            s.addInt(ClemNetworkLearnerSettings.BATCH, 2);
            s.addDouble(ClemNetworkLearnerSettings.SCALE, 1.0);
            s.addInt(ClemNetworkLearnerSettings.VALIDATE_EVERY, 2);
            s.addDouble(ClemNetworkLearnerSettings.VALIDATION, 0.2);
            s.addInt(ClemNetworkLearnerSettings.DEPTH, 2);
            s.addInt(ClemNetworkLearnerSettings.FILTERS, 4);
        });
        return h;
    }

    @Test
    void configureChecksColumnsAndOutput(@TempDir final Path dir) throws Exception {
        NodeHarness h = new NodeHarness(new ClemNetworkLearnerNodeFactory());
        // the default, the workflow's data folder, needs a workflow to resolve against (RealKnimeUrlsTest runs it)
        assertEquals("knime://knime.workflow/data/deepclem-model.zip",
            h.saveSettings().getString(ClemNetworkLearnerSettings.OUTPUT_PATH));
        var e = assertThrows(InvalidSettingsException.class, () -> h.configure(SPEC));
        assertTrue(e.getMessage().startsWith("\"Model file (.zip)\"")
            && e.getMessage().contains("knime://knime.workflow/data/deepclem-model.zip"), e.getMessage());
        h.editSettings(s -> s.addString(ClemNetworkLearnerSettings.OUTPUT_PATH, " "));
        e = assertThrows(InvalidSettingsException.class, () -> h.configure(SPEC));
        assertTrue(e.getMessage().startsWith("\"Model file (.zip)\" is empty"), e.getMessage());
        h.editSettings(s -> s.addString(ClemNetworkLearnerSettings.OUTPUT_PATH, "models/m.zip"));
        e = assertThrows(InvalidSettingsException.class, () -> h.configure(SPEC));
        assertTrue(e.getMessage().contains("is a relative path") && e.getMessage().contains(
            "knime://knime.workflow/data/m.zip"), e.getMessage());
        h.editSettings(s -> s.addString(ClemNetworkLearnerSettings.OUTPUT_PATH, dir.toString()));
        e = assertThrows(InvalidSettingsException.class, () -> h.configure(SPEC));
        assertTrue(e.getMessage().contains("is a folder"), e.getMessage());

        // a missing folder is fine: it is created when the model is written
        h.editSettings(s -> s.addString(ClemNetworkLearnerSettings.OUTPUT_PATH, dir.resolve("new/m.zip").toString()));
        DataTableSpec[] out = h.configure(SPEC);
        assertEquals(List.of("Model file", "Pairs", "Steps done", "Validation loss of the kept weights", "Training seconds",
            "EM pixel size (µm)"), List.of(out[0].getColumnNames()));
        assertEquals(List.of("Step", "Training loss", "Validation loss"), List.of(out[1].getColumnNames()));
        assertEquals("Chromatin", h.saveSettings().getString(ClemNetworkLearnerSettings.CHROMATIN_COLUMN));

        NodeSettings loss = h.saveSettings();
        loss.addString(ClemNetworkLearnerSettings.LOSS, "huber");
        e = assertThrows(InvalidSettingsException.class, () -> h.loadSettings(loss));
        assertTrue(e.getMessage().contains("\"Loss\" must be mse or mae"), e.getMessage());
    }

    @Test
    void settingsSurviveSaveLoadAndDialog(@TempDir final Path dir) throws Exception {
        NodeHarness h = tinyLearner(dir.resolve("m.zip"));
        h.editSettings(s -> {
            s.addString(ClemNetworkLearnerSettings.EM_COLUMN, "EM");
            s.addString(ClemNetworkLearnerSettings.CHROMATIN_COLUMN, "Chromatin");
            s.addString(ClemNetworkLearnerSettings.LOSS, "mae");
            s.addString(ClemNetworkLearnerSettings.EM_PIXEL_SIZE, "5 nm");
        });
        NodeSettings saved = h.saveSettings();
        NodeHarness other = new NodeHarness(new ClemNetworkLearnerNodeFactory());
        other.loadSettings(saved);
        assertEquals(saved.toString(), other.saveSettings().toString());
        assertEquals(saved.toString(), h.dialogRoundTrip(saved, SPEC).toString());
        assertEquals("5 nm", other.saveSettings().getString(ClemNetworkLearnerSettings.EM_PIXEL_SIZE));

        // a new node keeps the best validation step, as deepclem train does; the option reaches the trainer
        ClemNetworkLearnerSettings averaging = new ClemNetworkLearnerSettings();
        assertFalse(averaging.trainingOptions().averageWeights());
        averaging.m_averageWeights.setBooleanValue(true);
        assertTrue(averaging.trainingOptions().averageWeights());

        // a workflow saved before "EM pixel size" and "Average the weights" existed loads with "from image" and
        // keeps the best validation step
        NodeSettings older = new NodeSettings("model");
        for (var o : new ClemNetworkLearnerSettings().options().options()) {
            if (!o.key().equals(ClemNetworkLearnerSettings.EM_PIXEL_SIZE)
                && !o.key().equals(ClemNetworkLearnerSettings.AVERAGE_WEIGHTS)) {
                o.model().saveSettingsTo(older);
            }
        }
        other.loadSettings(older);
        assertEquals("from image", other.saveSettings().getString(ClemNetworkLearnerSettings.EM_PIXEL_SIZE));
        assertFalse(other.saveSettings().getBoolean(ClemNetworkLearnerSettings.AVERAGE_WEIGHTS));
    }

    @Test
    void executeTrainsWritesTheModelAndReportsLosses(@TempDir final Path dir) throws Exception {
        Path zip = dir.resolve("models/model.zip");
        NodeHarness h = tinyLearner(zip);
        BufferedDataTable[] out = h.execute(pairs(3));
        assertTrue(Files.size(zip) > 0);
        DataRow model = out[0].iterator().next();
        assertEquals(zip.toAbsolutePath().toString(), ((StringValue)model.getCell(0)).getStringValue());
        assertEquals(3, ((IntValue)model.getCell(1)).getIntValue());
        assertEquals(4, ((IntValue)model.getCell(2)).getIntValue());
        assertEquals(2, out[1].size(), "a loss row every 2 of 4 steps");
        for (DataRow r : out[1]) {
            assertTrue(((DoubleValue)r.getCell(1)).getDoubleValue() > 0);
        }
        assertTrue(h.warning().contains("Only 3 training pair(s)") && h.warning().contains("1 row(s) with a missing"),
            h.warning());
        try (VirtualChromatinModel m = VirtualChromatinModel.load(zip)) {
            assertEquals(1.0, m.settings().workingScale(), "the model records the node's preprocessing");
            assertEquals(null, m.settings().emPixelSizeUm(), "uncalibrated images: no pixel size recorded");
        }
        assertTrue(model.getCell(5).isMissing(), "EM pixel size (µm): none recorded");

        var e = assertThrows(IllegalArgumentException.class, () -> tinyLearner(zip).execute(pairs(3)));
        assertTrue(e.getMessage().contains("already exists"), e.getMessage());
    }

    /** The deepclem.json inside a model zip, parsed. */
    private static ModelSettings sidecar(final Path zip) throws Exception {
        try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(zip.toFile())) {
            var entry = z.stream().filter(e -> e.getName().endsWith(ModelSettings.FILE_NAME)).findFirst()
                .orElseThrow();
            Path json = Files.createTempFile("deepclem", ".json");
            try (var in = z.getInputStream(entry)) {
                Files.copy(in, json, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                return ModelSettings.read(json);
            } finally {
                Files.delete(json);
            }
        }
    }

    /** Issue 13: the model records the pixel size its training EM images have (deepclem.json emPixelSizeUm). */
    @Test
    void theModelRecordsTheTrainingEmPixelSize(@TempDir final Path dir) throws Exception {
        Path zip = dir.resolve("calibrated.zip");
        NodeHarness h = tinyLearner(zip);
        BufferedDataTable[] out = h.execute(pairs("10nm", "0.01um", "10.05 nm"));
        assertEquals(0.01005 / 3 + 0.02 / 3, sidecar(zip).emPixelSizeUm(), 1e-12, "the mean of sizes 1 % apart");
        DataRow model = out[0].iterator().next();
        assertEquals(sidecar(zip).emPixelSizeUm(), ((DoubleValue)model.getCell(out[0].getDataTableSpec()
            .findColumnIndex("EM pixel size (µm)"))).getDoubleValue(), 0);
        assertEquals("the training EM images", sidecar(zip).training().get("emPixelSizeFrom"));
    }

    @Test
    void trainingImagesOfDifferentPixelSizesAreRefusedBeforeTraining(@TempDir final Path dir) throws Exception {
        Path zip = dir.resolve("m.zip");
        var e = assertThrows(IllegalArgumentException.class,
            () -> tinyLearner(zip).execute(pairs("5nm", "5nm", "10nm")));
        assertTrue(e.getMessage().startsWith("The training EM images have different pixel sizes (more than 1 % apart): "
            + "5 nm: \"pair0\", \"pair1\"; 10 nm: \"pair2\". A model records one training pixel size: give it with "
            + "\"EM pixel size\""), e.getMessage());
        assertTrue(!Files.exists(zip));
        e = assertThrows(IllegalArgumentException.class, () -> tinyLearner(zip).execute(pairs("5nm", null, null)));
        assertTrue(e.getMessage().startsWith("Only some training EM images have a pixel size: 5 nm: \"pair0\"; none: "
            + "\"pair1\", \"pair2\"."), e.getMessage());

        // a size typed in the dialog is recorded as given, whatever the images say
        NodeHarness given = tinyLearner(zip);
        given.editSettings(s -> s.addString(ClemNetworkLearnerSettings.EM_PIXEL_SIZE, "8nm"));
        given.execute(pairs("5nm", null, "10nm"));
        assertEquals(0.008, sidecar(zip).emPixelSizeUm(), 1e-15);
        assertEquals("the node's setting", sidecar(zip).training().get("emPixelSizeFrom"));

        NodeSettings bad = given.saveSettings();
        bad.addString(ClemNetworkLearnerSettings.EM_PIXEL_SIZE, "8");
        var invalid = assertThrows(InvalidSettingsException.class, () -> given.loadSettings(bad));
        assertTrue(invalid.getMessage().startsWith("\"EM pixel size\": pixel size '8' is not a positive value with a "
            + "length unit"), invalid.getMessage());
    }

    @Test
    void cancelStopsTraining(@TempDir final Path dir) throws Exception {
        NodeHarness h = tinyLearner(dir.resolve("c.zip")).withMonitor(new NodeHarness.CancelingMonitor(1));
        assertThrows(CanceledExecutionException.class, () -> h.execute(pairs(3)));
        assertTrue(!Files.exists(dir.resolve("c.zip")), "no model written");
    }
}
