package io.bpfsh.shell.data;

import io.bpfsh.shell.output.ByteOutput;
import io.bpfsh.shell.output.JsonWriter;
import java.util.HexFormat;

/**
 * How keys and values are shown: an unsigned little-endian integer when the size is 1, 2, 4 or 8
 * bytes, otherwise the raw bytes, as {@code hex:0a0b0c} in text (which {@link DataLiteral} reads
 * back, so a dumped key can be pasted into lookup) and as a plain hex string in JSON.
 */
public final class DataFormat {
    private DataFormat() {
    }

    public static boolean isInteger(int size) {
        return size == 1 || size == 2 || size == 4 || size == 8;
    }

    public static String text(byte[] b, int offset, int length) {
        if (isInteger(length)) {
            return Long.toUnsignedString(littleEndian(b, offset, length));
        }
        return "hex:" + HexFormat.of().formatHex(b, offset, offset + length);
    }

    public static String text(byte[] b) {
        return text(b, 0, b.length);
    }

    /** {@link #text} written straight into the output buffer, for dumps. */
    public static void text(ByteOutput out, byte[] b, int offset, int length) {
        if (isInteger(length)) {
            out.unsigned(littleEndian(b, offset, length));
        } else {
            out.ascii("hex:").hex(b, offset, length);
        }
    }

    public static void json(JsonWriter w, byte[] b, int offset, int length) {
        if (isInteger(length)) {
            w.unsignedValue(littleEndian(b, offset, length));
        } else {
            w.hexValue(b, offset, length);
        }
    }

    public static void json(JsonWriter w, byte[] b) {
        json(w, b, 0, b.length);
    }

    /** Unrolled for 4 and 8 bytes, the sizes of most keys and values, which dumps read per entry. */
    private static long littleEndian(byte[] b, int offset, int length) {
        if (length == 4) {
            return (b[offset] & 0xffL) | (b[offset + 1] & 0xffL) << 8 | (b[offset + 2] & 0xffL) << 16
                    | (b[offset + 3] & 0xffL) << 24;
        }
        if (length == 8) {
            return littleEndian(b, offset, 4) | littleEndian(b, offset + 4, 4) << 32;
        }
        long v = 0;
        for (int i = length - 1; i >= 0; i--) {
            v = (v << 8) | (b[offset + i] & 0xff);
        }
        return v;
    }
}
