package org.knime.deepclem.nodes.common;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.knime.core.node.NodeHarness;
import org.knime.deepclem.engine.image.Planes;
import org.knime.deepclem.engine.io.ChannelSelection;
import org.knime.deepclem.engine.io.ImageFiles;
import org.knime.deepclem.engine.io.LoadedImage;
import org.knime.deepclem.engine.io.SampleType;
import org.knime.deepclem.nodes.TestImages;
import org.knime.knip.base.data.img.ImgPlusCell;
import org.knime.knip.base.data.img.ImgPlusCellFactory;

import net.imagej.axis.Axes;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.integer.UnsignedByteType;

class ImagePlanesTest {

    @Test
    void rgbCellsReadLikeTheEngineReadsTheFile() throws Exception {
        ImgPlusCell<?> cell = TestImages.png(TestImages.example("Chromatin.png"));
        LoadedImage fromCell = ImagePlanes.loaded(cell);
        LoadedImage fromFile = ImageFiles.read(TestImages.example("Chromatin.png"));
        assertTrue(fromCell.rgb());
        assertEquals(SampleType.UINT8, fromCell.sampleType());
        assertEquals(3, fromCell.channels());
        for (ChannelSelection c : new ChannelSelection[]{ChannelSelection.BLUE, ChannelSelection.AUTO,
            ChannelSelection.MAX, ChannelSelection.index(1)}) {
            assertArrayEquals(Planes.data(fromFile.select(c)), Planes.data(ImagePlanes.plane(cell, c)), 0f, c.id());
        }
    }

    @Test
    void channelAxisAnywhereAndSingletonDimensionsAreHandled() {
        // X, Channel, Y with 2 channels; and X, Y, Z=1
        byte[] d = new byte[4 * 2 * 3];
        for (int i = 0; i < d.length; i++) {
            d[i] = (byte)i;
        }
        ImgPlusCell<?> xcy = TestImages.cell(ArrayImgs.unsignedBytes(d, 4, 2, 3), "xcy", Axes.X, Axes.CHANNEL, Axes.Y);
        LoadedImage img = ImagePlanes.loaded(xcy);
        assertEquals(2, img.channels());
        assertEquals(4, img.width());
        assertEquals(3, img.height());
        assertEquals(d[4 * 2 * 1 + 4 + 2], (byte)img.channelArray(1)[4 + 2], "x=2, c=1, y=1");

        ImgPlusCell<?> xyz = TestImages.cell(ArrayImgs.floats(5, 4, 1), "xyz", Axes.X, Axes.Y, Axes.Z);
        assertEquals(1, ImagePlanes.loaded(xyz).channels());

        ImgPlusCell<?> stack = TestImages.cell(ArrayImgs.floats(5, 4, 3), "stack", Axes.X, Axes.Y, Axes.Z);
        var e = assertThrows(IllegalArgumentException.class,
            () -> ImagePlanes.plane(stack, ChannelSelection.index(5)));
        assertTrue(e.getMessage().contains("no channel 5"), e.getMessage());
        ImgPlusCell<?> volume = TestImages.cell(ArrayImgs.floats(5, 4, 3, 2), "vol", Axes.X, Axes.Y, Axes.Z,
            Axes.TIME);
        e = assertThrows(IllegalArgumentException.class, () -> ImagePlanes.loaded(volume));
        assertTrue(e.getMessage().contains("expected a 2-D image"), e.getMessage());
    }

    @Test
    void engineImagesBecomeCellsOfTheirSampleType() throws Exception {
        ImgPlusCellFactory f = new ImgPlusCellFactory(NodeHarness.executionContext());
        LoadedImage rgb = ImageFiles.read(TestImages.example("EM.png"));
        ImgPlusCell<?> cell = ImagePlanes.cell(f, rgb, "em");
        assertArrayEquals(new long[]{1002, 530, 3}, cell.getDimensions());
        assertTrue(cell.getImgPlus().firstElement() instanceof UnsignedByteType);
        assertEquals(2, cell.getImgPlus().dimensionIndex(Axes.CHANNEL));
        LoadedImage gray = LoadedImage.ofPlane(null, rgb.channel(0), SampleType.UINT8);
        ImgPlusCell<?> grayCell = ImagePlanes.cell(f, gray, "gray");
        assertArrayEquals(new long[]{1002, 530}, grayCell.getDimensions());
        assertArrayEquals(rgb.channelArray(0), Planes.copy(grayCell.getImgPlus()), 0f);
    }
}
