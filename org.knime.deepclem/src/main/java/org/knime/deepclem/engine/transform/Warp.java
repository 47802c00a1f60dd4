package org.knime.deepclem.engine.transform;

import java.util.stream.IntStream;

import org.knime.deepclem.engine.geometry.Affine2D;
import org.knime.deepclem.engine.image.Bilinear;
import org.knime.deepclem.engine.image.Planes;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.real.FloatType;

/**
 * Resamples a single-channel image into another frame. Each output pixel is pulled from the source through the
 * inverse transform, so the output has no holes. Pixel centres are at integer coordinates (as ImageJ and Fiji's
 * mpicbg transforms). Rows are processed in parallel.
 */
public final class Warp {

    private Warp() {
    }

    /**
     * @param source        the moving image
     * @param movingToFixed where each source pixel goes
     * @param width         output width (fixed frame)
     * @param height        output height (fixed frame)
     * @param interpolation how to sample
     * @param outside       value for output pixels whose source lies outside the source image (NaN marks them)
     */
    public static ArrayImg<FloatType, FloatArray> warp(RandomAccessibleInterval<? extends RealType<?>> source,
        Affine2D movingToFixed, long width, long height, Interpolation interpolation, float outside) {
        float[] src = Planes.asArray(source);
        int sw = (int) source.dimension(0), sh = (int) source.dimension(1);
        if (width * height > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("output of " + width + "x" + height + " pixels is too large for one plane");
        }
        int w = (int) width, h = (int) height;
        float[] out = new float[w * h];
        Affine2D inv = movingToFixed.inverse();
        IntStream.range(0, h).parallel().forEach(y -> {
            for (int x = 0; x < w; x++) {
                double sx = inv.applyX(x, y), sy = inv.applyY(x, y);
                out[y * w + x] = sample(src, sw, sh, sx, sy, interpolation, outside);
            }
        });
        return Planes.wrap(out, w, h);
    }

    /** Samples {@code src} (row-major, sw x sh) at (x, y); {@code outside} beyond half a pixel past the border. */
    public static float sample(float[] src, int sw, int sh, double x, double y, Interpolation interpolation,
        float outside) {
        if (!(x >= -0.5 && y >= -0.5 && x <= sw - 0.5 && y <= sh - 0.5)) {
            return outside;
        }
        switch (interpolation) {
            case NEAREST: {
                int ix = Math.min(sw - 1, (int) Math.round(x)), iy = Math.min(sh - 1, (int) Math.round(y));
                return src[iy * sw + Math.max(0, ix)];
            }
            case LINEAR:
                return Bilinear.sample(src, sw, sh, x, y, outside);
            case CUBIC:
            default: {
                int x0 = (int) Math.floor(x), y0 = (int) Math.floor(y);
                double fx = x - x0, fy = y - y0;
                double sum = 0;
                for (int j = -1; j <= 2; j++) {
                    double wy = keys(j - fy);
                    double row = 0;
                    for (int i = -1; i <= 2; i++) {
                        row += keys(i - fx) * at(src, sw, sh, x0 + i, y0 + j);
                    }
                    sum += wy * row;
                }
                return (float) sum;
            }
        }
    }

    /** Border-clamped pixel access. */
    private static float at(float[] src, int sw, int sh, int x, int y) {
        int cx = x < 0 ? 0 : (x >= sw ? sw - 1 : x);
        int cy = y < 0 ? 0 : (y >= sh ? sh - 1 : y);
        return src[cy * sw + cx];
    }

    /** Keys' cubic convolution kernel with a = -0.5 (Catmull-Rom), as ImageJ's bicubic. */
    private static double keys(double t) {
        t = Math.abs(t);
        if (t < 1) {
            return (1.5 * t - 2.5) * t * t + 1;
        }
        if (t < 2) {
            return ((-0.5 * t + 2.5) * t - 4) * t + 2;
        }
        return 0;
    }
}
