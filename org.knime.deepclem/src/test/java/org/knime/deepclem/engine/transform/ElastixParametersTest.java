package org.knime.deepclem.engine.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knime.deepclem.engine.geometry.Affine2D;
import org.knime.deepclem.engine.image.Planes;
import org.knime.deepclem.engine.io.ImageFiles;
import org.knime.deepclem.engine.io.LoadedImage;
import org.knime.deepclem.engine.io.RepoData;
import org.knime.deepclem.engine.io.SampleType;
import org.knime.deepclem.engine.registration.ElastixRunner;
import org.knime.deepclem.engine.registration.TransformModel;

class ElastixParametersTest {

    @TempDir
    Path tmp;

    @Test
    void roundTripGivesTheSameMatrix() throws Exception {
        for (Map.Entry<String, Affine2D> e : ExportCases.matrices().entrySet()) {
            Path f = tmp.resolve(e.getKey() + "-TransformParameters.txt");
            ElastixParameters.write(ExportCases.doc(e.getValue()), f, false);
            TransformDocument back = TransformFiles.read(f);
            ExportCases.assertSameMatrix(e.getValue(), back.result().movingToFixed(), 1e-9, e.getKey());
            assertEquals(new TransformDocument.ImageSize(ExportCases.FIXED_W, ExportCases.FIXED_H), back.fixedSize());
            assertTrue(back.result().ok());
        }
    }

    @Test
    void writesAnAffineOfFixedToMovingOnTheFixedPixelGrid() {
        Affine2D m = ExportCases.matrices().get("similarity");
        String text = ElastixParameters.toText(ExportCases.doc(m));
        for (String line : List.of("(Transform \"AffineTransform\")", "(NumberOfParameters 6)",
            "(InitialTransformParametersFileName \"NoInitialTransform\")", "(HowToCombineTransforms \"Compose\")",
            "(FixedImageDimension 2)", "(MovingImageDimension 2)", "(Size 1002 530)", "(Index 0 0)", "(Spacing 1 1)",
            "(Origin 0 0)", "(Direction 1 0 0 1)", "(CenterOfRotationPoint 500.5 264.5)",
            "(ResampleInterpolator \"FinalBSplineInterpolator\")", "(FinalBSplineInterpolationOrder 1)",
            "(Resampler \"DefaultResampler\")", "(DefaultPixelValue 0)", "(ResultImageFormat \"tif\")",
            "(ResultImagePixelType \"float\")")) {
            assertTrue(text.contains(line + "\n"), line + " missing in\n" + text);
        }
        assertTrue(!text.contains("E-") && !text.contains("E1") && !text.contains("E2"), "no exponents:\n" + text);
        // the parameters: A row-major, then t, with T(p) = A (p - c) + t + c = inverse of moving -> fixed
        Matcher tp = Pattern.compile("\\(TransformParameters ([^)]*)\\)").matcher(text);
        assertTrue(tp.find());
        String[] v = tp.group(1).split(" ");
        Affine2D inv = m.inverse();
        assertEquals(inv.a(), Double.parseDouble(v[0]), 0);
        assertEquals(inv.b(), Double.parseDouble(v[1]), 0);
        assertEquals(inv.c(), Double.parseDouble(v[2]), 0);
        assertEquals(inv.d(), Double.parseDouble(v[3]), 0);
        assertEquals(inv.applyX(500.5, 264.5) - 500.5, Double.parseDouble(v[4]), 1e-12);
        assertEquals(inv.applyY(500.5, 264.5) - 264.5, Double.parseDouble(v[5]), 1e-12);
    }

