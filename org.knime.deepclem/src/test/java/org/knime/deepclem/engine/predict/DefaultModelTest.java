package org.knime.deepclem.engine.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.knime.deepclem.engine.image.Planes;
import org.knime.deepclem.engine.io.ChannelSelection;
import org.knime.deepclem.engine.io.ImageFiles;
import org.knime.deepclem.evaluation.TrainingSectionFit;

import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.real.FloatType;

/** The bundled model predicts chromatin-like contrast: brighter inside the hand-registered chromatin than outside. */
class DefaultModelTest {

    static Path root() {
        String r = System.getProperty("deepclem.root");
        Path p = r != null ? Path.of(r) : Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("data/deepclem"))) {
            p = p.getParent();
        }
        return p;
    }

    @Test
    void predictsBrighterInsideTheChromatinOnATrainingSection() throws Exception {
        Path t = root().resolve("data/deepclem/training");
        ArrayImg<FloatType, FloatArray> em = ImageFiles.read(t.resolve("em/s6.png")).select(ChannelSelection.AUTO);
        float[] chrom = Planes.data(ImageFiles.read(t.resolve("chromatin/s6.png")).select(
            ChannelSelection.MAX));
        try (VirtualChromatinModel m = VirtualChromatinModel.loadDefault()) {
            assertEquals(4, m.layout().rank());
            ArrayImg<FloatType, FloatArray> pred = m.predict(em);
            assertEquals(em.dimension(0), pred.dimension(0));
            assertEquals(em.dimension(1), pred.dimension(1));
            // chromatin mask: above half of the chromatin image's 99.8th percentile
            double[] inOut = TrainingSectionFit.insideOutside(Planes.data(pred), chrom);
            double in = inOut[0], out = inOut[1];
            int nIn = (int) inOut[2];
            assertTrue(nIn > 1000, "mask has " + nIn + " pixels");
            assertTrue(in > out + 0.15 && in > 3 * out, "mean prediction inside " + in + ", outside " + out);
        }
    }
}
