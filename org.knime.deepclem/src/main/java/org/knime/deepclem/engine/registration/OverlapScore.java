package org.knime.deepclem.engine.registration;

import java.util.stream.IntStream;

import org.knime.deepclem.engine.geometry.Affine2D;
import org.knime.deepclem.engine.image.Bilinear;

/**
 * Normalised cross-correlation of a fixed plane and a moving plane warped into the fixed frame, over the fixed pixels
 * the moving image covers, and the fraction of the fixed frame it covers. Equivalent to warping with
 * Warp (linear, NaN outside) and correlating the non-NaN pixels, without building the warped image.
 *
 * @param ncc     in [-1, 1]; NaN when the overlap is empty or one side is flat
 * @param overlap covered fraction of the fixed frame, in [0, 1]
 */
record OverlapScore(double ncc, double overlap) {

    static OverlapScore of(ScaledPlane fixed, ScaledPlane moving, Affine2D movingToFixed) {
        return of(fixed, moving, movingToFixed, 1);
    }

    /** As {@link #of(ScaledPlane, ScaledPlane, Affine2D)} on every {@code stride}-th row and column of the fixed plane. */
    static OverlapScore of(ScaledPlane fixed, ScaledPlane moving, Affine2D movingToFixed, int stride) {
        if (!movingToFixed.isFinite() || !(Math.abs(movingToFixed.determinant()) > 1e-12)) {
            return new OverlapScore(Double.NaN, 0);
        }
        Affine2D inv = movingToFixed.inverse();
        int fw = fixed.width(), fh = fixed.height();
        int rows = (fh + stride - 1) / stride;
        double[][] sums = new double[rows][];
        (rows * fw > 200_000 ? IntStream.range(0, rows).parallel() : IntStream.range(0, rows)).forEach(r -> {
            int y = r * stride;
            double n = 0, sf = 0, sm = 0, sff = 0, smm = 0, sfm = 0;
            for (int x = 0; x < fw; x += stride) {
                float m = Bilinear.sample(moving.px(), moving.width(), moving.height(), inv.applyX(x, y), inv.applyY(x, y), Float.NaN);
                if (Float.isNaN(m)) {
                    continue;
                }
                double f = fixed.px()[y * fw + x];
                n++;
                sf += f;
                sm += m;
                sff += f * f;
                smm += m * m;
                sfm += f * m;
            }
            sums[r] = new double[] {n, sf, sm, sff, smm, sfm};
        });
        double n = 0, sf = 0, sm = 0, sff = 0, smm = 0, sfm = 0;
        for (double[] s : sums) {
            n += s[0];
            sf += s[1];
            sm += s[2];
            sff += s[3];
            smm += s[4];
            sfm += s[5];
        }
        double total = (double) rows * ((fw + stride - 1) / stride);
        if (n < 2) {
            return new OverlapScore(Double.NaN, n / total);
        }
        double cov = sfm - sf * sm / n, vf = sff - sf * sf / n, vm = smm - sm * sm / n;
        double ncc = vf > 0 && vm > 0 ? cov / Math.sqrt(vf * vm) : Double.NaN;
        return new OverlapScore(ncc, n / total);
    }
}