    @Test
    void readsElastixsOwn2dTransforms() {
        String head = "// written by elastix\n(FixedImageDimension 2)\n(MovingImageDimension 2)\n(Size 200 100)\n"
            + "(Spacing 1.0000000000 1.0000000000)\n(Origin 0.0000000000 0.0000000000)\n"
            + "(Direction 1.0000000000 0.0000000000 0.0000000000 1.0000000000)\n"
            + "(CenterOfRotationPoint 99.5 49.5)   // the centre\n(InitialTransformParametersFileName \"NoInitialTransform\")\n";
        double th = 0.3, s = 1.4;
        Affine2D c = Affine2D.translation(99.5, 49.5), mc = Affine2D.translation(-99.5, -49.5);
        Affine2D euler = ElastixParameters.fromText(head + "(Transform \"EulerTransform\")\n(NumberOfParameters 3)\n"
            + "(TransformParameters 0.3 5 -7)\n", "e.txt").result().movingToFixed();
        ExportCases.assertSameMatrix(c.after(Affine2D.similarity(1, th, 5, -7)).after(mc).inverse(), euler, 1e-12, "euler");
        assertEquals(TransformModel.RIGID, ElastixParameters.fromText(head + "(Transform \"EulerTransform\")\n"
            + "(TransformParameters 0.3 5 -7)\n", "e.txt").result().model());
        Affine2D sim = ElastixParameters.fromText(head + "(Transform \"SimilarityTransform\")\n"
            + "(TransformParameters 1.4 0.3 5 -7)\n", "s.txt").result().movingToFixed();
        ExportCases.assertSameMatrix(c.after(Affine2D.similarity(s, th, 5, -7)).after(mc).inverse(), sim, 1e-12, "sim");
        Affine2D tr = ElastixParameters.fromText(head + "(Transform \"TranslationTransform\")\n"
            + "(TransformParameters 3.5 -2)\n", "t.txt").result().movingToFixed();
        ExportCases.assertSameMatrix(Affine2D.translation(-3.5, 2), tr, 0, "translation");
    }

    @Test
    void refusesWhatItCannotMapToPixels() throws IOException {
        String ok = ElastixParameters.toText(ExportCases.doc(ExportCases.matrices().get("affine")));
        for (String[] bad : new String[][] {
            {"(Spacing 1 1)", "(Spacing 0.5 0.5)", "Spacing"},
            {"(Origin 0 0)", "(Origin 10 0)", "Origin"},
            {"(Direction 1 0 0 1)", "(Direction 0 1 1 0)", "Direction"},
            {"\"NoInitialTransform\"", "\"TransformParameters.0.txt\"", "chained"},
            {"(FixedImageDimension 2)", "(FixedImageDimension 3)", "2-D"},
            {"\"AffineTransform\"", "\"BSplineTransform\"", "BSplineTransform"},
            {"(NumberOfParameters 6)", "(NumberOfParameters 6)\n(NumberOfParameters 6)", "twice"},
            {"(Transform \"AffineTransform\")", "", "no (Transform"},
            {"(Size 1002 530)", "(Size 1002.5 530)", "Size"}}) {
            String text = ok.replace(bad[0], bad[1]);
            var e = assertThrows(IllegalArgumentException.class, () -> ElastixParameters.fromText(text, "p.txt"));
            assertTrue(e.getMessage().startsWith("p.txt") && e.getMessage().contains(bad[2]), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> ElastixParameters.fromText("just text", "q.txt"));
        assertThrows(IllegalArgumentException.class, () -> ElastixParameters.fromText(ok.replaceFirst(
            "\\(TransformParameters [^)]*\\)", "(TransformParameters 0 0 0 0 1 1)"), "d.txt")); // degenerate
        assertThrows(IllegalArgumentException.class,
            () -> ElastixParameters.toText(ExportCases.failed(Affine2D.IDENTITY)));
        var noSizes = new TransformDocument(ExportCases.doc(Affine2D.IDENTITY).result(), null, null);
        assertThrows(IllegalArgumentException.class, () -> ElastixParameters.toText(noSizes));
    }

    // ---- transformix itself, where it is installed ----

    private static void assumeTransformix() {
        Assumptions.assumeTrue(new ElastixRunner("transformix").available(), "transformix is not installed (Debian/Ubuntu: apt-get install "
            + "elastix); the check that transformix applies TransformParameters.txt as deepclem does is skipped");
    }

    private static void transformix(Path out, String... args) throws Exception {
        Files.createDirectories(out);
        List<String> cmd = new ArrayList<>(List.of("transformix"));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("-out", out.toString(), "-threads", "2"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.resolve("log.txt").toFile())
            .start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "transformix did not finish in 2 minutes");
        assertEquals(0, p.exitValue(), "transformix failed: " + Files.readString(out.resolve("log.txt")));
    }

