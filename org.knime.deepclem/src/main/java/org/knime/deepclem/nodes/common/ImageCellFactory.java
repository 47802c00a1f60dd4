package org.knime.deepclem.nodes.common;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataType;
import org.knime.core.data.container.SingleCellFactory;
import org.knime.core.node.ExecutionContext;
import org.knime.knip.base.data.img.ImgPlusCellFactory;
import org.knime.knip.base.data.img.ImgPlusValue;

/**
 * A cell factory turning the image in one column into a new image cell. A missing input cell gives a missing output
 * cell; an image the engine cannot process fails the node with a message naming the row.
 */
public abstract class ImageCellFactory extends SingleCellFactory {

    private final int m_column;

    private final ExecutionContext m_exec;

    private ImgPlusCellFactory m_cells;

    protected ImageCellFactory(final DataColumnSpec newColumn, final int column, final ExecutionContext exec) {
        super(newColumn);
        m_column = column;
        m_exec = exec;
    }

    @Override
    public final DataCell getCell(final DataRow row) {
        DataCell in = row.getCell(m_column);
        if (in.isMissing()) {
            return DataType.getMissingCell();
        }
        if (m_cells == null) {
            m_cells = new ImgPlusCellFactory(m_exec);
        }
        try {
            return compute((ImgPlusValue<?>)in, m_cells, row.getKey().getString());
        } catch (IOException e) {
            throw new UncheckedIOException("Row \"" + row.getKey() + "\": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Row \"" + row.getKey() + "\": " + e.getMessage(), e);
        }
    }

    /** The output cell for one image; {@code rowId} names the image in messages. */
    protected abstract DataCell compute(ImgPlusValue<?> image, ImgPlusCellFactory cells, String rowId)
        throws IOException;
}
