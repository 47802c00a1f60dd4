package org.knime.deepclem.nodes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.NodeHarness;
import org.knime.deepclem.engine.geometry.Affine2D;
import org.knime.deepclem.engine.image.Planes;
import org.knime.deepclem.engine.io.ChannelSelection;
import org.knime.deepclem.engine.io.ImageFiles;
import org.knime.deepclem.engine.transform.Interpolation;
import org.knime.deepclem.engine.transform.Warp;
import org.knime.deepclem.nodes.apply.ApplyClemTransformNodeFactory;
import org.knime.deepclem.nodes.register.ClemRegistrationNodeFactory;
import org.knime.knip.base.data.img.ImgPlusCell;
import org.knime.knip.base.data.img.ImgPlusValue;

import net.imagej.axis.Axes;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.real.FloatType;

/**
 * The two nodes chained as in a workflow, on the demo images: the chromatin and a channel of interest are moved into
 * a simulated LM frame by a known similarity; CLEM Registration finds the transform back from the chromatin and Apply
 * CLEM Transform (joined by row ID) puts the channel of interest back where it was.
 */
class RegisterThenApplyTest {

    @Test
    void registrationAndApplyRestoreTheChannelOfInterest() throws Exception {
        ArrayImg<FloatType, FloatArray> chromatin =
            ImageFiles.read(TestImages.example("Chromatin.png")).select(ChannelSelection.BLUE);
        ArrayImg<FloatType, FloatArray> signal =
            ImageFiles.read(TestImages.example("Channel_of_interest.png")).select(ChannelSelection.MAX);
        Affine2D emToLm = Affine2D.similarity(1.1, Math.toRadians(-12), -60, 35);
        int lw = 1200, lh = 1000;
        ImgPlusCell<?> lmChromatin = TestImages.cell(Warp.warp(chromatin, emToLm, lw, lh, Interpolation.LINEAR, 0f),
            "chromatin", Axes.X, Axes.Y);
        ImgPlusCell<?> lmSignal = TestImages.cell(Warp.warp(signal, emToLm, lw, lh, Interpolation.LINEAR, 0f),
            "signal", Axes.X, Axes.Y);
        ImgPlusCell<?> reference = TestImages.cell(chromatin, "virtual chromatin", Axes.X, Axes.Y);

        DataTableSpec spec = new DataTableSpec(new DataColumnSpecCreator("VC", ImgPlusCell.TYPE).createSpec(),
            new DataColumnSpecCreator("Chromatin", ImgPlusCell.TYPE).createSpec(),
            new DataColumnSpecCreator("Signal", ImgPlusCell.TYPE).createSpec());
        BufferedDataTable in = NodeHarness.table(spec, List.of(new DefaultRow("field 1", reference, lmChromatin,
            lmSignal)));

        NodeHarness register = new NodeHarness(new ClemRegistrationNodeFactory());
        register.editSettings(s -> {
            s.addString("fixed_column", "VC");
            s.addString("moving_column", "Chromatin");
        });
        BufferedDataTable transforms = register.execute(in)[0];

        NodeHarness apply = new NodeHarness(new ApplyClemTransformNodeFactory());
        apply.editSettings(s -> {
            s.getConfig("image_columns").addStringArray("InclList", "Signal");
            s.addString("reference_column", "VC");
        });
        DataRow out = apply.execute(in, transforms)[0].iterator().next();
        ImgPlusValue<?> restored = (ImgPlusValue<?>)out.getCell(3);
        assertArrayEquals(new long[]{1280, 1024}, restored.getDimensions());

        // inside the area both frames cover, the channel is back in place (linear resampling twice blurs a little)
        float[] back = Planes.copy(restored.getImgPlus());
        float[] orig = Planes.data(signal);
        Affine2D lmToEm = emToLm.inverse();
        double sumDiff = 0, sumSignal = 0;
        int n = 0;
        for (int y = 100; y < 924; y += 2) {
            for (int x = 100; x < 1180; x += 2) {
                double[] p = {emToLm.applyX(x, y), emToLm.applyY(x, y)};
                if (p[0] < 5 || p[1] < 5 || p[0] > lw - 6 || p[1] > lh - 6) {
                    continue;
                }
                sumDiff += Math.abs(back[y * 1280 + x] - orig[y * 1280 + x]);
                sumSignal += orig[y * 1280 + x];
                n++;
            }
        }
        assertTrue(n > 100000, "enough overlap: " + n);
        double relError = sumDiff / Math.max(1, sumSignal);
        System.out.printf("register+apply: relative error %.4f over %d px%n", relError, n);
        assertTrue(relError < 0.05, "mean |restored - original| / mean signal = " + relError);
        assertEquals("field 1", out.getKey().getString());
        assertTrue(lmToEm.isFinite());
    }
}
