package org.knime.deepclem.engine.registration;

import boofcv.alg.filter.blur.BlurImageOps;
import boofcv.struct.image.GrayF32;

/** Gaussian smoothing of a row-major plane (BoofCV), to mimic LM optics in synthetic test pairs. */
final class Blur {

    private Blur() {
    }

    /** A blurred copy; {@code sigma <= 0.3} returns a plain copy. */
    static float[] gaussian(float[] px, int width, int height, double sigma) {
        if (sigma <= 0.3) {
            return px.clone();
        }
        GrayF32 in = new GrayF32(width, height);
        System.arraycopy(px, 0, in.data, 0, px.length);
        GrayF32 out = BlurImageOps.gaussian(in, null, sigma, -1, null);
        return out.data.length == px.length ? out.data : java.util.Arrays.copyOf(out.data, px.length);
    }
}
