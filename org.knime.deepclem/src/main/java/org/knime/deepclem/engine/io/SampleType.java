package org.knime.deepclem.engine.io;

/** How the samples of an image file are stored; decides how float working values are written back. */
public enum SampleType {
    /** 8-bit unsigned integer, 0..255. */
    UINT8(8, 255),
    /** 16-bit unsigned integer, 0..65535. */
    UINT16(16, 65535),
    /** 32-bit IEEE float (predictions, signed or wide integer sources). */
    FLOAT32(32, Float.MAX_VALUE);

    private final int bits;
    private final double max;

    SampleType(int bits, double max) {
        this.bits = bits;
        this.max = max;
    }

    public int bits() {
        return bits;
    }

    public boolean isInteger() {
        return this != FLOAT32;
    }

    /** The value as stored in this type: integers are rounded and clamped to their range (NaN -> 0); float unchanged. */
    public float toStored(float v) {
        if (!isInteger()) {
            return v;
        }
        if (!(v > 0)) {
            return 0; // also NaN
        }
        return v >= max ? (float) max : Math.round(v);
    }

    /** Parses 8, 16, 32 (or uint8, uint16, float32). */
    public static SampleType parse(String s) {
        switch (s.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "8": case "uint8": return UINT8;
            case "16": case "uint16": return UINT16;
            case "32": case "float": case "float32": return FLOAT32;
            default: throw new IllegalArgumentException("unknown bit depth '" + s + "': use 8, 16 or 32");
        }
    }
}
