package org.knime.knip.base.data.img;

import java.awt.Image;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Arrays;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataType;
import org.knime.core.data.StringValue;
import org.knime.core.data.filestore.FileStore;
import org.knime.core.data.filestore.FileStoreCell;

import net.imagej.ImgPlus;
import net.imagej.ImgPlusMetadata;
import net.imglib2.img.Img;
import net.imglib2.type.numeric.RealType;

/** Stand-in of org.knime.knip.base.data.img.ImgPlusCell: holds the image in memory (KNIP: in a file store). */
public class ImgPlusCell<T extends RealType<T>> extends FileStoreCell implements ImgPlusValue<T>, StringValue {

    private static final long serialVersionUID = 1L;

    /** Not final, as in KNIP. */
    public static DataType TYPE = DataType.getType(ImgPlusCell.class);

    private final transient ImgPlus<T> m_img;

    protected ImgPlusCell(final Img<T> img, final ImgPlusMetadata metadata, final FileStore fileStore) {
        super(fileStore);
        m_img = new ImgPlus<>(img, metadata);
    }

    @Override
    public long[] getDimensions() {
        long[] dims = new long[m_img.numDimensions()];
        m_img.dimensions(dims);
        return dims;
    }

    @Override
    public ImgPlus<T> getImgPlus() {
        return m_img;
    }

    @Override
    public ImgPlus<T> getImgPlusCopy() {
        return m_img.copy();
    }

    @Override
    public ImgPlusMetadata getMetadata() {
        return m_img;
    }

    @Override
    public long[] getMinimum() {
        long[] min = new long[m_img.numDimensions()];
        m_img.min(min);
        return min;
    }

    @SuppressWarnings("unchecked")
    @Override
    public Class<T> getPixelType() {
        return (Class<T>)m_img.firstElement().getClass();
    }

    @Override
    public Image getThumbnail(final RenderingHints renderingHints) {
        return new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_GRAY);
    }

    @Override
    public String getStringValue() {
        return "Image[" + m_img.getName() + ", " + Arrays.toString(getDimensions()) + "]";
    }

    @Override
    public String toString() {
        return getStringValue();
    }

    @Override
    protected boolean equalsDataCell(final DataCell dc) {
        return dc == this;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
