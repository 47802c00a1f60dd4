package org.knime.deepclem.cli;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BandedSampleModel;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferFloat;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;

import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

import org.knime.deepclem.engine.io.AtomicFiles;

/**
 * Writes a float plane with the JDK's ImageIO: .tif/.tiff as 32-bit float (exact values), .png as 8-bit gray of
 * the values clipped to [0, 1] (for viewing). Written to a temporary file beside the target, then moved.
 */
final class PlaneWriter {

    private PlaneWriter() {
    }

    static void write(float[] data, int width, int height, Path file, boolean overwrite) throws IOException {
        if (Files.exists(file) && !overwrite) {
            throw new IllegalArgumentException(file + " exists; choose another --out or add --overwrite");
        }
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean tiff = n.endsWith(".tif") || n.endsWith(".tiff");
        if (!tiff && !n.endsWith(".png")) {
            throw new IllegalArgumentException(file + ": output must end in .tif, .tiff (float) or .png (8-bit view)");
        }
        BufferedImage img = tiff ? floatImage(data, width, height) : gray8(data, width, height);
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = AtomicFiles.createTempSibling(file);
        try {
            Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName(tiff ? "tiff" : "png");
            if (!it.hasNext()) {
                throw new IOException("no ImageIO writer for " + (tiff ? "TIFF" : "PNG"));
            }
            ImageWriter w = it.next();
            try (ImageOutputStream out = ImageIO.createImageOutputStream(tmp.toFile())) {
                w.setOutput(out);
                w.write(img);
            } finally {
                w.dispose();
            }
            AtomicFiles.moveIntoPlace(tmp, file, overwrite);
        } finally {
            if (Files.exists(tmp)) {
                AtomicFiles.discard(tmp);
            }
        }
    }

    private static BufferedImage floatImage(float[] data, int w, int h) {
        WritableRaster r = Raster.createWritableRaster(new BandedSampleModel(DataBuffer.TYPE_FLOAT, w, h, 1),
            new DataBufferFloat(data, data.length), null);
        ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY), false, false,
            Transparency.OPAQUE, DataBuffer.TYPE_FLOAT);
        return new BufferedImage(cm, r, false, null);
    }

    private static BufferedImage gray8(float[] data, int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster r = img.getRaster();
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float v = data[y * w + x];
                row[x] = Math.round(255 * (v < 0 ? 0 : (v > 1 ? 1 : v)));
            }
            r.setPixels(0, y, w, 1, row);
        }
        return img;
    }
}
