package org.knime.deepclem.reliability;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.knime.deepclem.engine.geometry.Affine2D;
import org.knime.deepclem.engine.image.Planes;
import org.knime.deepclem.engine.io.ImageFiles;
import org.knime.deepclem.engine.io.LoadedImage;
import org.knime.deepclem.engine.io.SampleType;
import org.knime.deepclem.engine.predict.ModelSettings;
import org.knime.deepclem.engine.preprocess.Resample;
import org.knime.deepclem.engine.transform.Interpolation;
import org.knime.deepclem.engine.transform.Warp;

/**
 * Writes the inputs of the huge-image check (bench/huge.sh): {@code DIR/em.tif}, a SIZE x SIZE 8-bit EM tiled from
 * the example EM (mirrored, so nuclei keep their size); {@code DIR/lm.png}, the EM shrunk by LM_FACTOR and moved by a
 * similarity; and {@code DIR/model}, the test models' blur network with a quarter working scale.
 * <p>
 * Usage: {@code HugeInputs DIR SIZE LM_FACTOR}
 */
public final class HugeInputs {

    private HugeInputs() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createDirectories(Path.of(args[0]));
        Files.writeString(dir.resolve("known.json"), knownTransformJson(Integer.parseInt(args[1]),
            Integer.parseInt(args[2])));
        int size = Integer.parseInt(args[1]);
        int lmFactor = Integer.parseInt(args[2]);
        Path emFile = dir.resolve("em.tif");
        LoadedImage emImg;
        if (Files.exists(emFile)) { // the EM does not depend on LM_FACTOR: keep it (writing 256 MB takes a while)
            emImg = ImageFiles.read(emFile);
        } else {
            var tile = Inputs.em(1);
            int tw = (int) tile.dimension(0), th = (int) tile.dimension(1);
            float[] t = Planes.data(tile);
            byte[] em = new byte[size * size];
            for (int y = 0; y < size; y++) {
                int ty = mirror(y, th);
                for (int x = 0; x < size; x++) {
                    em[y * size + x] = (byte) (int) t[ty * tw + mirror(x, tw)];
                }
            }
            emImg = LoadedImage.of(null, net.imglib2.img.array.ArrayImgs.unsignedBytes(em, size, size, 1),
                SampleType.UINT8, false);
            ImageFiles.write(emImg, emFile, false);
        }
        int ls = size / lmFactor;
        var small = Resample.toSize(net.imglib2.view.Views.hyperSlice(emImg.pixels(), 2, 0), ls, ls);
        // LM px p shows the EM at lmToEm(p) (in LM-scale px): warp with the inverse
        Affine2D lmToSmallEm = Affine2D.similarity(1.04, Math.toRadians(3), 0.02 * ls, -0.015 * ls);
        var lm = Warp.warp(small, lmToSmallEm.inverse(), ls, ls, Interpolation.LINEAR, 0f);
        Path lmFile = dir.resolve("lm.png");
        Files.deleteIfExists(lmFile);
        ImageFiles.write(LoadedImage.ofPlane(lmFile, lm, SampleType.UINT8), lmFile, false);
        Path model = dir.resolve("model");
        if (!Files.exists(model)) {
            TestModels.blurModel(model);
            new ModelSettings(true, 0.25, 0.5, 99.8, true, 16, Map.of()).write(model.resolve(ModelSettings.FILE_NAME));
        }
        System.out.println("wrote " + emFile + " (" + size + "x" + size + "), " + lmFile + " (" + ls + "x" + ls
            + "), " + model);
    }

    /** The LM -> EM transform the inputs are made with, for an LM shrunk by {@code lmFactor}. */
    public static Affine2D knownLmToEm(int size, int lmFactor) {
        int ls = size / lmFactor;
        Affine2D lmToSmallEm = Affine2D.similarity(1.04, Math.toRadians(3), 0.02 * ls, -0.015 * ls);
        // small-EM px -> EM px: pixel centres, (p + 0.5) * f - 0.5
        Affine2D up = new Affine2D(lmFactor, 0, 0.5 * lmFactor - 0.5, 0, lmFactor, 0.5 * lmFactor - 0.5);
        return up.after(lmToSmallEm);
    }

    /** {@link #knownLmToEm} as a deepclem transform.json text (verdict ok). */
    public static String knownTransformJson(int size, int lmFactor) {
        var r = new org.knime.deepclem.engine.registration.RegistrationResult(knownLmToEm(size, lmFactor),
            org.knime.deepclem.engine.registration.TransformModel.SIMILARITY, "known",
            org.knime.deepclem.engine.registration.Quality.NONE, org.knime.deepclem.engine.registration.Verdict.OK, "");
        return org.knime.deepclem.engine.transform.TransformJson.toJson(
            new org.knime.deepclem.engine.transform.TransformDocument(r,
                new org.knime.deepclem.engine.transform.TransformDocument.ImageSize(size, size),
                new org.knime.deepclem.engine.transform.TransformDocument.ImageSize(size / lmFactor, size / lmFactor)));
    }

    private static int mirror(int i, int n) {
        int period = 2 * n;
        int k = i % period;
        return k < n ? k : period - 1 - k;
    }
}
