package org.knime.deepclem.engine.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knime.deepclem.engine.geometry.Affine2D;
import org.knime.deepclem.engine.registration.Quality;
import org.knime.deepclem.engine.registration.RegistrationResult;
import org.knime.deepclem.engine.registration.TransformModel;
import org.knime.deepclem.engine.registration.Verdict;

class TransformXmlTest {

    @TempDir
    Path tmp;

    private static void assertSameMatrix(Affine2D expected, Affine2D actual) {
        double[] e = expected.toRowMajor(), a = actual.toRowMajor();
        for (int i = 0; i < 6; i++) {
            assertTrue(e[i] == a[i], "entry " + i + ": expected " + e[i] + " got " + a[i]);
        }
    }

    @Test
    void similarityDataStringIsScosSsinTxTy() {
        Affine2D m = Affine2D.similarity(1.5, Math.toRadians(30), 12.25, -7.5);
        String xml = TransformXml.toXml(m);
        assertEquals("<iict_transform class=\"mpicbg.trakem2.transform.SimilarityModel2D\" data=\"" + m.a() + " " + m.c()
            + " 12.25 -7.5\" />\n", xml);
        // a point maps as mpicbg's SimilarityModel2D.applyInPlace: x' = scos x - ssin y + tx
        Affine2D back = TransformXml.fromXml(xml, "s.xml").result().movingToFixed();
        assertEquals(m.a() * 10 - m.c() * 20 + 12.25, back.applyX(10, 20), 1e-12);
        assertEquals(m.c() * 10 + m.a() * 20 - 7.5, back.applyY(10, 20), 1e-12);
    }

    @Test
    void affineDataStringIsColumnMajor() {
        Affine2D m = new Affine2D(1.1, 0.2, 5, -0.3, 0.9, 6);
        assertEquals("<iict_transform class=\"mpicbg.trakem2.transform.AffineModel2D\" data=\"1.1 -0.3 0.2 0.9 5.0 6.0\" />\n",
            TransformXml.toXml(m));
        assertEquals("<iict_transform class=\"mpicbg.trakem2.transform.TranslationModel2D\" data=\"3.0 -4.5\" />\n",
            TransformXml.toXml(Affine2D.translation(3, -4.5)));
    }

    /**
     * A mirrored result (MirrorSearch: det &lt; 0) cannot be a SimilarityModel2D (its data "scos ssin tx ty" always
     * has det = scos^2 + ssin^2 &gt; 0), so it is written as an AffineModel2D. Checked two ways: by our reader, and by
     * mpicbg's own semantics (axtimwalde/mpicbg: mpicbg.trakem2.transform.AffineModel2D.init parses the six fields
     * as floats in the order m00 m10 m01 m11 m02 m12 and passes them to mpicbg.models.AffineModel2D.set, whose
     * applyInPlace maps x' = m00 x + m01 y + m02, y' = m10 x + m11 y + m12).
     */
    @Test
    void mirroredResultIsAnAffineModelThatMapsPointsAsMpicbgDoes() {
        Affine2D m = Affine2D.similarity(1.6, Math.toRadians(20), 115.0, -649.1)
            .after(new Affine2D(-1, 0, 1097, 0, 1, 0));
        RegistrationResult r = new RegistrationResult(m, TransformModel.SIMILARITY, "correlation", Quality.NONE,
            Verdict.OK, "");
        String xml = TransformXml.toXml(TransformDocument.of(r));
        assertTrue(xml.contains("class=\"mpicbg.trakem2.transform.AffineModel2D\""), xml);
        Affine2D back = TransformXml.fromXml(xml, "m.xml").result().movingToFixed();
        assertSameMatrix(m, back);
        assertTrue(back.mirrored());
        String[] f = xml.replaceAll(".*data=\"([^\"]*)\".*\\s*", "$1").trim().split("\\s+");
        float m00 = Float.parseFloat(f[0]), m10 = Float.parseFloat(f[1]), m01 = Float.parseFloat(f[2]),
            m11 = Float.parseFloat(f[3]), m02 = Float.parseFloat(f[4]), m12 = Float.parseFloat(f[5]);
        for (double[] p : new double[][] {{0, 0}, {1097, 0}, {0, 1097}, {548.5, 300.25}}) {
            double x = m00 * p[0] + m01 * p[1] + m02, y = m10 * p[0] + m11 * p[1] + m12;
            // float parsing in mpicbg: a few 1e-4 px at these coordinates
            assertEquals(m.applyX(p[0], p[1]), x, 1e-3, "x of " + p[0] + "," + p[1]);
            assertEquals(m.applyY(p[0], p[1]), y, 1e-3, "y of " + p[0] + "," + p[1]);
        }
        // the LM's left edge lands where the right edge would without the flip
        assertEquals(Affine2D.similarity(1.6, Math.toRadians(20), 115.0, -649.1).applyX(1097, 0), m.applyX(0, 0),
            1e-9);
    }

