package org.knime.knip.base.data.img;

import java.awt.Image;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

import org.knime.core.data.DataType;
import org.knime.core.data.StringValue;
import org.knime.core.data.filestore.FileStore;
import org.knime.core.data.filestore.FileStoreCell;

import net.imagej.ImgPlus;
import net.imagej.ImgPlusMetadata;
import net.imglib2.img.Img;
import net.imglib2.type.numeric.RealType;

/**
 * Stand-in of org.knime.knip.base.data.img.ImgPlusCell: an image in a file store. A new cell keeps its image in
 * memory and writes it to the file store when its table is written; a deserialized cell reads it back on first use
 * (KNIP does the same with its own binary format and a cache).
 */
public class ImgPlusCell<T extends RealType<T>> extends FileStoreCell implements ImgPlusValue<T>, StringValue {

    private static final long serialVersionUID = 1L;

    /** Not final, as in KNIP. */
    public static DataType TYPE = DataType.getType(ImgPlusCell.class);

    private transient ImgPlus<T> m_img;

    protected ImgPlusCell(final Img<T> img, final ImgPlusMetadata metadata, final FileStore fileStore) {
        super(fileStore);
        m_img = new ImgPlus<>(img, metadata);
    }

    /** For {@link ImgPlusCellSerializer}; KNIME then restores the file store. */
    ImgPlusCell() {
    }

    @Override
    protected void flushToFileStore() throws IOException {
        ImgPlusFile.write(m_img, getFileStores()[0].getFile());
    }

    private synchronized ImgPlus<T> img() {
        if (m_img == null) {
            try {
                m_img = ImgPlusFile.read(getFileStores()[0].getFile());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the image of " + this + ": " + e.getMessage(), e);
            }
        }
        return m_img;
    }

    @Override
    public long[] getDimensions() {
        long[] dims = new long[img().numDimensions()];
        img().dimensions(dims);
        return dims;
    }

    @Override
    public ImgPlus<T> getImgPlus() {
        return img();
    }

    @Override
    public ImgPlus<T> getImgPlusCopy() {
        return img().copy();
    }

    @Override
    public ImgPlusMetadata getMetadata() {
        return img();
    }

    @Override
    public long[] getMinimum() {
        long[] min = new long[img().numDimensions()];
        img().min(min);
        return min;
    }

    @SuppressWarnings("unchecked")
    @Override
    public Class<T> getPixelType() {
        return (Class<T>)img().firstElement().getClass();
    }

    @Override
    public Image getThumbnail(final RenderingHints renderingHints) {
        return new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_GRAY);
    }

    @Override
    public String getStringValue() {
        return "Image[" + img().getName() + ", " + Arrays.toString(getDimensions()) + "]";
    }

    @Override
    public String toString() {
        return getStringValue();
    }
}