    /** transformix maps fixed points to where our transform's inverse puts them, for every case. */
    @Test
    void transformixMapsFixedPointsAsTheInverseOfMovingToFixed() throws Exception {
        assumeTransformix();
        double[][] pts = {{0, 0}, {1001, 0}, {0, 529}, {1001, 529}, {500.5, 264.5}, {123.25, 456.75}};
        StringBuilder in = new StringBuilder("point\n" + pts.length + "\n");
        for (double[] p : pts) {
            in.append(p[0]).append(' ').append(p[1]).append('\n');
        }
        Path points = Files.writeString(tmp.resolve("points.txt"), in);
        Pattern outPoint = Pattern.compile("OutputPoint = \\[ ([-0-9.e+]+) ([-0-9.e+]+) \\]");
        for (Map.Entry<String, Affine2D> e : ExportCases.matrices().entrySet()) {
            Path tp = tmp.resolve(e.getKey() + ".txt");
            ElastixParameters.write(ExportCases.doc(e.getValue()), tp, false);
            Path out = tmp.resolve("def-" + e.getKey());
            transformix(out, "-def", points.toString(), "-tp", tp.toString());
            List<String> lines = Files.readAllLines(out.resolve("outputpoints.txt"));
            assertEquals(pts.length, lines.size());
            Affine2D inv = e.getValue().inverse();
            for (int i = 0; i < pts.length; i++) {
                Matcher m = outPoint.matcher(lines.get(i));
                assertTrue(m.find(), lines.get(i));
                double x = Double.parseDouble(m.group(1)), y = Double.parseDouble(m.group(2));
                // transformix prints six decimals
                assertEquals(inv.applyX(pts[i][0], pts[i][1]), x, 2e-6, e.getKey() + " point " + i);
                assertEquals(inv.applyY(pts[i][0], pts[i][1]), y, 2e-6, e.getKey() + " point " + i);
            }
        }
    }