    @Test
    void xmlToJsonToXmlIsExact() {
        Random r = new Random(7);
        for (int i = 0; i < 200; i++) {
            Affine2D m = switch (i % 3) {
                case 0 -> Affine2D.similarity(0.2 + 3 * r.nextDouble(), r.nextDouble() * 7 - 3.5, r.nextGaussian() * 500,
                    r.nextGaussian() * 500);
                case 1 -> new Affine2D(r.nextGaussian(), r.nextGaussian(), r.nextGaussian() * 1e3, r.nextGaussian(),
                    r.nextGaussian(), r.nextGaussian() * 1e-3);
                default -> Affine2D.translation(r.nextGaussian() * 1e4, r.nextGaussian());
            };
            String xml = TransformXml.toXml(m);
            TransformDocument viaXml = TransformXml.fromXml(xml, "a.xml");
            TransformDocument viaJson = TransformJson.fromJson(TransformJson.toJson(viaXml), "a.json");
            assertEquals(xml, TransformXml.toXml(viaJson));
            assertSameMatrix(m, viaJson.result().movingToFixed());
        }
    }

    @Test
    void readsARegisterVirtualStackSlicesList() throws IOException {
        // as Register Virtual Stack Slices saves it: the fitted model, then the shift to the previous slice's origin
        String rvs = "<ict_transform_list>\n"
            + "\t<iict_transform class=\"mpicbg.trakem2.transform.SimilarityModel2D\" data=\"0.9 0.1 20.0 -3.0\" />\n"
            + "\t<iict_transform class=\"mpicbg.trakem2.transform.TranslationModel2D\" data=\"5.0 7.0\" />\n"
            + "</ict_transform_list>";
        Path f = tmp.resolve("transformation_LM_image.xml");
        Files.writeString(f, rvs);
        TransformDocument d = TransformFiles.read(f);
        Affine2D m = d.result().movingToFixed();
        assertEquals(TransformModel.SIMILARITY, d.result().model());
        assertEquals(Verdict.OK, d.result().verdict());
        // (x, y) = (10, 0): similarity -> (0.9*10 + 20, 0.1*10 - 3) = (29, -2); then + (5, 7) = (34, 5)
        assertEquals(34, m.applyX(10, 0), 1e-12);
        assertEquals(5, m.applyY(10, 0), 1e-12);
        Affine2D rigid = TransformXml.fromXml("<iict_transform class='mpicbg.trakem2.transform.RigidModel2D' data='"
            + Math.PI / 2 + " 1 2'/>", "r.xml").result().movingToFixed();
        assertEquals(1, rigid.applyX(0, 0), 1e-12);
        assertEquals(3, rigid.applyY(1, 0), 1e-12); // 90 degrees: (1, 0) -> (0, 1), + (1, 2)
        assertEquals(1, rigid.applyX(1, 0), 1e-12);
    }

    @Test
    void writesFilesAndRefusesFailedResults() throws IOException {
        Affine2D m = Affine2D.similarity(1.2, 0.3, 4, 5);
        TransformDocument ok = new TransformDocument(new RegistrationResult(m, TransformModel.SIMILARITY, "features",
            Quality.NONE, Verdict.OK, ""), null, null);
        Path f = tmp.resolve("t.xml");
        TransformFiles.write(ok, f, false);
        assertSameMatrix(m, TransformFiles.read(f).result().movingToFixed());
        Path g = tmp.resolve("t.json");
        TransformFiles.write(ok, g, false);
        assertSameMatrix(m, TransformFiles.read(g).result().movingToFixed());
        TransformDocument failed = new TransformDocument(RegistrationResult.failed(TransformModel.SIMILARITY, "features",
            m, Quality.NONE, "too few inliers"), null, null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> TransformFiles.write(failed, tmp.resolve("f.xml"), false));
        assertTrue(e.getMessage().contains("too few inliers"), e.getMessage());
        assertTrue(!Files.exists(tmp.resolve("f.xml")));
        // .txt is elastix's parameter file now; a name of no known kind is refused
        assertThrows(IllegalArgumentException.class, () -> TransformFiles.read(tmp.resolve("t.yaml")));
    }

    @Test
    void malformedXmlGivesAClearError() throws IOException {
        String p = "<iict_transform class=\"mpicbg.trakem2.transform.";
        String[] bad = {"", "not xml", "<foo/>", "<ict_transform_list></ict_transform_list>",
            p + "SimilarityModel2D\" data=\"1 0 0\" />", p + "SimilarityModel2D\" data=\"1 0 NaN 0\" />",
            p + "AffineModel2D\" data=\"1 0 0 1 0 Infinity\" />", p + "AffineModel2D\" data=\"1 0 0 1 0 x\" />",
            p + "AffineModel2D\" data=\"0 0 0 0 0 0\" />", p + "CubicBSplineTransform\" data=\"1 2\" />",
            "<iict_transform class=\"java.lang.Runtime\" data=\"1 2\" />",
            "<!DOCTYPE a [<!ENTITY x \"1 0 0 1 0 0\">]><iict_transform class=\"mpicbg.trakem2.transform.AffineModel2D\" data=\"&x;\" />"};
        for (String s : bad) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TransformXml.fromXml(s, "bad.xml"), s);
            assertTrue(e.getMessage().startsWith("bad.xml: "), e.getMessage());
            assertTrue(!e.getMessage().contains("\n"), e.getMessage());
        }
        Path big = tmp.resolve("big.xml");
        Files.write(big, new byte[(int) TransformJson.MAX_BYTES + 10]);
        assertThrows(IOException.class, () -> TransformXml.read(big));
    }
}
