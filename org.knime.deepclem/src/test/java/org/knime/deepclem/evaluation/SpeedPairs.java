package org.knime.deepclem.evaluation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.knime.deepclem.engine.geometry.Affine2D;
import org.knime.deepclem.engine.image.Planes;
import org.knime.deepclem.engine.io.ImageFiles;
import org.knime.deepclem.engine.io.LoadedImage;
import org.knime.deepclem.engine.io.SampleType;
import org.knime.deepclem.engine.registration.SyntheticPairs;
import org.knime.deepclem.engine.transform.Interpolation;
import org.knime.deepclem.engine.transform.Warp;

/**
 * Input for the speed measurement (bench/speed.sh): whole 1280x954 training EM images with an LM image each (the
 * section's hand-registered chromatin, LM px = 1.6 EM px, rotated, in a field holding the whole EM frame, noisy, cyan
 * RGB), and a batch CSV. {@code SpeedPairs ROOT OUT_DIR N}.
 */
public final class SpeedPairs {

    private SpeedPairs() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]), out = Path.of(args[1]);
        int n = Integer.parseInt(args[2]);
        Files.createDirectories(out);
        Random rnd = new Random(7);
        List<String> rows = new ArrayList<>(List.of("em,lm,id"));
        String[] sections = {"s6", "s7", "s8"};
        for (int i = 0; i < n; i++) {
            String s = sections[i % 3];
            Path em = root.resolve("data/deepclem/training/em/" + s + ".png");
            var chrom = SyntheticPairs.Source.read(root.resolve("data/deepclem/training/chromatin/" + s + ".png"));
            double scale = 1.6, angle = Math.toRadians(20 + 40 * i);
            int size = (int) Math.ceil(Math.hypot(chrom.width(), chrom.height()) / scale * 1.1);
            // LM px -> EM px: rotate and scale about the LM centre, which lands on the EM centre
            Affine2D rot = Affine2D.similarity(scale, angle, 0, 0);
            double c = size / 2.0;
            Affine2D lmToEm = Affine2D.translation(chrom.width() / 2.0 - rot.applyX(c, c),
                chrom.height() / 2.0 - rot.applyY(c, c)).after(rot);
            float[] lm = Planes.data(Warp.warp(Planes.wrap(chrom.px(), chrom.width(), chrom.height()), lmToEm.inverse(), size,
                size, Interpolation.LINEAR, 0f));
            float[] blue = new float[lm.length], green = new float[lm.length], red = new float[lm.length];
            for (int k = 0; k < lm.length; k++) {
                blue[k] = (float) (0.8 * lm[k] + 10 + 4 * rnd.nextGaussian());
                green[k] = (float) (0.6 * lm[k] + 10 + 4 * rnd.nextGaussian());
                red[k] = (float) (5 + 2 * rnd.nextGaussian());
            }
            Path lmFile = out.resolve("lm" + i + ".png");
            ImageFiles.write(LoadedImage.ofChannels(lmFile, SampleType.UINT8, true, size, size, red, green, blue),
                lmFile, true);
            rows.add(em.toAbsolutePath() + "," + lmFile.getFileName() + ",pair" + i);
        }
        Files.write(out.resolve("pairs.csv"), rows);
    }
}
