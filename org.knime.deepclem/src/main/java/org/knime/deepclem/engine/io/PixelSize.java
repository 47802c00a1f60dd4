package org.knime.deepclem.engine.io;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The physical size of one pixel, in micrometres, along x and y. An unknown size is not a PixelSize: code that may
 * lack one takes an {@code Optional<PixelSize>} or null, never a default of 1.
 *
 * @param x micrometres per pixel along x (> 0, finite)
 * @param y micrometres per pixel along y (> 0, finite)
 */
public record PixelSize(double x, double y) {

    /** Length units as written by ImageJ, OME-XML and users, in micrometres. */
    private static final Map<String, Double> UNITS = Map.ofEntries(Map.entry("pm", 1e-6), Map.entry("å", 1e-4),
        Map.entry("angstrom", 1e-4), Map.entry("nm", 1e-3), Map.entry("nanometer", 1e-3),
        Map.entry("nanometre", 1e-3), Map.entry("µm", 1.0), Map.entry("μm", 1.0), Map.entry("um", 1.0),
        Map.entry("micron", 1.0), Map.entry("microns", 1.0), Map.entry("micrometer", 1.0),
        Map.entry("micrometre", 1.0), Map.entry("mm", 1e3), Map.entry("millimeter", 1e3), Map.entry("cm", 1e4),
        Map.entry("centimeter", 1e4), Map.entry("m", 1e6), Map.entry("meter", 1e6), Map.entry("metre", 1e6),
        Map.entry("inch", 25400.0), Map.entry("in", 25400.0));

    private static final Pattern GIVEN = Pattern.compile(
        "\\s*([0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\\s*(?:[,x]\\s*([0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?))?\\s*(\\S+)\\s*");

    public PixelSize {
        if (!(x > 0 && y > 0 && Double.isFinite(x) && Double.isFinite(y))) {
            throw new IllegalArgumentException("a pixel size must be positive and finite, got " + x + " x " + y + " µm");
        }
    }

    /** A square pixel of {@code um} micrometres. */
    public static PixelSize square(double um) {
        return new PixelSize(um, um);
    }

    /**
     * A size in {@code unit} per pixel along x and y, or null when the unit is not a length or a value is not
     * positive and finite (how a file says "uncalibrated": ImageJ's {@code unit=pixel}, a resolution of 0).
     */
    public static PixelSize ofUnit(double x, double y, String unit) {
        Double um = unit == null ? null : UNITS.get(unit.trim().toLowerCase(Locale.ROOT));
        if (um == null || !(x > 0 && y > 0) || !Double.isFinite(x * um) || !Double.isFinite(y * um)) {
            return null;
        }
        return new PixelSize(x * um, y * um);
    }

    /** Whether {@code unit} names a length this class knows (nm, µm/um/micron, mm, ...). */
    public static boolean isLengthUnit(String unit) {
        return unit != null && UNITS.containsKey(unit.trim().toLowerCase(Locale.ROOT));
    }

    /**
     * Parses a size a user gives: a value with its unit, {@code 5nm}, {@code 0.1 um}, {@code 0.1µm}, or x and y,
     * {@code 0.1,0.12um} / {@code 0.1x0.12um}.
     *
     * @throws IllegalArgumentException with a one-line message saying what to write
     */
    public static PixelSize parse(String text) {
        Matcher m = GIVEN.matcher(text == null ? "" : text);
        PixelSize p = null;
        if (m.matches()) {
            double x = Double.parseDouble(m.group(1));
            double y = m.group(2) == null ? x : Double.parseDouble(m.group(2));
            p = ofUnit(x, y, m.group(3));
        }
        if (p == null) {
            throw new IllegalArgumentException("pixel size '" + text + "' is not a positive value with a length unit; "
                + "write e.g. 5nm, 0.1um or 0.1,0.12um (units: nm, um or µm, mm)");
        }
        return p;
    }

    /** The mean of x and y, for the one scale of a similarity transform. */
    public double mean() {
        return Math.sqrt(x * y);
    }

    /** LM px -> EM px scale that these sizes imply when {@code this} is the moving (LM) image's size. */
    public double scaleOnto(PixelSize fixed) {
        return mean() / fixed.mean();
    }

    /** Whether x and y are equal to within 0.1 %. */
    public boolean isSquare() {
        return Math.abs(x - y) <= 1e-3 * Math.max(x, y);
    }

    /** In nm when below 1 µm ({@code 5 nm}), else in µm ({@code 1.5 µm}); x,y when not square. */
    @Override
    public String toString() {
        boolean nm = Math.max(x, y) < 1;
        double f = nm ? 1e3 : 1;
        String v = isSquare() ? fmt(x * f) : fmt(x * f) + "," + fmt(y * f);
        return v + (nm ? " nm" : " µm");
    }

    private static String fmt(double v) {
        String s = String.format(Locale.ROOT, "%.6g", v);
        return s.contains(".") && !s.contains("e") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }
}
