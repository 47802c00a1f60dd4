package org.knime.deepclem.workflows;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knime.core.data.DataRow;
import org.knime.core.node.BufferedDataTable;
import org.knime.deepclem.nodes.TestImages;
import org.knime.knip.base.data.img.ImgPlusValue;

/**
 * The generator's building blocks on a small workflow (Table Creator, Image Reader (Table), EM Preprocessor): written
 * to disk, parsed back from the folder and the archive, and executed through the stand-in on the demo EM image.
 */
class WorkflowRunnerTest {

    @TempDir
    Path tmp;

    private static Workflow small() throws Exception {
        WorkflowBuilder b = new WorkflowBuilder("Small", "test", List.of("test"));
        b.data("data/EM.png", Files.readAllBytes(TestImages.example("EM.png")));
        b.knime(1, KnimeNodes.TABLE_CREATOR, KnimeNodes.tableCreator(List.of("EM file"),
            List.of(List.of(WorkflowGenerator.WF + "data/EM.png"))), 0, 0, null);
        b.knime(2, KnimeNodes.IMAGE_READER_TABLE, KnimeNodes.imageReaderTable("EM file", " EM"), 100, 0, null);
        b.ours(3, WorkflowGenerator.PREPROCESS, Map.of("image_column", "Image EM", "scale", 0.5), 200, 0,
            "half size");
        b.connect(1, 1, 2, 1);
        b.connect(2, 1, 3, 1);
        return b.build();
    }

    @Test
    void aWrittenWorkflowParsesBackAndRunsOnTheDemoImage() throws Exception {
        Workflow w = small();
        Path dir = tmp.resolve("Small");
        w.writeFolder(dir);
        Workflow.Parsed fromFolder = Workflow.parse(Workflow.readFolder(dir), "Small");
        Workflow.Parsed fromArchive =
            Workflow.parse(Workflow.readKnwf(new ByteArrayInputStream(w.knwf()), "Small.knwf"), "Small.knwf");
        assertEquals(fromFolder.workflowKnime(), fromArchive.workflowKnime());
        assertEquals(3, fromFolder.nodes().size());
        assertEquals("EM Preprocessor (#3)/settings.xml", fromFolder.node(3).settingsFile());
        assertEquals("Image EM", fromFolder.node(3).model().getString("image_column"));
        assertEquals("0.5", fromFolder.node(3).model().getEntry("scale").value());
        assertEquals("half size", fromFolder.node(3).settings().getString("customDescription"));
        assertEquals(1, fromFolder.node(3).nrOutPortsStored());
        assertArrayEquals(w.knwf(), small().knwf(), "archives are reproducible");

        Map<Integer, BufferedDataTable[]> out = new WorkflowRunner(dir, fromFolder).run();
        BufferedDataTable table = out.get(3)[0];
        assertEquals(List.of("EM file", "Image EM", "Preprocessed"), List.of(table.getDataTableSpec().getColumnNames()));
        DataRow row = table.iterator().next();
        assertEquals("Row0", row.getKey().getString());
        long[] em = ((ImgPlusValue<?>)row.getCell(1)).getDimensions();
        long[] pre = ((ImgPlusValue<?>)row.getCell(2)).getDimensions();
        assertArrayEquals(new long[] {1002, 530, 3}, em, "RGB EM as KNIP reads it");
        assertArrayEquals(new long[] {501, 265}, pre, "one plane at half size");
    }

    @Test
    void aPathOutsideTheWorkflowIsRefused() throws Exception {
        Workflow w = small();
        Path dir = tmp.resolve("Small");
        w.writeFolder(dir);
        WorkflowRunner r = new WorkflowRunner(dir, Workflow.parse(Workflow.readFolder(dir), "Small"));
        var e = assertThrows(java.io.IOException.class, () -> r.resolve("file:/etc/passwd"));
        assertTrue(e.getMessage().contains("knime://knime.workflow/"), e.getMessage());
        e = assertThrows(java.io.IOException.class, () -> r.resolve(WorkflowGenerator.WF + "../../x.png"));
        assertTrue(e.getMessage().contains("does not name a file"), e.getMessage());
    }

    @Test
    void aSettingTheNodeDoesNotHaveIsRefused() {
        WorkflowBuilder b = new WorkflowBuilder("X", "x", List.of());
        var e = assertThrows(IllegalArgumentException.class,
            () -> b.ours(1, WorkflowGenerator.PREPROCESS, Map.of("no_such_key", "v"), 0, 0, null));
        assertTrue(e.getMessage().contains("has no setting \"no_such_key\""), e.getMessage());
        var e2 = assertThrows(IllegalStateException.class,
            () -> b.ours(1, WorkflowGenerator.PREPROCESS, Map.of("scale", 99.0), 0, 0, null));
        assertTrue(e2.getMessage().contains("refuses"), e2.getMessage());
    }
}
