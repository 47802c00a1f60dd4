package org.knime.deepclem.engine.registration;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.knime.deepclem.engine.geometry.Affine2D;

/**
 * Runs the external elastix program (Debian's 5.0.1) on a pair of gray planes for the benchmark's side-by-side
 * comparison: affine transform, AdvancedMattesMutualInformation, a 3-level pyramid, 200 iterations per level, centre-of-gravity initialisation.
 * (Debian's elastix lacks SimilarityTransform.) Not used by the engine itself.
 */
public final class ElastixRunner {

    /** What elastix found (moving px -> fixed px), or null with the reason it did not finish. */
    public record Outcome(Affine2D movingToFixed, double seconds, String error) {
    }

    static final String PARAMETERS = String.join("\n",
        "(FixedInternalImagePixelType \"float\")", "(MovingInternalImagePixelType \"float\")",
        "(FixedImageDimension 2)", "(MovingImageDimension 2)", "(UseDirectionCosines \"true\")",
        "(Registration \"MultiResolutionRegistration\")", "(Interpolator \"BSplineInterpolator\")",
        "(ResampleInterpolator \"FinalBSplineInterpolator\")", "(Resampler \"DefaultResampler\")",
        "(FixedImagePyramid \"FixedSmoothingImagePyramid\")", "(MovingImagePyramid \"MovingSmoothingImagePyramid\")",
        "(Optimizer \"AdaptiveStochasticGradientDescent\")", "(Transform \"AffineTransform\")",
        "(Metric \"AdvancedMattesMutualInformation\")", "(AutomaticScalesEstimation \"true\")",
        "(AutomaticTransformInitialization \"true\")", "(AutomaticTransformInitializationMethod \"CenterOfGravity\")",
        "(HowToCombineTransforms \"Compose\")", "(NumberOfHistogramBins 32)", "(NumberOfResolutions 3)",
        "(MaximumNumberOfIterations 200)", "(NumberOfSpatialSamples 2048)", "(NewSamplesEveryIteration \"true\")",
        "(ImageSampler \"RandomCoordinate\")", "(BSplineInterpolationOrder 1)", "(FinalBSplineInterpolationOrder 1)",
        "(DefaultPixelValue 0)", "(WriteResultImage \"false\")", "(ResultImagePixelType \"float\")",
        "(ResultImageFormat \"png\")", "");

    private final String executable;

    public ElastixRunner(String executable) {
        this.executable = executable;
    }

    /** Whether the executable answers {@code --version}. */
    public boolean available() {
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

    public Outcome register(float[] fixed, int fw, int fh, float[] moving, int mw, int mh, Path work) throws IOException {
        Files.createDirectories(work);
        Path f = work.resolve("fixed.png"), m = work.resolve("moving.png"), p = work.resolve("params.txt");
        Path out = Files.createDirectories(work.resolve("out"));
        writeGray8(fixed, fw, fh, f);
        writeGray8(moving, mw, mh, m);
        Files.writeString(p, PARAMETERS);
        long t0 = System.nanoTime();
        Process proc = new ProcessBuilder(List.of(executable, "-f", f.toString(), "-m", m.toString(), "-p", p.toString(),
            "-out", out.toString(), "-threads", "2")).redirectErrorStream(true).redirectOutput(work.resolve("log.txt").toFile())
                .start();
        try {
            if (!proc.waitFor(300, TimeUnit.SECONDS)) {
                proc.destroyForcibly();
                return new Outcome(null, 300, "timeout");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            proc.destroyForcibly();
            return new Outcome(null, 0, "interrupted");
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        Path tp = out.resolve("TransformParameters.0.txt");
        if (proc.exitValue() != 0 || !Files.exists(tp)) {
            return new Outcome(null, secs, "elastix exit " + proc.exitValue());
        }
        return new Outcome(parse(Files.readString(tp)), secs, "");
    }

    /**
     * elastix's affine maps fixed to moving physical points: y = A (x - c) + t + c (spacing 1, origin 0, so physical
     * = pixel index, centres at integers as in the engine). The engine wants moving -> fixed: the inverse.
     */
    public static Affine2D parse(String transformParameters) {
        double[] tp = numbers(transformParameters, "TransformParameters");
        double[] c = numbers(transformParameters, "CenterOfRotationPoint");
        double a = tp[0], b = tp[1], cc = tp[2], d = tp[3];
        double tx = tp[4] + c[0] - (a * c[0] + b * c[1]), ty = tp[5] + c[1] - (cc * c[0] + d * c[1]);
        return new Affine2D(a, b, tx, cc, d, ty).inverse();
    }

    private static double[] numbers(String text, String key) {
        Matcher mt = Pattern.compile("\\(" + key + "\\s+([^)]*)\\)").matcher(text);
        if (!mt.find()) {
            throw new IllegalArgumentException("elastix output has no " + key);
        }
        String[] parts = mt.group(1).trim().split("\\s+");
        double[] v = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            v[i] = Double.parseDouble(parts[i]);
        }
        return v;
    }

    static void writeGray8(float[] px, int w, int h, Path file) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                row[x] = (int) Math.max(0, Math.min(255, Math.round(px[y * w + x])));
            }
            img.getRaster().setPixels(0, y, w, 1, row);
        }
        ImageIO.write(img, "png", file.toFile());
    }
}
