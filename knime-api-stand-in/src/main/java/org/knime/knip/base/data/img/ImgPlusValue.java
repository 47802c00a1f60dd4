package org.knime.knip.base.data.img;

import java.awt.Image;
import java.awt.RenderingHints;

import org.knime.core.data.DataValue;

import net.imagej.ImgPlus;
import net.imagej.ImgPlusMetadata;
import net.imglib2.type.numeric.RealType;

/** Stand-in of org.knime.knip.base.data.img.ImgPlusValue: a cell holding an ImgPlus. */
public interface ImgPlusValue<T extends RealType<T>> extends DataValue {

    long[] getDimensions();

    /** The image; do not modify it (use {@link #getImgPlusCopy()}). */
    ImgPlus<T> getImgPlus();

    ImgPlus<T> getImgPlusCopy();

    ImgPlusMetadata getMetadata();

    long[] getMinimum();

    Class<T> getPixelType();

    Image getThumbnail(RenderingHints renderingHints);
}
