package io.bpfsh.shell.data;

import io.bpfsh.engine.AsciiDigits;
import io.bpfsh.shell.CommandException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Turns a KEY or VALUE literal into the exact bytes of a map's key or value:
 * <ul>
 *   <li>an integer, written unquoted: decimal ({@code 42}, {@code -1}) or hex ({@code 0x2a}),
 *       encoded little-endian when the size is 1, 2, 4 or 8 bytes; a negative number is its two's
 *       complement, so {@code -1} and {@code 255} are the same 1-byte value;</li>
 *   <li>{@code hex:0a0b0c0d}: raw bytes, exactly the size; spaces between digits are allowed, which
 *       needs quotes: {@code "hex:0a 0b 0c 0d"};</li>
 *   <li>a quoted string ({@code "eth0"}): its UTF-8 bytes, zero-padded to the size.</li>
 * </ul>
 * This is the grammar of keys and values without a BTF type; typed ones are read by the engine (see
 * {@code MapTypes}). Text that starts with '{' or '[' is a typed literal, so where no type applies it
 * is refused rather than stored as a string; {@code hex:} still writes any bytes.
 */
public final class DataLiteral {
    private static final String HEX_PREFIX = "hex:";

    private DataLiteral() {
    }

    /**
     * @param role "key" or "value", for messages
     * @param size the map's key or value size in bytes
     */
    public static byte[] parse(LiteralArg arg, int size, String role) throws CommandException {
        String t = arg.text();
        if (isHex(arg)) {
            return hex(arg, t.substring(HEX_PREFIX.length()), size, role);
        }
        String s = t.strip();
        if (s.startsWith("{") || s.startsWith("[")) {
            throw new CommandException(role + " " + arg.shown() + ": a typed literal, but this " + role
                    + " has no BTF type (write an integer, hex:BYTES or a quoted string; the " + role + " is "
                    + bytes(size) + ")");
        }
        if (arg.quoted()) {
            return string(arg, size, role);
        }
        BigInteger n = integer(t);
        if (n == null) {
            throw new CommandException(role + " " + arg.shown() + ": not an integer, hex:BYTES or a quoted string"
                    + " (the " + role + " is " + bytes(size) + ")");
        }
        return encode(arg, n, size, role);
    }

    /**
     * The bytes of a {@code hex:BYTES} argument of any length (a packet, a context), for an option named
     * in messages as {@code option}.
     */
    public static byte[] hexBytes(String text, String option) throws CommandException {
        if (!text.regionMatches(true, 0, HEX_PREFIX, 0, HEX_PREFIX.length())) {
            throw new CommandException(option + " " + text + ": write the bytes as hex:BYTES, e.g. hex:0a0b0c");
        }
        return hexDigits(text.substring(HEX_PREFIX.length()), option + " " + text, "");
    }

    /** {@code hex:BYTES}, which always means raw bytes, typed map or not. */
    public static boolean isHex(LiteralArg arg) {
        return arg.text().regionMatches(true, 0, HEX_PREFIX, 0, HEX_PREFIX.length());
    }

    private static byte[] hex(LiteralArg arg, String digits, int size, String role) throws CommandException {
        byte[] b = hexDigits(digits, role + " " + arg.shown(), " (the " + role + " is " + bytes(size) + ", "
                + 2 * size + " hex digits)");
        if (b.length != size) {
            throw new CommandException(role + " " + arg.shown() + ": " + bytes(b.length) + ", but the " + role
                    + " is " + bytes(size) + " (" + 2 * size + " hex digits)");
        }
        return b;
    }

    /**
     * Hex digits (spaces and tabs between them allowed) as bytes; errors start with {@code what} and
     * end with {@code hint}.
     */
    private static byte[] hexDigits(String digits, String what, String hint) throws CommandException {
        String d = digits.replace(" ", "").replace("\t", "");
        for (int i = 0; i < d.length(); i++) {
            if (AsciiDigits.value(d.charAt(i), 16) < 0) {
                throw new CommandException(what + ": '" + d.charAt(i) + "' is not a hex digit" + hint);
            }
        }
        if (d.length() % 2 != 0) {
            throw new CommandException(what + ": odd number of hex digits" + hint);
        }
        return HexFormat.of().parseHex(d.toLowerCase(Locale.ROOT));
    }

    private static byte[] string(LiteralArg arg, int size, String role) throws CommandException {
        byte[] s = arg.text().getBytes(StandardCharsets.UTF_8);
        if (s.length > size) {
            throw new CommandException(role + " " + arg.shown() + ": " + bytes(s.length) + " of text, longer than the "
                    + role + " (" + bytes(size) + ")");
        }
        byte[] b = new byte[size];
        System.arraycopy(s, 0, b, 0, s.length);
        return b;
    }

    /** Decimal or 0x hex, optionally negative; null when the text is neither. */
    static BigInteger integer(String t) {
        String s = t;
        boolean negative = s.startsWith("-");
        if (negative) {
            s = s.substring(1);
        }
        BigInteger v;
        if (s.length() > 2 && (s.startsWith("0x") || s.startsWith("0X"))) {
            v = AsciiDigits.parse(s.substring(2), 16);
        } else {
            v = AsciiDigits.parse(s, 10);
        }
        return v == null ? null : negative ? v.negate() : v;
    }

    private static byte[] encode(LiteralArg arg, BigInteger n, int size, String role) throws CommandException {
        if (size != 1 && size != 2 && size != 4 && size != 8) {
            throw new CommandException(role + " " + arg.shown() + ": an integer fits a " + role
                    + " of 1, 2, 4 or 8 bytes, but this " + role + " is " + bytes(size) + "; write it as hex:"
                    + "00".repeat(Math.min(size, 4)) + (size > 4 ? "..." : "") + " (" + 2 * size
                    + " hex digits) or as a quoted string");
        }
        BigInteger min = BigInteger.ONE.shiftLeft(8 * size - 1).negate();
        BigInteger max = BigInteger.ONE.shiftLeft(8 * size).subtract(BigInteger.ONE);
        if (n.compareTo(min) < 0 || n.compareTo(max) > 0) {
            throw new CommandException(role + " " + arg.shown() + ": out of range for a " + size + "-byte " + role
                    + " (" + min + ".." + max + ")");
        }
        BigInteger u = n.signum() < 0 ? n.add(BigInteger.ONE.shiftLeft(8 * size)) : n;
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = u.shiftRight(8 * i).byteValue();
        }
        return b;
    }

    /** "4 bytes", "1 byte" */
    public static String bytes(int n) {
        return n + (n == 1 ? " byte" : " bytes");
    }
}
