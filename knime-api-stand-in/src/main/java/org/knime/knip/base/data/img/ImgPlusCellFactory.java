package org.knime.knip.base.data.img;

import java.io.IOException;

import org.knime.core.data.DataType;
import org.knime.core.data.filestore.FileStoreFactory;
import org.knime.core.node.ExecutionContext;
import org.knime.knip.base.data.KNIPCellFactory;

import net.imagej.ImgPlus;
import net.imglib2.type.numeric.RealType;

/** Stand-in of org.knime.knip.base.data.img.ImgPlusCellFactory: creates image cells. */
public final class ImgPlusCellFactory extends KNIPCellFactory {

    public ImgPlusCellFactory() {
        super();
    }

    public ImgPlusCellFactory(final ExecutionContext exec) {
        super(exec);
    }

    public ImgPlusCellFactory(final FileStoreFactory fsFactory) {
        super(fsFactory);
    }

    /** A cell holding the image (KNIP writes it to a file store; the stand-in keeps it in memory). */
    public final <T extends RealType<T>> ImgPlusCell<T> createCell(final ImgPlus<T> imgPlus) throws IOException {
        if (imgPlus == null) {
            throw new IOException("image must not be null");
        }
        return new ImgPlusCell<T>(imgPlus.getImg(), imgPlus, null) {
            private static final long serialVersionUID = 1L;
        };
    }

    @Override
    public DataType getDataType() {
        return ImgPlusCell.TYPE;
    }
}
