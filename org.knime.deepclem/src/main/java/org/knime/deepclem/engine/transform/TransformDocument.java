package org.knime.deepclem.engine.transform;

import org.knime.deepclem.engine.geometry.Affine2D;
import org.knime.deepclem.engine.io.PixelSize;
import org.knime.deepclem.engine.registration.LandmarkFit;
import org.knime.deepclem.engine.registration.PredictedError;
import org.knime.deepclem.engine.registration.RegistrationResult;

/**
 * A registration result as stored in a transform file, with the image sizes it was computed for (when known).
 *
 * @param result     the registration result; {@code result.movingToFixed()} maps moving px to fixed px
 * @param fixedSize  size of the fixed (reference, EM) image, or null
 * @param movingSize size of the moving (LM) image, or null
 * @param source     where the transform came from ({@code "image"}, {@code "landmarks"}, {@code "image+landmarks"},
 *                   see {@link LandmarkFit}), or null when not said
 * @param landmarks  the landmark figures when landmarks were used, else null
 * @param fixedPixelSize  the fixed (EM) image's pixel size, or null when unknown
 * @param movingPixelSize the moving (LM) image's pixel size, or null when unknown
 * @param predictedError the registration's predicted error ({@code ErrorPrediction}), or null when none was made
 */
public record TransformDocument(RegistrationResult result, ImageSize fixedSize, ImageSize movingSize, String source,
    LandmarkFit.Figures landmarks, PixelSize fixedPixelSize, PixelSize movingPixelSize, PredictedError predictedError) {

    /** A document without pixel sizes and predicted error. */
    public TransformDocument(RegistrationResult result, ImageSize fixedSize, ImageSize movingSize, String source,
        LandmarkFit.Figures landmarks) {
        this(result, fixedSize, movingSize, source, landmarks, null, null, null);
    }

    /** This document with the images' pixel sizes (either may be null: unknown). */
    public TransformDocument withPixelSizes(PixelSize fixed, PixelSize moving) {
        return new TransformDocument(result, fixedSize, movingSize, source, landmarks, fixed, moving, predictedError);
    }

    /** This document with {@code error} as its predicted error. */
    public TransformDocument withPredictedError(PredictedError error) {
        return new TransformDocument(result, fixedSize, movingSize, source, landmarks, fixedPixelSize, movingPixelSize,
            error);
    }

    /**
     * The transform from moving µm to fixed µm (both images' origins at their first pixel's corner), or null when a
     * pixel size or the transform is unknown. Its scale is near 1 when the pixel sizes and the registration agree.
     */
    public Affine2D movingToFixedMicrometres() {
        Affine2D m = result.movingToFixed();
        if (m == null || fixedPixelSize == null || movingPixelSize == null) {
            return null;
        }
        double fx = fixedPixelSize.x(), fy = fixedPixelSize.y(), mx = movingPixelSize.x(), my = movingPixelSize.y();
        return Affine2D.fromRowMajor(new double[] {fx * m.a() / mx, fx * m.b() / my, fx * m.tx(), fy * m.c() / mx,
            fy * m.d() / my, fy * m.ty()});
    }

    /** A length in fixed px as µm (mean of x and y), NaN when the fixed pixel size is unknown. */
    public double fixedMicrometres(double px) {
        return fixedPixelSize == null ? Double.NaN : px * fixedPixelSize.mean();
    }

    /** A document that says nothing of its source. */
    public TransformDocument(RegistrationResult result, ImageSize fixedSize, ImageSize movingSize) {
        this(result, fixedSize, movingSize, null, null);
    }

    /** A document without image sizes. */
    public static TransformDocument of(RegistrationResult result) {
        return new TransformDocument(result, null, null);
    }

    /** A document with both image sizes (fixed = reference/EM, moving = LM). */
    public static TransformDocument of(RegistrationResult result, int fixedWidth, int fixedHeight, int movingWidth,
        int movingHeight) {
        return new TransformDocument(result, new ImageSize(fixedWidth, fixedHeight),
            new ImageSize(movingWidth, movingHeight));
    }

    /** Width and height in pixels. */
    public record ImageSize(int width, int height) {
        public ImageSize {
            if (width <= 0 || height <= 0) {
                throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
            }
        }
    }
}
