package org.knime.deepclem.nodes;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import javax.imageio.ImageIO;

import org.knime.core.node.NodeHarness;
import org.knime.knip.base.data.img.ImgPlusCell;
import org.knime.knip.base.data.img.ImgPlusCellFactory;

import net.imagej.ImgPlus;
import net.imagej.axis.Axes;
import net.imagej.axis.AxisType;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.RealType;

/** Image cells for node tests: synthetic ones and the demo images as the KNIP Image Reader would give them. */
public final class TestImages {

    private TestImages() {
    }

    /** The repository root (System property deepclem.root, else the first parent holding data/deepclem). */
    public static Path root() {
        String p = System.getProperty("deepclem.root");
        if (p != null) {
            return Paths.get(p).toAbsolutePath().normalize();
        }
        Path dir = Paths.get("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("data/deepclem"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("data/deepclem not found above the working directory");
        }
        return dir;
    }

    public static Path example(final String name) {
        return root().resolve("data/deepclem/example").resolve(name);
    }

    public static <T extends RealType<T>> ImgPlusCell<T> cell(final Img<T> img, final String name,
        final AxisType... axes) {
        return cell(new ImgPlusCellFactory(NodeHarness.executionContext()), img, name, axes);
    }

    private static <T extends RealType<T>> ImgPlusCell<T> cell(final ImgPlusCellFactory cells, final Img<T> img,
        final String name, final AxisType... axes) {
        try {
            return cells.createCell(new ImgPlus<>(img, name, axes.length == 0 ? null : axes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A float plane filled by {@code f(x, y)}. */
    public static ImgPlusCell<?> synthetic(final int w, final int h, final java.util.function.IntBinaryOperator f) {
        float[] data = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                data[y * w + x] = f.applyAsInt(x, y);
            }
        }
        return cell(ArrayImgs.floats(data, w, h), "synthetic", Axes.X, Axes.Y);
    }

    /**
     * A PNG as the KNIP Image Reader reads it: 8-bit, X x Y for gray, X x Y x Channel for RGB (channel 0 = red,
     * 2 = blue).
     */
    public static ImgPlusCell<?> png(final Path file) throws IOException {
        return png(file, new ImgPlusCellFactory(NodeHarness.executionContext()));
    }

    /** As {@link #png(Path)}, the cell made by {@code cells} (a node's own factory, in a workflow). */
    public static ImgPlusCell<?> png(final Path file, final ImgPlusCellFactory cells) throws IOException {
        BufferedImage bi = ImageIO.read(file.toFile());
        if (bi == null) {
            throw new IOException("not an image: " + file);
        }
        int w = bi.getWidth(), h = bi.getHeight();
        boolean gray = bi.getType() == BufferedImage.TYPE_BYTE_GRAY;
        int channels = gray ? 1 : 3;
        byte[] data = new byte[w * h * channels];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = bi.getRGB(x, y);
                if (gray) {
                    data[y * w + x] = (byte)bi.getRaster().getSample(x, y, 0);
                } else {
                    data[y * w + x] = (byte)(rgb >> 16);
                    data[w * h + y * w + x] = (byte)(rgb >> 8);
                    data[2 * w * h + y * w + x] = (byte)rgb;
                }
            }
        }
        String name = file.getFileName().toString();
        return gray ? cell(cells, ArrayImgs.unsignedBytes(data, w, h), name, Axes.X, Axes.Y)
            : cell(cells, ArrayImgs.unsignedBytes(data, w, h, 3), name, Axes.X, Axes.Y, Axes.CHANNEL);
    }
}
