package org.knime.deepclem.engine.io;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Locale;
import java.util.function.DoubleBinaryOperator;
import java.util.stream.IntStream;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.RealType;
import net.imglib2.view.Views;

/**
 * The picture of a predicted error map: the EM image in gray with the error in colour (dark blue = small, through
 * green and yellow, red = the top of the scale), and a legend in the lower left corner: the colour bar labelled in EM
 * px, and in µm when the EM pixel size is known. An 8-bit RGB image of the EM's size; only the legend box goes
 * through Java2D, so a huge EM needs its 3 bytes per pixel and no more.
 */
public final class ErrorOverlay {

    /** Points per side of the grid the colour scale's top is read from. */
    static final int SCALE_GRID = 65;
    /** How much of the colour shows over the gray EM. */
    static final float ALPHA = 0.45f;
    /** The colour scale's stops, from 0 to its top: dark blue, blue, green, yellow, red. */
    private static final float[][] STOPS = {{0.1f, 0.1f, 0.5f}, {0.1f, 0.4f, 1f}, {0.1f, 0.8f, 0.3f}, {1f, 0.9f, 0.1f},
        {0.9f, 0.1f, 0.1f}};

    private ErrorOverlay() {
    }

    /**
     * @param em         the EM plane (stretched from its min..max to gray 0..255)
     * @param errorPx    the predicted error at an EM pixel (x, y) in EM px; NaN shows gray only. A function, not a
     *                   map: no EM-sized float plane is needed beside the RGB result
     * @param pixelSizeUm the EM pixel size in µm, for labels in µm beside px; NaN when unknown (labels in px only)
     */
    public static LoadedImage compose(RandomAccessibleInterval<? extends RealType<?>> em,
        DoubleBinaryOperator errorPx, double pixelSizeUm) {
        int w = (int) em.dimension(0), h = (int) em.dimension(1);
        long n = (long) w * h;
        if (3 * n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("error overlay of " + w + "x" + h + " pixels is too large for one image");
        }
        double top = scaleTop(errorPx, w, h);
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (RealType<?> t : Views.flatIterable(em)) {
            double v = t.getRealDouble();
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        double emLo = lo, emScale = hi > lo ? 255 / (hi - lo) : 0;
        byte[] rgb = new byte[(int) (3 * n)];
        IntStream.range(0, h).parallel().forEach(y -> {
            var row = Views.flatIterable(Views.hyperSlice(em, 1, y)).cursor();
            float[] c = new float[3];
            for (int x = 0; x < w; x++) {
                float gray = (float) ((row.next().getRealDouble() - emLo) * emScale);
                int i = y * w + x;
                float e = (float) errorPx.applyAsDouble(x, y);
                float a = Float.isNaN(e) ? 0 : ALPHA;
                colour(Float.isNaN(e) ? 0 : e / top, c);
                for (int k = 0; k < 3; k++) {
                    rgb[(int) (k * n + i)] = (byte) (int) SampleType.UINT8.toStored((1 - a) * gray + a * 255 * c[k]);
                }
            }
        });
        drawLegend(rgb, w, h, top, pixelSizeUm);
        return LoadedImage.of(null, ArrayImgs.unsignedBytes(rgb, w, h, 3), SampleType.UINT8, true);
    }

    /**
     * The top of the colour scale: the error's largest value on a {@value #SCALE_GRID}-point grid over the frame,
     * corners included (the predicted error is smooth), rounded up to 1, 2 or 5 times a power of ten.
     */
    static double scaleTop(DoubleBinaryOperator errorPx, int w, int h) {
        double max = 0;
        for (int i = 0; i < SCALE_GRID; i++) {
            for (int j = 0; j < SCALE_GRID; j++) {
                double v = errorPx.applyAsDouble((w - 1) * i / (SCALE_GRID - 1.0), (h - 1) * j / (SCALE_GRID - 1.0));
                if (v > max) {
                    max = v;
                }
            }
        }
        if (!(max > 0)) {
            return 1;
        }
        double p = Math.pow(10, Math.floor(Math.log10(max)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * p >= max) {
                return m * p;
            }
        }
        return 10 * p;
    }

    /** The scale's colour at {@code t} in [0, 1] (clamped), into {@code out} (0..1 per channel). */
    static void colour(double t, float[] out) {
        double s = Math.max(0, Math.min(1, t)) * (STOPS.length - 1);
        int k = Math.min(STOPS.length - 2, (int) s);
        float f = (float) (s - k);
        for (int c = 0; c < 3; c++) {
            out[c] = STOPS[k][c] * (1 - f) + STOPS[k + 1][c] * f;
        }
    }

    /** The legend box, drawn with Java2D on a small image and copied into the lower left corner. */
    private static void drawLegend(byte[] rgb, int w, int h, double top, double pixelSizeUm) {
        int font = Math.max(10, Math.min(w, h) / 45);
        int pad = font / 2, barW = Math.min(w - 4 * pad, 12 * font), barH = font;
        boolean um = Double.isFinite(pixelSizeUm) && pixelSizeUm > 0;
        int boxW = barW + 2 * pad + 2 * font, boxH = pad + font + pad + barH + pad / 2 + font * (um ? 2 : 1) + pad;
        if (boxW + pad > w || boxH + pad > h || barW < 4 * font) {
            return; // no room for a readable legend
        }
        BufferedImage box = new BufferedImage(boxW, boxH, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = box.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(new Color(20, 20, 20));
            g.fillRect(0, 0, boxW, boxH);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, font));
            FontMetrics fm = g.getFontMetrics();
            g.setColor(Color.WHITE);
            int y = pad + fm.getAscent();
            g.drawString("predicted error", pad, y);
            int barX = pad + font, barY = y + pad;
            float[] c = new float[3];
            for (int x = 0; x < barW; x++) {
                colour((double) x / (barW - 1), c);
                g.setColor(new Color(c[0], c[1], c[2]));
                g.drawLine(barX + x, barY, barX + x, barY + barH - 1);
            }
            g.setColor(Color.WHITE);
            for (double v : new double[] {0, top / 2, top}) {
                int x = barX + (int) Math.round(v / top * (barW - 1));
                g.drawLine(x, barY + barH, x, barY + barH + pad / 2);
                String px = label(v) + (v == top ? " px" : "");
                int ty = barY + barH + pad / 2 + fm.getAscent();
                g.drawString(px, x - fm.stringWidth(px) / 2, ty);
                if (um) {
                    String u = label(v * pixelSizeUm) + (v == top ? " µm" : "");
                    g.drawString(u, x - fm.stringWidth(u) / 2, ty + font);
                }
            }
        } finally {
            g.dispose();
        }
        long n = (long) w * h;
        int x0 = pad, y0 = h - boxH - pad;
        for (int y = 0; y < boxH; y++) {
            for (int x = 0; x < boxW; x++) {
                int v = box.getRGB(x, y), i = (y0 + y) * w + x0 + x;
                rgb[i] = (byte) (v >> 16);
                rgb[(int) (n + i)] = (byte) (v >> 8);
                rgb[(int) (2 * n + i)] = (byte) v;
            }
        }
    }

    private static String label(double v) {
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%d", (long) v)
            : String.format(Locale.ROOT, v < 1 ? "%.2f" : "%.1f", v);
    }
}
