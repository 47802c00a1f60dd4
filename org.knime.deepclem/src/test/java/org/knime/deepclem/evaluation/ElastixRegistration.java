package org.knime.deepclem.evaluation;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.knime.deepclem.engine.image.Planes;
import org.knime.deepclem.engine.registration.Quality;
import org.knime.deepclem.engine.registration.Registration;
import org.knime.deepclem.engine.registration.RegistrationResult;
import org.knime.deepclem.engine.registration.TransformModel;
import org.knime.deepclem.engine.registration.Verdict;
import org.knime.deepclem.engine.transform.Affine2D;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.real.FloatType;

/**
 * The comparison baseline: the external {@code elastix} program (Debian's 5.0.1) registering the moving image onto the
 * fixed one directly, as a user of a general intensity-based tool would: multi-resolution affine registration with
 * Mattes mutual information (the usual multi-modal metric), centre-of-gravity initialisation. Debian's build lacks
 * SimilarityTransform, so the affine result is returned as it is. elastix has no failure check, so every transform it
 * returns is reported ok; a non-zero exit is reported as failed.
 */
public final class ElastixRegistration implements Registration {

    /** The elastix parameter file. Kept short: 4 resolutions, 300 iterations each. */
    static final String PARAMETERS = String.join("\n",
        "(FixedInternalImagePixelType \"float\")", "(MovingInternalImagePixelType \"float\")",
        "(FixedImageDimension 2)", "(MovingImageDimension 2)", "(UseDirectionCosines \"true\")",
        "(Registration \"MultiResolutionRegistration\")", "(Interpolator \"BSplineInterpolator\")",
        "(ResampleInterpolator \"FinalBSplineInterpolator\")", "(Resampler \"DefaultResampler\")",
        "(FixedImagePyramid \"FixedSmoothingImagePyramid\")", "(MovingImagePyramid \"MovingSmoothingImagePyramid\")",
        "(Optimizer \"AdaptiveStochasticGradientDescent\")", "(Transform \"AffineTransform\")",
        "(Metric \"AdvancedMattesMutualInformation\")", "(NumberOfHistogramBins 32)",
        "(AutomaticScalesEstimation \"true\")", "(AutomaticTransformInitialization \"true\")",
        "(AutomaticTransformInitializationMethod \"CenterOfGravity\")", "(HowToCombineTransforms \"Compose\")",
        "(NumberOfResolutions 4)", "(MaximumNumberOfIterations 300)", "(NumberOfSpatialSamples 2048)",
        "(NewSamplesEveryIteration \"true\")", "(ImageSampler \"RandomCoordinate\")",
        "(BSplineInterpolationOrder 1)", "(FinalBSplineInterpolationOrder 3)", "(DefaultPixelValue 0)",
        "(WriteResultImage \"false\")", "(ResultImagePixelType \"float\")", "(ResultImageFormat \"mhd\")", "");

    private static final Pattern PARAMS = Pattern.compile("\\(TransformParameters ([^)]*)\\)");
    private static final Pattern CENTRE = Pattern.compile("\\(CenterOfRotationPoint ([^)]*)\\)");

    private final String executable;
    private final int threads;

    public ElastixRegistration(String executable, int threads) {
        this.executable = executable;
        this.threads = threads;
    }

    /** Whether {@code executable} runs (e.g. {@code elastix --version}). */
    public static boolean available(String executable) {
        try {
            Process p = new ProcessBuilder(executable, "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public RegistrationResult register(RandomAccessibleInterval<FloatType> fixed,
        RandomAccessibleInterval<FloatType> moving, TransformModel model) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("deepclem-elastix");
            Path f = dir.resolve("fixed.png"), m = dir.resolve("moving.png"), p = dir.resolve("params.txt");
            Path out = Files.createDirectory(dir.resolve("out"));
            writeGray8(fixed, f);
            writeGray8(moving, m);
            Files.writeString(p, PARAMETERS, StandardCharsets.US_ASCII);
            List<String> cmd = new ArrayList<>(List.of(executable, "-f", f.toString(), "-m", m.toString(), "-p",
                p.toString(), "-out", out.toString(), "-threads", Integer.toString(threads)));
            Process proc = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("log.txt").toFile())
                .start();
            if (!proc.waitFor(10, TimeUnit.MINUTES)) {
                proc.destroyForcibly();
                return failed(model, "elastix took more than 10 minutes");
            }
            Path tp = out.resolve("TransformParameters.0.txt");
            if (proc.exitValue() != 0 || !Files.exists(tp)) {
                return failed(model, "elastix exited with " + proc.exitValue());
            }
            Affine2D fixedToMoving = parseAffine(Files.readString(tp, StandardCharsets.US_ASCII));
            return new RegistrationResult(fixedToMoving.inverse(), TransformModel.AFFINE, "elastix", Quality.NONE,
                Verdict.OK, "");
        } catch (IOException | IllegalStateException | IllegalArgumentException e) {
            return failed(model, "elastix: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(model, "interrupted");
        } finally {
            deleteQuietly(dir);
        }
    }

    /**
     * The fixed px -> moving px map of an elastix AffineTransform parameter file: p' = A (p - c) + t + c, with
     * TransformParameters = a11 a12 a21 a22 tx ty and c = CenterOfRotationPoint. Physical = pixel coordinates here
     * (PNG: spacing 1, origin 0, identity direction).
     */
    static Affine2D parseAffine(String text) {
        double[] v = numbers(PARAMS, text, 6);
        double[] c = numbers(CENTRE, text, 2);
        double a = v[0], b = v[1], cc = v[2], d = v[3];
        double tx = v[4] + c[0] - (a * c[0] + b * c[1]);
        double ty = v[5] + c[1] - (cc * c[0] + d * c[1]);
        return new Affine2D(a, b, tx, cc, d, ty);
    }

    private static double[] numbers(Pattern p, String text, int n) {
        Matcher m = p.matcher(text);
        if (!m.find()) {
            throw new IllegalArgumentException("no " + p.pattern() + " in elastix output");
        }
        String[] parts = m.group(1).trim().split("\\s+");
        if (parts.length != n) {
            throw new IllegalArgumentException("expected " + n + " numbers in " + m.group());
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = Double.parseDouble(parts[i]);
        }
        return out;
    }

    private static RegistrationResult failed(TransformModel model, String reason) {
        return RegistrationResult.failed(model, "elastix", null, Quality.NONE, reason);
    }

    /** 8-bit gray PNG, values clamped to 0..255 (the planes here are 8-bit data held as float). */
    private static void writeGray8(RandomAccessibleInterval<FloatType> plane, Path file) throws IOException {
        int w = (int) plane.dimension(0), h = (int) plane.dimension(1);
        float[] px = Planes.asArray(plane);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float v = px[y * w + x];
                row[x] = Float.isNaN(v) ? 0 : Math.max(0, Math.min(255, Math.round(v)));
            }
            img.getRaster().setPixels(0, y, w, 1, row);
        }
        ImageIO.write(img, "png", file.toFile());
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(x -> x.toFile().delete());
        } catch (IOException e) {
            // a temp folder left behind is harmless
        }
    }
}
