package org.knime.deepclem.engine.io;

import java.util.Locale;

import org.knime.deepclem.engine.geometry.Affine2D;
import org.knime.deepclem.engine.image.Bilinear;
import org.knime.deepclem.engine.image.Planes;
import org.knime.deepclem.engine.preprocess.Intensity;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

/**
 * The check picture of a registration: the EM image in gray with the registered chromatin added in a colour, as an
 * 8-bit RGB image (the original DeepCLEM shows the chromatin in blue). Adding (not blending) keeps the EM fully visible
 * under the stain; sums above 255 are clamped.
 */
public final class Overlay {

    /** Colours for the chromatin. */
    public enum Colour {
        BLUE(0, 0, 1), GREEN(0, 1, 0), RED(1, 0, 0), MAGENTA(1, 0, 1), CYAN(0, 1, 1), YELLOW(1, 1, 0), GRAY(1, 1, 1);

        final float r, g, b;

        Colour(float r, float g, float b) {
            this.r = r;
            this.g = g;
            this.b = b;
        }

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Colour fromId(String id) {
            for (Colour c : values()) {
                if (c.id().equalsIgnoreCase(id.trim())) {
                    return c;
                }
            }
            throw new IllegalArgumentException("unknown colour '" + id
                + "': use blue, green, red, magenta, cyan, yellow or gray");
        }
    }

    /** Default percentiles that span the chromatin's display range. */
    public static final double LOW_PERCENTILE = 1, HIGH_PERCENTILE = 99.8;

    private Overlay() {
    }

    /** {@link #compose(RandomAccessibleInterval, RandomAccessibleInterval, Colour, double, double)} with defaults. */
    public static LoadedImage compose(RandomAccessibleInterval<? extends RealType<?>> em,
        RandomAccessibleInterval<? extends RealType<?>> chromatin, Colour colour) {
        return compose(em, chromatin, colour, LOW_PERCENTILE, HIGH_PERCENTILE);
    }

    /**
     * @param em         the EM plane (stretched from its min..max to 0..255)
     * @param chromatin  the registered chromatin in the EM frame, same size (NaN = no data, shown as nothing); its
     *                   {@code low..high} percentile range maps to 0..255 of the colour
     */
    public static LoadedImage compose(RandomAccessibleInterval<? extends RealType<?>> em,
        RandomAccessibleInterval<? extends RealType<?>> chromatin, Colour colour, double lowPercentile,
        double highPercentile) {
        long w = em.dimension(0), h = em.dimension(1);
        if (chromatin.dimension(0) != w || chromatin.dimension(1) != h) {
            throw new IllegalArgumentException("overlay: chromatin is " + chromatin.dimension(0) + "x"
                + chromatin.dimension(1) + " but the EM image is " + w + "x" + h + "; register it first");
        }
        float[] e = Planes.copy(em), c = Planes.copy(chromatin);
        double[] emRange = Intensity.minMax(e);
        double emScale = emRange[1] > emRange[0] ? 255 / (emRange[1] - emRange[0]) : 0;
        double[] p = Intensity.percentiles(c, lowPercentile, highPercentile);
        double cScale = p[1] > p[0] ? 255 / (p[1] - p[0]) : 0;
        float[] r = new float[e.length], g = new float[e.length], b = new float[e.length];
        for (int i = 0; i < e.length; i++) {
            float gray = (float) ((e[i] - emRange[0]) * emScale);
            float s = Float.isNaN(c[i]) ? 0 : (float) Math.max(0, Math.min(255, (c[i] - p[0]) * cScale));
            r[i] = gray + s * colour.r;
            g[i] = gray + s * colour.g;
            b[i] = gray + s * colour.b;
        }
        return LoadedImage.ofChannels(null, SampleType.UINT8, true, w, h, r, g, b); // rounds and clamps to 0..255
    }

    /**
     * Above this many EM pixels the chromatin's display percentiles come from a regular grid of samples: display
     * levels need no more, and sampling every pixel cost as much as composing the overlay.
     */
    static final long MAX_PERCENTILE_SAMPLES = 1 << 18;

    /**
     * As {@link #compose(RandomAccessibleInterval, RandomAccessibleInterval, Colour, double, double)} with the
     * chromatin still in its own (moving) frame: each EM pixel samples it through {@code movingToFixed} (bilinear),
     * straight into the 8-bit RGB result. No EM-sized float plane is made, so a 16384^2 overlay needs its 768 MB
     * and no more. For EM images up to {@value #MAX_PERCENTILE_SAMPLES} px the result equals {@code compose} of the
     * warped chromatin; above, the display percentiles come from a regular sample grid.
     */
    public static LoadedImage composeWarped(RandomAccessibleInterval<? extends RealType<?>> em,
        RandomAccessibleInterval<? extends RealType<?>> movingChromatin,
        Affine2D movingToFixed, Colour colour, double lowPercentile,
        double highPercentile) {
        int w = (int) em.dimension(0), h = (int) em.dimension(1);
        long n = (long) w * h;
        if (3 * n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("overlay of " + w + "x" + h + " pixels is too large for one image");
        }
        float[] src = Planes.asArray(movingChromatin);
        int sw = (int) movingChromatin.dimension(0), sh = (int) movingChromatin.dimension(1);
        var inv = movingToFixed.inverse();
        int stride = (int) Math.ceil(Math.sqrt((double) n / MAX_PERCENTILE_SAMPLES));
        float[] samples = new float[(int) (((long) (w + stride - 1) / stride) * ((h + stride - 1) / stride))];
        int k = 0;
        for (int y = 0; y < h; y += stride) {
            for (int x = 0; x < w; x += stride) {
                samples[k++] = Bilinear.sample(src, sw, sh, inv.applyX(x, y), inv.applyY(x, y), Float.NaN);
            }
        }
        double[] p = Intensity.percentiles(java.util.Arrays.copyOf(samples, k), lowPercentile, highPercentile);
        samples = null;
        double cScale = p[1] > p[0] ? 255 / (p[1] - p[0]) : 0;
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (RealType<?> t : net.imglib2.view.Views.flatIterable(em)) {
            double v = t.getRealDouble();
            if (v < lo) {
                lo = v;
            }
            if (v > hi) {
                hi = v;
            }
        }
        double emLo = lo, emScale = hi > lo ? 255 / (hi - lo) : 0;
        byte[] rgb = new byte[(int) (3 * n)];
        double pLo = p[0];
        // rows are independent: in parallel, each reading its EM row through its own cursor
        java.util.stream.IntStream.range(0, h).parallel().forEach(y -> {
            var row = net.imglib2.view.Views.flatIterable(net.imglib2.view.Views.hyperSlice(em, 1, y)).cursor();
            for (int x = 0; x < w; x++) {
                float gray = (float) ((row.next().getRealFloat() - emLo) * emScale);
                float c = Bilinear.sample(src, sw, sh, inv.applyX(x, y), inv.applyY(x, y), Float.NaN);
                float sv = Float.isNaN(c) ? 0 : (float) Math.max(0, Math.min(255, (c - pLo) * cScale));
                int i = y * w + x;
                rgb[i] = (byte) (int) SampleType.UINT8.toStored(gray + sv * colour.r);
                rgb[(int) (n + i)] = (byte) (int) SampleType.UINT8.toStored(gray + sv * colour.g);
                rgb[(int) (2 * n + i)] = (byte) (int) SampleType.UINT8.toStored(gray + sv * colour.b);
            }
        });
        return LoadedImage.of(null, net.imglib2.img.array.ArrayImgs.unsignedBytes(rgb, w, h, 3), SampleType.UINT8, true);
    }
}
