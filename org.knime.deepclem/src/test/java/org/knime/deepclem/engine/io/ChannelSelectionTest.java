package org.knime.deepclem.engine.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;

import org.junit.jupiter.api.Test;
import org.knime.deepclem.engine.image.Planes;

class ChannelSelectionTest {

    private final LoadedImage rgb = LoadedImage.ofChannels(null, SampleType.UINT8, true, 2, 1,
        new float[] {10, 100}, new float[] {20, 50}, new float[] {30, 200});

    private float[] pick(LoadedImage img, ChannelSelection s) {
        return Planes.copy(img.select(s));
    }

    @Test
    void namedChannelsOfRgb() {
        assertArrayEquals(new float[] {10, 100}, pick(rgb, ChannelSelection.RED));
        assertArrayEquals(new float[] {20, 50}, pick(rgb, ChannelSelection.GREEN));
        assertArrayEquals(new float[] {30, 200}, pick(rgb, ChannelSelection.BLUE));
        assertArrayEquals(new float[] {30, 200}, pick(rgb, ChannelSelection.MAX));
        assertArrayEquals(new float[] {20, 50}, pick(rgb, ChannelSelection.index(1)));
        float l0 = (float) (0.299 * 10 + 0.587 * 20 + 0.114 * 30), l1 = (float) (0.299 * 100 + 0.587 * 50 + 0.114 * 200);
        assertArrayEquals(new float[] {l0, l1}, pick(rgb, ChannelSelection.LUMINANCE), 1e-5f);
        assertArrayEquals(new float[] {l0, l1}, pick(rgb, ChannelSelection.AUTO), 1e-5f);
    }

    @Test
    void grayImagesGiveTheirOnlyChannel() {
        LoadedImage gray = LoadedImage.ofChannels(null, SampleType.UINT16, false, 3, 1, new float[] {1, 2, 65535});
        for (ChannelSelection s : new ChannelSelection[] {ChannelSelection.RED, ChannelSelection.BLUE,
            ChannelSelection.MAX, ChannelSelection.AUTO, ChannelSelection.index(0)}) {
            assertArrayEquals(new float[] {1, 2, 65535}, pick(gray, s), s.id());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> gray.select(ChannelSelection.index(1)));
        assertTrue(e.getMessage().contains("no channel 1"), e.getMessage());
    }

    @Test
    void grayStoredAsRgbIsExact() throws IOException {
        LoadedImage em = ImageFiles.read(RepoData.file("example/EM.png"));
        assertArrayEquals(em.channelArray(1), pick(em, ChannelSelection.AUTO), 0f);
        assertArrayEquals(em.channelArray(1), pick(em, ChannelSelection.LUMINANCE), 0f);
    }

    @Test
    void demoChromatinIsInGreenAndBlue() throws IOException {
        LoadedImage c = ImageFiles.read(RepoData.file("example/Chromatin.png"));
        double r = mean(pick(c, ChannelSelection.RED)), g = mean(pick(c, ChannelSelection.GREEN)),
            b = mean(pick(c, ChannelSelection.BLUE)), m = mean(pick(c, ChannelSelection.MAX));
        assertTrue(g > r && b > r, "r " + r + " g " + g + " b " + b);
        assertTrue(m >= Math.max(g, b), "max " + m);
    }

    private static double mean(float[] v) {
        double s = 0;
        for (float f : v) {
            s += f;
        }
        return s / v.length;
    }

    @Test
    void parses() {
        assertEquals(ChannelSelection.BLUE, ChannelSelection.parse(" Blue "));
        assertEquals(ChannelSelection.AUTO, ChannelSelection.parse("gray"));
        assertEquals(ChannelSelection.index(2), ChannelSelection.parse("2"));
        assertEquals("max", ChannelSelection.parse("max").id());
        assertThrows(IllegalArgumentException.class, () -> ChannelSelection.parse("purple"));
        assertThrows(IllegalArgumentException.class, () -> ChannelSelection.parse("-1"));
    }

    @Test
    void pagesOfANonRgbStackNeedAnIndexForMax() {
        LoadedImage pages = LoadedImage.ofChannels(null, SampleType.UINT8, false, 1, 1, new float[] {1},
            new float[] {2}, new float[] {3});
        assertArrayEquals(new float[] {3}, pick(pages, ChannelSelection.BLUE));
        assertArrayEquals(new float[] {1}, pick(pages, ChannelSelection.AUTO));
        assertThrows(IllegalArgumentException.class, () -> pages.select(ChannelSelection.MAX));
    }

    @Test
    void channelNamesWinOverKeywordsAndDigitsAreIndices() {
        LoadedImage named = LoadedImage.ofChannels(null, SampleType.UINT8, false, 1, 1, new float[] {1},
            new float[] {2}, new float[] {3}).withChannelNames(java.util.List.of("GFP", "Blue", "DAPI"));
        assertArrayEquals(new float[] {2}, pick(named, ChannelSelection.parseWithNames("blue")), "the name, not page 3");
        assertArrayEquals(new float[] {3}, pick(named, ChannelSelection.parseWithNames(" dapi ")));
        assertArrayEquals(new float[] {3}, pick(named, ChannelSelection.parseWithNames("2")));
        assertArrayEquals(new float[] {1}, pick(named, ChannelSelection.parseWithNames("auto")));
        // red/green/blue mean pages 1/2/3 only where the channels have no names; on named ones they are refused
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> named.select(ChannelSelection.parseWithNames("green")));
        assertTrue(e.getMessage().contains("its channels: GFP, Blue, DAPI"), e.getMessage());
        LoadedImage unnamed = LoadedImage.ofChannels(null, SampleType.UINT8, false, 1, 1, new float[] {1},
            new float[] {2}, new float[] {3});
        assertArrayEquals(new float[] {2}, pick(unnamed, ChannelSelection.parseWithNames("green")));
        e = assertThrows(IllegalArgumentException.class, () -> unnamed.select(ChannelSelection.parseWithNames("DAPI")));
        assertTrue(e.getMessage().contains("have no names") && e.getMessage().contains("0..2"), e.getMessage());
        // RGB images: the colour keywords are colours
        assertArrayEquals(new float[] {30, 200}, pick(rgb, ChannelSelection.parseWithNames("Blue")));
        assertEquals("DAPI", ChannelSelection.parseWithNames("DAPI").id());
        assertThrows(IllegalArgumentException.class, () -> ChannelSelection.parseWithNames(" "));
        // the strict grammar (KNIME node settings) still refuses names
        assertThrows(IllegalArgumentException.class, () -> ChannelSelection.parse("DAPI"));
    }
}
