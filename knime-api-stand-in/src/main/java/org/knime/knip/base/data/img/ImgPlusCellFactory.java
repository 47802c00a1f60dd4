package org.knime.knip.base.data.img;

import java.io.IOException;

import org.knime.core.data.DataType;
import org.knime.core.data.filestore.FileStoreFactory;
import org.knime.core.node.ExecutionContext;
import org.knime.knip.base.data.KNIPCellFactory;

import net.imagej.ImgPlus;
import net.imglib2.type.numeric.RealType;

/** Stand-in of org.knime.knip.base.data.img.ImgPlusCellFactory: creates image cells backed by file stores. */
public final class ImgPlusCellFactory extends KNIPCellFactory {

    public ImgPlusCellFactory(final ExecutionContext exec) {
        super(exec);
    }

    public ImgPlusCellFactory(final FileStoreFactory fsFactory) {
        super(fsFactory);
    }

    /** A cell holding the image; its pixels go to a file store when the cell's table is written. */
    public final <T extends RealType<T>> ImgPlusCell<T> createCell(final ImgPlus<T> imgPlus) throws IOException {
        if (imgPlus == null) {
            throw new IOException("image must not be null");
        }
        ImgPlusFile.checkStorable(imgPlus);
        return new ImgPlusCell<>(imgPlus.getImg(), imgPlus, newFileStore());
    }

    @Override
    public DataType getDataType() {
        return ImgPlusCell.TYPE;
    }
}
