package org.knime.deepclem.evaluation;

import java.nio.file.Path;
import java.util.Locale;

import org.knime.deepclem.engine.io.ImageFiles;
import org.knime.deepclem.engine.io.LoadedImage;

/**
 * How far two images of the same size differ, for bench/before-after.sh: {@code ImageDiff A B [A B ...]} prints, per
 * pair of files, the largest absolute difference of a sample, how many samples differ, and the value range of A.
 */
public final class ImageDiff {

    private ImageDiff() {
    }

    public static void main(String[] args) throws Exception {
        for (int i = 0; i + 1 < args.length; i += 2) {
            LoadedImage a = ImageFiles.read(Path.of(args[i])), b = ImageFiles.read(Path.of(args[i + 1]));
            if (a.width() != b.width() || a.height() != b.height() || a.channels() != b.channels()) {
                System.out.println(args[i + 1] + ": other size");
                continue;
            }
            double max = 0, lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
            long differ = 0, total = 0;
            for (int c = 0; c < a.channels(); c++) {
                float[] x = a.channelArray(c), y = b.channelArray(c);
                for (int k = 0; k < x.length; k++) {
                    double d = Math.abs((double) x[k] - y[k]);
                    max = Math.max(max, d);
                    differ += d > 0 ? 1 : 0;
                    lo = Math.min(lo, x[k]);
                    hi = Math.max(hi, x[k]);
                }
                total += x.length;
            }
            System.out.printf(Locale.ROOT, "%s: max |difference| %.3g, %d of %d samples differ (values %.4g..%.4g)%n",
                Path.of(args[i + 1]).getParent().getFileName() + "/" + Path.of(args[i + 1]).getFileName(), max, differ, total, lo, hi);
        }
    }
}
