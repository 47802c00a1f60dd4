package org.knime.deepclem.engine.predict;

/**
 * Tiled prediction of a large plane through a fully convolutional network, one tile in memory at a time. Each tile
 * is a core region plus a context margin on every side (mirrored at the image border); neighbouring tiles'
 * outputs are cross-faded with complementary linear ramps over a band of 2*blend pixels around the shared core
 * edge. The ramps sum to exactly one, so no weight plane is needed and the result has no seams. Tile origins keep
 * the same alignment to the 2^depth pooling grid as a one-piece prediction, so interior pixels agree with it.
 *
 * @param tile tile edge (network input), a multiple of {@code multiple}
 * @param margin context on each side, a multiple of {@code multiple}, at most tile/3
 * @param multiple size multiple the network needs (2^depth)
 */
public record Tiling(int tile, int margin, int multiple) {

    /** Checks the sizes. */
    public Tiling {
        if (multiple < 1 || tile % multiple != 0 || margin % multiple != 0 || margin < 0 || 3 * margin > tile) {
            throw new IllegalArgumentException("tiling: tile " + tile + " and margin " + margin + " must be multiples of "
                + multiple + " with 3*margin <= tile (the core must hold both blend bands)");
        }
    }

    /** A tiling with tiles of about {@code tile} px and {@code margin} px context, rounded up to the multiple. */
    public static Tiling of(int tile, int margin, int multiple) {
        int m = roundUp(margin, multiple);
        int t = Math.max(roundUp(tile, multiple), roundUp(3 * m + multiple, multiple));
        return new Tiling(t, m, multiple);
    }

    static int roundUp(int v, int m) {
        return (v + m - 1) / m * m;
    }

    /**
     * Predicts {@code in} ({@code width x height}, row-major). {@code net} maps a tile (th x tw values, given with
     * its height and width) to an output of the same size.
     */
    public float[] apply(float[] in, int width, int height, TileNet net) {
        int core = tile - 2 * margin;
        int blend = margin / 2;
        // small images: one tile just large enough, rather than a full-size mostly mirrored tile
        int tw = Math.min(tile, roundUp(width + 2 * margin, multiple));
        int th = Math.min(tile, roundUp(height + 2 * margin, multiple));
        int coreW = tw - 2 * margin, coreH = th - 2 * margin;
        int nx = (width + coreW - 1) / coreW, ny = (height + coreH - 1) / coreH;
        float[] out = new float[width * height];
        float[] buf = new float[tw * th];
        for (int j = 0; j < ny; j++) {
            for (int i = 0; i < nx; i++) {
                int x0 = i * coreW - margin, y0 = j * coreH - margin;
                for (int y = 0; y < th; y++) {
                    int sy = mirror(y0 + y, height);
                    for (int x = 0; x < tw; x++) {
                        buf[y * tw + x] = in[sy * width + mirror(x0 + x, width)];
                    }
                }
                float[] pred = net.predict(buf, th, tw);
                int cx0 = i * coreW, cx1 = Math.min(width, cx0 + coreW);
                int cy0 = j * coreH, cy1 = Math.min(height, cy0 + coreH);
                // the last core may be narrower than the blend band: clamp the used region to the image
                int ux0 = i == 0 ? 0 : cx0 - blend, ux1 = i == nx - 1 ? width : Math.min(width, cx1 + blend);
                int uy0 = j == 0 ? 0 : cy0 - blend, uy1 = j == ny - 1 ? height : Math.min(height, cy1 + blend);
                for (int y = uy0; y < uy1; y++) {
                    float wy = ramp(y, cy0, cy1, blend, j > 0, j < ny - 1);
                    for (int x = ux0; x < ux1; x++) {
                        float wx = ramp(x, cx0, cx1, blend, i > 0, i < nx - 1);
                        out[y * width + x] += wx * wy * pred[(y - y0) * tw + (x - x0)];
                    }
                }
            }
        }
        return out;
    }

    /**
     * Weight of pixel {@code p} for the tile whose core is [c0, c1): 1 inside, falling linearly to 0 over
     * [c1 - blend, c1 + blend] (and mirrored at c0); the neighbour's ramp is its complement.
     */
    static float ramp(int p, int c0, int c1, int blend, boolean hasLow, boolean hasHigh) {
        if (blend == 0) {
            return p >= c0 && p < c1 ? 1 : 0;
        }
        double w = 1;
        if (hasLow) {
            w = Math.min(w, (p + 0.5 - c0) / (2.0 * blend) + 0.5);
        }
        if (hasHigh) {
            w = Math.min(w, (c1 - p - 0.5) / (2.0 * blend) + 0.5);
        }
        return (float) Math.max(0, Math.min(1, w));
    }

    /** Mirror index (edge pixel not repeated), as numpy's 'reflect'; valid for any overshoot. */
    static int mirror(int i, int n) {
        if (n == 1) {
            return 0;
        }
        int period = 2 * (n - 1);
        int k = Math.floorMod(i, period);
        return k < n ? k : period - k;
    }

    /** One network evaluation on a tile. */
    @FunctionalInterface
    public interface TileNet {
        /** Returns the prediction for the {@code h x w} row-major tile {@code values}. */
        float[] predict(float[] values, int h, int w);
    }
}
