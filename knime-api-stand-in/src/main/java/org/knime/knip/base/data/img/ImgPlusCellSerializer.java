package org.knime.knip.base.data.img;

import java.io.IOException;

import org.knime.core.data.DataCellDataInput;
import org.knime.core.data.DataCellDataOutput;
import org.knime.core.data.DataCellSerializer;

/**
 * Stand-in of org.knime.knip.base.data.img.ImgPlusCellSerializer (registered for ImgPlusCell at the extension point
 * org.knime.core.DataType, see knime-api-stand-in/knip-plugin.xml). The table stream holds only a format version;
 * the image is in the cell's file store, as in KNIP.
 */
public final class ImgPlusCellSerializer<T extends net.imglib2.type.numeric.RealType<T>>
    implements DataCellSerializer<ImgPlusCell<T>> {

    private static final int VERSION = 1;

    @Override
    public void serialize(final ImgPlusCell<T> cell, final DataCellDataOutput output) throws IOException {
        output.writeInt(VERSION);
    }

    @Override
    public ImgPlusCell<T> deserialize(final DataCellDataInput input) throws IOException {
        int version = input.readInt();
        if (version != VERSION) {
            throw new IOException("unknown image cell format " + version);
        }
        return new ImgPlusCell<>();
    }
}
