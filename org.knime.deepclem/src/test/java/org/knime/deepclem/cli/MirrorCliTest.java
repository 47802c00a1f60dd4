package org.knime.deepclem.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knime.deepclem.engine.geometry.Affine2D;
import org.knime.deepclem.engine.io.RepoData;
import org.knime.deepclem.engine.transform.TransformJson;

/**
 * {@code --mirror} on the demo pair with its LM flipped left-right, as a section seen from the other side: without
 * the option the pair fails (exit 1), with it the pair registers mirrored, to the demo's own answer composed with the
 * flip.
 */
class MirrorCliTest {

    @TempDir
    static Path tmp;

    static final Path EM = RepoData.file("example/EM.png");
    static final Path CHROMATIN = RepoData.file("example/Chromatin.png");
    static Path mirroredLm;
    static int lmWidth;
    static Affine2D plain;

    @BeforeAll
    static void mirrorTheDemoLmAndRegisterThePlainPair() throws IOException {
        BufferedImage lm = ImageIO.read(CHROMATIN.toFile());
        lmWidth = lm.getWidth();
        BufferedImage flipped = new BufferedImage(lm.getWidth(), lm.getHeight(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < lm.getHeight(); y++) {
            for (int x = 0; x < lm.getWidth(); x++) {
                flipped.setRGB(lm.getWidth() - 1 - x, y, lm.getRGB(x, y));
            }
        }
        mirroredLm = tmp.resolve("Chromatin_mirrored.png");
        ImageIO.write(flipped, "png", mirroredLm.toFile());
        CliRun r = CliRun.of("register", "--em", EM, "--lm", CHROMATIN, "--out", tmp.resolve("plain"));
        assertEquals(0, r.code(), r.out() + r.err());
        plain = TransformJson.read(tmp.resolve("plain/transform.json")).result().movingToFixed();
    }

    @Test
    void mirroredLmFailsWithoutTheOption() throws IOException {
        Path out = tmp.resolve("without");
        CliRun r = CliRun.of("register", "--em", EM, "--lm", mirroredLm, "--out", out);
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(Files.readString(out.resolve("transform.json")).contains("\"verdict\": \"failed\""));
        assertFalse(Files.exists(out.resolve("Chromatin_mirrored_registered.tif")));
    }

    @Test
    void mirroredLmRegistersMirroredWithTheOption() throws IOException {
        Path out = tmp.resolve("with");
        CliRun r = CliRun.of("register", "--em", EM, "--lm", mirroredLm, "--out", out, "--mirror");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("ok by correlation: mirrored (LM flipped left-right)"), r.out());
        String json = Files.readString(out.resolve("transform.json"));
        assertTrue(json.contains("\"mirrored\": true"), json);
        Affine2D found = TransformJson.read(out.resolve("transform.json")).result().movingToFixed();
        Affine2D expected = plain.after(new Affine2D(-1, 0, lmWidth - 1, 0, 1, 0));
        double off = found.rmsDistance(expected, 1002, 530, 16);
        assertTrue(off < 2, "mirrored answer " + off + " px from the plain one composed with the flip");
        assertTrue(Files.readString(out.resolve("transform.xml")).contains("AffineModel2D"));
        assertTrue(Files.exists(out.resolve("Chromatin_mirrored_registered.tif")));
    }

    @Test
    void plainPairWithTheOptionKeepsItsAnswer() throws IOException {
        Path out = tmp.resolve("plainMirror");
        CliRun r = CliRun.of("register", "--em", EM, "--lm", CHROMATIN, "--out", out, "--mirror");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(Files.readString(out.resolve("transform.json")).contains("\"mirrored\": false"));
        assertEquals(plain, TransformJson.read(out.resolve("transform.json")).result().movingToFixed());
    }

    /** align: the demo chromatin against its own mirror image is the flip itself. */
    @Test
    void alignFindsTheFlip() throws IOException {
        Path out = tmp.resolve("align");
        CliRun r = CliRun.of("align", "--fixed", CHROMATIN, "--moving", mirroredLm, "--out", out, "--mirror",
            "--fixed-channel", "blue", "--moving-channel", "blue");
        assertEquals(0, r.code(), r.out() + r.err());
        Affine2D found = TransformJson.read(out.resolve("transform.json")).result().movingToFixed();
        assertTrue(found.mirrored());
        assertTrue(found.rmsDistance(new Affine2D(-1, 0, lmWidth - 1, 0, 1, 0), lmWidth, 1024, 16) < 0.5,
            found.toString());
    }

    @Test
    void batchReportsMirroredPairsInItsSummary() throws IOException {
        Path dir = tmp.resolve("batch");
        Files.createDirectories(dir);
        Path pairs = Files.writeString(dir.resolve("pairs.csv"), "id,em,lm\nflipped," + EM + "," + mirroredLm + "\n");
        CliRun r = CliRun.of("batch", "--pairs", pairs, "--out", dir.resolve("out"), "--mirror", "--threads", "1");
        assertEquals(0, r.code(), r.out() + r.err());
        Map<String, BatchSummary.Row> rows = BatchSummary.read(dir.resolve("out/summary.csv"));
        List<String> v = rows.get("flipped").values();
        assertEquals("ok", v.get(List.of(BatchSummary.COLUMNS).indexOf("verdict")));
        assertEquals("true", v.get(List.of(BatchSummary.COLUMNS).indexOf("mirrored")));
    }
}