    /**
     * transformix resamples the demo LM chromatin with the written file as {@link Warp} does: compared over the pixels
     * whose source lies inside the LM image, by the mean absolute difference and by the sub-pixel shift between the two
     * results (one Gauss-Newton step of a global translation fit on the intensity gradients).
     */
    @Test
    void transformixPutsTheLmIntoTheEmFrameAsOurWarpDoes() throws Exception {
        assumeTransformix();
        LoadedImage rgb = ImageFiles.read(RepoData.file("example/Chromatin.png"));
        int mw = rgb.width(), mh = rgb.height();
        float[] chromatin = rgb.channelArray(2); // the chromatin stain is blue
        Path lm = tmp.resolve("Chromatin_blue.png"); // gray PNG without pHYs: pixel spacing 1 for ITK
        ImageFiles.write(LoadedImage.ofPlane(lm, Planes.wrap(chromatin, mw, mh), SampleType.UINT8), lm, false);
        float[] lmPixels = ImageFiles.read(lm).channelArray(0);
        for (String name : List.of("similarity", "mirrored")) {
            Affine2D m = ExportCases.matrices().get(name);
            Path tp = tmp.resolve(name + "-TransformParameters.txt");
            ElastixParameters.write(ExportCases.doc(m), tp, false);
            Path out = tmp.resolve("tx-" + name);
            transformix(out, "-in", lm.toString(), "-tp", tp.toString());
            LoadedImage theirs = ImageFiles.read(out.resolve("result.tif"));
            int w = ExportCases.FIXED_W, h = ExportCases.FIXED_H;
            assertEquals(w, theirs.width());
            assertEquals(h, theirs.height());
            float[] t = theirs.channelArray(0);
            float[] ours = Planes.asArray(Warp.warp(Planes.wrap(lmPixels, mw, mh), m, w, h, Interpolation.LINEAR, 0f));
            boolean[] mask = inside(m, w, h, mw, mh);
            double[] cmp = compare(ours, t, mask, w, h);
            // the measurement sees a small shift: our own warp shifted by (0.3, -0.2) px
            float[] shifted = Planes.asArray(Warp.warp(Planes.wrap(lmPixels, mw, mh),
                Affine2D.translation(0.3, -0.2).after(m), w, h, Interpolation.LINEAR, 0f));
            double[] probe = compare(ours, shifted, mask, w, h);
            double whole = 0, max = 0; // over the whole EM frame, borders and outside included
            for (int i = 0; i < w * h; i++) {
                whole += Math.abs(t[i] - ours[i]);
                max = Math.max(max, mask[i] ? Math.abs(t[i] - ours[i]) : 0);
            }
            System.out.printf(Locale.ROOT, "transformix vs ours (%s): inside the LM: mean |difference| %.2e (max %.2e) "
                + "of 0-255 over %d px, shift (%.1e, %.1e) px; whole frame: mean |difference| %.2e; the shift estimate "
                + "measures a known (0.3, -0.2) px shift as (%.3f, %.3f) px%n", name, cmp[0], max, (int) cmp[3], cmp[1],
                cmp[2], whole / (w * h), probe[1], probe[2]);
            assertEquals(0.3, probe[1], 0.05, "the shift estimate must see a known shift");
            assertEquals(-0.2, probe[2], 0.05, "the shift estimate must see a known shift");
            assertTrue(cmp[3] > 0.3 * w * h, "compared " + cmp[3] + " px");
            // measured with Debian's elastix 5.0.1: 1e-9 px and 1e-7 gray levels (both interpolate linearly at the same
            // points); the issue asked for <= 0.5 px, a half-pixel convention error would show as 0.5 px
            assertTrue(Math.hypot(cmp[1], cmp[2]) <= 0.01, name + ": shift " + cmp[1] + ", " + cmp[2] + " px");
            assertTrue(cmp[0] <= 0.01, name + ": mean absolute difference " + cmp[0]);
        }
    }

    /** Output pixels whose source lies at least 2 px inside the moving image, and not on the output's border. */
    private static boolean[] inside(Affine2D m, int w, int h, int mw, int mh) {
        Affine2D inv = m.inverse();
        boolean[] mask = new boolean[w * h];
        for (int y = 1; y < h - 1; y++) {
            for (int x = 1; x < w - 1; x++) {
                double sx = inv.applyX(x, y), sy = inv.applyY(x, y);
                mask[y * w + x] = sx >= 2 && sy >= 2 && sx <= mw - 3 && sy <= mh - 3;
            }
        }
        return mask;
    }

    /**
     * {mean |b - a|, shift x, shift y, pixels}: the shift s with b(p) = a(p - s) to first order, i.e. the least-squares
     * solution of (b - a) = -grad(a) . s over the mask.
     */
    private static double[] compare(float[] a, float[] b, boolean[] mask, int w, int h) {
        double mad = 0, gxx = 0, gxy = 0, gyy = 0, bx = 0, by = 0;
        int n = 0;
        for (int y = 1; y < h - 1; y++) {
            for (int x = 1; x < w - 1; x++) {
                int i = y * w + x;
                if (!mask[i]) {
                    continue;
                }
                double d = b[i] - a[i];
                double gx = (a[i + 1] - a[i - 1]) / 2.0, gy = (a[i + w] - a[i - w]) / 2.0;
                mad += Math.abs(d);
                gxx += gx * gx;
                gxy += gx * gy;
                gyy += gy * gy;
                bx -= gx * d;
                by -= gy * d;
                n++;
            }
        }
        double det = gxx * gyy - gxy * gxy;
        return new double[] {mad / n, (gyy * bx - gxy * by) / det, (gxx * by - gxy * bx) / det, n};
    }
}
