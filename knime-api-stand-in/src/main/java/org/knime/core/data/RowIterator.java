package org.knime.core.data;

import java.util.Iterator;

/** Stand-in of org.knime.core.data.RowIterator. */
public abstract class RowIterator implements Iterator<DataRow> {

    @Override
    public abstract boolean hasNext();

    @Override
    public abstract DataRow next();
}
