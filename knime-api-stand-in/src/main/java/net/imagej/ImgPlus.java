package net.imagej;

import java.util.Iterator;

import net.imagej.axis.Axes;
import net.imagej.axis.AxisType;
import net.imagej.axis.CalibratedAxis;
import net.imagej.axis.DefaultLinearAxis;
import net.imglib2.Cursor;
import net.imglib2.Interval;
import net.imglib2.RandomAccess;
import net.imglib2.img.Img;
import net.imglib2.img.ImgFactory;
import net.imglib2.img.WrappedImg;

/**
 * Stand-in of net.imagej.ImgPlus: an Img with a name and calibrated axes (type, unit, linear scale), delegating all
 * pixel access to the wrapped image. (imagej-common derives it from AbstractCalibratedRealInterval.)
 */
public class ImgPlus<T> implements Img<T>, WrappedImg<T>, ImgPlusMetadata {

    private final Img<T> m_img;

    private String m_name;

    private final CalibratedAxis[] m_axes;

    public ImgPlus(final Img<T> img) {
        this(img, (String)null);
    }

    public ImgPlus(final Img<T> img, final String name) {
        this(img, name, (AxisType[])null);
    }

    public ImgPlus(final Img<T> img, final String name, final AxisType[] axes) {
        m_img = img;
        m_name = name;
        m_axes = new CalibratedAxis[img.numDimensions()];
        AxisType[] defaults = {Axes.X, Axes.Y, Axes.Z, Axes.TIME, Axes.CHANNEL};
        for (int d = 0; d < m_axes.length; d++) {
            m_axes[d] = new DefaultLinearAxis(axes != null && d < axes.length ? axes[d]
                : d < defaults.length ? defaults[d] : Axes.unknown());
        }
    }

    public ImgPlus(final Img<T> img, final ImgPlusMetadata metadata) {
        this(img, metadata.getName());
        for (int d = 0; d < Math.min(m_axes.length, metadata.numDimensions()); d++) {
            m_axes[d] = metadata.axis(d).copy();
        }
    }

    @Override
    public CalibratedAxis axis(final int d) {
        return m_axes[d];
    }

    public void setAxis(final CalibratedAxis axis, final int d) {
        m_axes[d] = axis;
    }

    /** Wraps an image, or returns it when it already is an ImgPlus. */
    public static <T> ImgPlus<T> wrap(final Img<T> img) {
        return img instanceof ImgPlus<T> p ? p : new ImgPlus<>(img);
    }

    @Override
    public Img<T> getImg() {
        return m_img;
    }

    @Override
    public String getName() {
        return m_name;
    }

    @Override
    public void setName(final String name) {
        m_name = name;
    }

    @Override
    public int dimensionIndex(final AxisType axisType) {
        for (int d = 0; d < m_axes.length; d++) {
            if (m_axes[d].type().equals(axisType)) {
                return d;
            }
        }
        return -1;
    }

    @Override
    public RandomAccess<T> randomAccess() {
        return m_img.randomAccess();
    }

    @Override
    public RandomAccess<T> randomAccess(final Interval interval) {
        return m_img.randomAccess(interval);
    }

    @Override
    public int numDimensions() {
        return m_img.numDimensions();
    }

    @Override
    public long min(final int d) {
        return m_img.min(d);
    }

    @Override
    public long max(final int d) {
        return m_img.max(d);
    }

    @Override
    public long dimension(final int d) {
        return m_img.dimension(d);
    }

    @Override
    public double realMin(final int d) {
        return m_img.realMin(d);
    }

    @Override
    public double realMax(final int d) {
        return m_img.realMax(d);
    }

    @Override
    public Cursor<T> cursor() {
        return m_img.cursor();
    }

    @Override
    public Cursor<T> localizingCursor() {
        return m_img.localizingCursor();
    }

    @Override
    public long size() {
        return m_img.size();
    }

    @Override
    public T firstElement() {
        return m_img.firstElement();
    }

    @Override
    public Object iterationOrder() {
        return m_img.iterationOrder();
    }

    @Override
    public Iterator<T> iterator() {
        return m_img.iterator();
    }

    @Override
    public ImgFactory<T> factory() {
        return m_img.factory();
    }

    @Override
    public ImgPlus<T> copy() {
        ImgPlus<T> c = new ImgPlus<>(m_img.copy(), m_name);
        for (int d = 0; d < m_axes.length; d++) {
            c.m_axes[d] = m_axes[d].copy();
        }
        return c;
    }
}
