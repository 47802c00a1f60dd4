package org.knime.knip.base.data.img;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.util.List;

import net.imagej.ImgPlus;
import net.imagej.axis.Axes;
import net.imagej.axis.AxisType;
import net.imagej.axis.DefaultLinearAxis;
import net.imglib2.Cursor;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.type.numeric.real.DoubleType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

/**
 * Stand-in only (KNIP has its own binary format): an image in a file: name, dimensions, axis labels with their unit
 * and scale, pixel type, then
 * the pixels in flat iteration order. Stores 8/16-bit unsigned, float and double images.
 */
final class ImgPlusFile {

    private static final int MAGIC = 0x4B4E4950; // "KNIP"

    private static final List<Class<?>> TYPES =
        List.of(UnsignedByteType.class, UnsignedShortType.class, FloatType.class, DoubleType.class);

    private static final List<AxisType> AXES = List.of(Axes.X, Axes.Y, Axes.Z, Axes.TIME, Axes.CHANNEL);

    private ImgPlusFile() {
    }

    static void checkStorable(final ImgPlus<?> img) throws IOException {
        if (!TYPES.contains(img.firstElement().getClass())) {
            throw new IOException("the KNIP stand-in stores " + TYPES.stream().map(Class::getSimpleName).toList()
                + " images only, not " + img.firstElement().getClass().getSimpleName());
        }
    }

    static <T extends RealType<T>> void write(final ImgPlus<T> img, final File file) throws IOException {
        checkStorable(img);
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new FileOutputStream(file)))) {
            out.writeInt(MAGIC);
            out.writeBoolean(img.getName() != null);
            if (img.getName() != null) {
                out.writeUTF(img.getName());
            }
            int n = img.numDimensions();
            out.writeInt(n);
            AxisType[] axes = axes(img);
            for (int d = 0; d < n; d++) {
                out.writeLong(img.dimension(d));
                out.writeUTF(axes[d].getLabel());
                String unit = img.axis(d).unit();
                out.writeBoolean(unit != null);
                if (unit != null) {
                    out.writeUTF(unit);
                }
                out.writeDouble(img.axis(d).averageScale(0, 1));
            }
            int type = TYPES.indexOf(img.firstElement().getClass());
            out.writeByte(type);
            for (T t : Views.flatIterable(img)) {
                switch (type) {
                    case 0 -> out.writeByte(((UnsignedByteType)t).get());
                    case 1 -> out.writeShort(((UnsignedShortType)t).get());
                    case 2 -> out.writeFloat(t.getRealFloat());
                    default -> out.writeDouble(t.getRealDouble());
                }
            }
        }
    }

    /** The axis of each dimension, as far as ImgPlusMetadata.dimensionIndex tells it. */
    private static AxisType[] axes(final ImgPlus<?> img) {
        AxisType[] axes = new AxisType[img.numDimensions()];
        for (AxisType a : AXES) {
            int d = img.dimensionIndex(a);
            if (d >= 0) {
                axes[d] = a;
            }
        }
        for (int d = 0; d < axes.length; d++) {
            axes[d] = axes[d] == null ? Axes.unknown() : axes[d];
        }
        return axes;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static <T extends RealType<T>> ImgPlus<T> read(final File file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(new FileInputStream(file)))) {
            if (in.readInt() != MAGIC) {
                throw new IOException(file + " is not an image file store");
            }
            String name = in.readBoolean() ? in.readUTF() : null;
            int n = in.readInt();
            long[] dims = new long[n];
            AxisType[] axes = new AxisType[n];
            String[] units = new String[n];
            double[] scales = new double[n];
            for (int d = 0; d < n; d++) {
                dims[d] = in.readLong();
                axes[d] = Axes.get(in.readUTF());
                units[d] = in.readBoolean() ? in.readUTF() : null;
                scales[d] = in.readDouble();
            }
            int type = in.readByte();
            Img img = switch (type) {
                case 0 -> ArrayImgs.unsignedBytes(dims);
                case 1 -> ArrayImgs.unsignedShorts(dims);
                case 2 -> ArrayImgs.floats(dims);
                case 3 -> ArrayImgs.doubles(dims);
                default -> throw new IOException("unknown pixel type " + type + " in " + file);
            };
            Cursor<RealType<?>> c = Views.flatIterable((Img<RealType<?>>)img).cursor();
            while (c.hasNext()) {
                RealType<?> t = c.next();
                switch (type) {
                    case 0 -> ((UnsignedByteType)t).set(in.readUnsignedByte());
                    case 1 -> ((UnsignedShortType)t).set(in.readUnsignedShort());
                    case 2 -> t.setReal(in.readFloat());
                    default -> t.setReal(in.readDouble());
                }
            }
            ImgPlus<T> result = new ImgPlus<>(img, name, axes);
            for (int d = 0; d < n; d++) {
                result.setAxis(new DefaultLinearAxis(axes[d], units[d], scales[d]), d);
            }
            return result;
        }
    }
}
