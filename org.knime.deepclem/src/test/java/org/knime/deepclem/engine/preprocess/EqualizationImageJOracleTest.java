package org.knime.deepclem.engine.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.knime.deepclem.engine.image.Planes;
import org.knime.deepclem.engine.io.ChannelSelection;
import org.knime.deepclem.engine.io.ImageFiles;
import org.knime.deepclem.engine.io.LoadedImage;
import org.knime.deepclem.engine.io.RepoData;

import ij.IJ;
import ij.ImagePlus;
import ij.plugin.ContrastEnhancer;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;

/** {@link Equalization#imageJ} against the real ImageJ 1.54p ContrastEnhancer (the oracle). */
class EqualizationImageJOracleTest {

    @ParameterizedTest
    @ValueSource(strings = {"example/EM.png", "training/em/s6.png", "training/em/s7.png", "training/em/s8.png"})
    void identicalToImageJOnRealEm(String rel) throws IOException {
        String path = RepoData.file(rel).toString();
        ImagePlus imp = IJ.openImage(path);
        new ContrastEnhancer().equalize(imp);
        // ImageJ keeps EM.png (gray stored as RGB) as RGB: it equalises the (r+g+b)/3 histogram and applies the table
        // to each channel, so any channel is the equalised gray
        ImageProcessor ip = imp.getBitDepth() == 24 ? ((ColorProcessor) imp.getProcessor()).getChannel(1, null)
            : imp.getProcessor();
        assertEquals(8, ip.getBitDepth());
        float[] expected = (float[]) ip.convertToFloatProcessor().getPixels();

        LoadedImage img = ImageFiles.read(RepoData.file(rel));
        float[] actual = Planes.copy(Equalization.imageJ(img.select(ChannelSelection.AUTO), 8));
        assertArrayEquals(expected, actual, 0f, rel);
    }

    @Test
    void identicalToImageJOn16Bit() {
        int w = 64, h = 40;
        short[] px = new short[w * h];
        Random r = new Random(5);
        float[] v = new float[w * h];
        for (int i = 0; i < px.length; i++) {
            int val = i % 17 == 0 ? 0 : (int) Math.min(65535, Math.abs(r.nextGaussian() * 9000 + 20000)); // bin 0 matters
            px[i] = (short) val;
            v[i] = val;
        }
        ImagePlus imp = new ImagePlus("s", new ShortProcessor(w, h, px, null));
        new ContrastEnhancer().equalize(imp);
        float[] expected = (float[]) imp.getProcessor().convertToFloatProcessor().getPixels();
        float[] actual = Planes.copy(Equalization.imageJ(Planes.wrap(v, w, h), 16));
        assertArrayEquals(expected, actual, 0f);
    }
}
