package org.knime.deepclem.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.knime.deepclem.engine.geometry.Affine2D;
import org.knime.deepclem.engine.predict.VirtualChromatinModel;
import org.knime.deepclem.reliability.Inputs;

import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

/** Synthetic batches: crops of the example EM, each with an LM that is the crop moved by its own similarity. */
final class BatchPairs {

    private BatchPairs() {
    }

    /** Writes {@code n} pairs of {@code w x h} and {@code dir/pairs.csv}; returns the CSV. */
    static Path write(Path dir, int n, int w, int h, VirtualChromatinModel model) throws IOException {
        ArrayImg<FloatType, FloatArray> em = Inputs.em(1); // 1002 x 530, the scale the default model expects
        StringBuilder csv = new StringBuilder("id,em,lm\n");
        Files.createDirectories(dir);
        for (int i = 0; i < n; i++) {
            long x0 = (i * 37L) % (em.dimension(0) - w), y0 = (i * 23L) % (em.dimension(1) - h);
            var crop = org.knime.deepclem.engine.image.Planes.toFloat(Views.zeroMin(
                Views.interval(em, new long[] {x0, y0}, new long[] {x0 + w - 1, y0 + h - 1})));
            Affine2D lmToEm = Affine2D.similarity(1 + 0.02 * (i % 4), Math.toRadians(2 + 1.5 * i), 6 + i, -4 - i);
            String id = "pair" + i;
            Inputs.writePair(crop, lmToEm, dir.resolve(id + "_em.png"), dir.resolve(id + "_lm.png"), model);
            csv.append(id).append(',').append(id).append("_em.png,").append(id).append("_lm.png\n");
        }
        return Files.writeString(dir.resolve("pairs.csv"), csv);
    }

    /** summary.csv of a batch output folder without its last column (seconds, which differ from run to run). */
    static List<String> summaryWithoutSeconds(Path out) throws IOException {
        return summaryWithoutSeconds(out, BatchSummary.FILE);
    }

    static List<String> summaryWithoutSeconds(Path out, String name) throws IOException {
        return Files.readAllLines(out.resolve(name)).stream().map(l -> l.substring(0, l.lastIndexOf(','))).toList();
    }
}
