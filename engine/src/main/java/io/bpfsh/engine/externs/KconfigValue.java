package io.bpfsh.engine.externs;

import io.bpfsh.engine.btf.Btf;
import io.bpfsh.engine.btf.BtfKind;
import io.bpfsh.engine.btf.BtfType;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * How a {@code .kconfig} extern's value is stored, by its BTF type, with libbpf's rules: {@code bool} takes y/n or
 * 0/1, {@code enum libbpf_tristate} takes y/n/m (TRI_YES 1, TRI_NO 0, TRI_MODULE 2), {@code char} takes y/n/m as the
 * letter or a number, integers of 1-8 bytes take a number that must fit, and {@code char[N]} takes a quoted string
 * (cut to N-1 bytes).
 */
public final class KconfigValue {
    public enum Kind { BOOL, CHAR, INT, TRISTATE, CHAR_ARRAY }

    private final String name;
    private final Kind kind;
    private final int size;
    private final int alignment;
    private final boolean signed;

    private KconfigValue(String name, Kind kind, int size, int alignment, boolean signed) {
        this.name = name;
        this.kind = kind;
        this.size = size;
        this.alignment = alignment;
        this.signed = signed;
    }

    /**
     * @param name   the extern's name, for messages
     * @param typeId the extern VAR's type
     * @throws ExternException if libbpf would not store a config value in this type
     */
    public static KconfigValue of(Btf btf, String name, int typeId) throws ExternException {
        BtfType t = btf.type(btf.resolve(typeId));
        if (t instanceof BtfType.Int i) {
            if (i.bool()) {
                if (i.size() == 1) return new KconfigValue(name, Kind.BOOL, 1, 1, false);
            } else if (i.size() == 1) {
                return new KconfigValue(name, Kind.CHAR, 1, 1, i.signed());
            } else if (Integer.bitCount(i.size()) == 1 && i.size() <= 8) {
                return new KconfigValue(name, Kind.INT, i.size(), i.size(), i.signed());
            }
        } else if (t instanceof BtfType.Enum e && e.name().equals("libbpf_tristate")
                && (e.kind() == BtfKind.ENUM64 || e.size() == 4)) {
            return new KconfigValue(name, Kind.TRISTATE, e.size(), e.size(), false);
        } else if (t instanceof BtfType.Array a && a.nelems() > 0 && a.nelems() <= Integer.MAX_VALUE
                && btf.type(btf.resolve(a.elemType())) instanceof BtfType.Int c && c.size() == 1 && !c.bool()) {
            return new KconfigValue(name, Kind.CHAR_ARRAY, (int) a.nelems(), 1, false);
        }
        throw new ExternException("extern (kconfig) '" + name + "' has type " + btf.typeName(typeId)
                + ", which cannot hold a kernel config value (bool, char, 1-8 byte integers, "
                + "enum libbpf_tristate or char arrays can)");
    }

    public Kind kind() {
        return kind;
    }

    public int size() {
        return size;
    }

    public int alignment() {
        return alignment;
    }

    /** The bytes for a value as the kernel config writes it: {@code y}, {@code m}, {@code n}, a number, a string. */
    public byte[] encode(String value) throws ExternException {
        char first = value.charAt(0);
        if (first == 'y' || first == 'n' || first == 'm') {
            switch (kind) {
                case BOOL:
                    if (first == 'm') throw error("value 'm' is a module, not a boolean");
                    return new byte[] {(byte) (first == 'y' ? 1 : 0)};
                case TRISTATE:
                    return number(first == 'y' ? 1 : first == 'm' ? 2 : 0);
                case CHAR:
                    return new byte[] {(byte) first};
                default:
                    throw error("value '" + first + "' implies bool, tristate or char type");
            }
        }
        if (first == '"') {
            if (kind != Kind.CHAR_ARRAY) throw error("value " + value + " implies a char array type");
            if (value.length() < 2 || value.charAt(value.length() - 1) != '"') throw error("value " + value
                    + " is not a quoted string");
            byte[] text = value.substring(1, value.length() - 1).getBytes(StandardCharsets.UTF_8);
            byte[] out = new byte[size];
            System.arraycopy(text, 0, out, 0, Math.min(text.length, size - 1)); // libbpf cuts, keeping the NUL
            return out;
        }
        if (kind != Kind.INT && kind != Kind.CHAR) throw error("value '" + value + "' implies an integer type");
        return number(parseU64(value));
    }

    /** The bytes for a number (LINUX_KERNEL_VERSION and the like, or a parsed config value). */
    public byte[] number(long value) throws ExternException {
        if (kind != Kind.INT && kind != Kind.CHAR && kind != Kind.BOOL && kind != Kind.TRISTATE) {
            throw error("value " + Long.toUnsignedString(value) + " implies an integer, char or boolean type");
        }
        if (kind == Kind.BOOL && Long.compareUnsigned(value, 1) > 0) {
            throw error("value " + Long.toUnsignedString(value) + " is not a boolean");
        }
        if (!fits(value)) throw error("value " + Long.toUnsignedString(value) + " does not fit in " + size + " bytes");
        ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value);
        byte[] out = new byte[size];
        System.arraycopy(b.array(), 0, out, 0, size);
        return out;
    }

    /** libbpf's range check: a signed value must survive truncation and sign extension, an unsigned one truncation. */
    private boolean fits(long v) {
        if (size == 8) return true;
        int bits = size * 8;
        if (signed) return Long.compareUnsigned(v + (1L << (bits - 1)), 1L << bits) < 0;
        return (v >>> bits) == 0;
    }

    /** As C's strtoull with base 0 (what libbpf uses): decimal, 0x hex or 0 octal, a leading '-' negates. */
    private long parseU64(String value) throws ExternException {
        String s = value.strip();
        boolean negative = s.startsWith("-");
        if (negative || s.startsWith("+")) s = s.substring(1);
        int radix = 10;
        if (s.startsWith("0x") || s.startsWith("0X")) {
            radix = 16;
            s = s.substring(2);
        } else if (s.length() > 1 && s.startsWith("0")) {
            radix = 8;
            s = s.substring(1);
        }
        try {
            BigInteger n = new BigInteger(s, radix);
            if (n.signum() < 0 || n.bitLength() > 64) throw error("value '" + value + "' does not fit in 64 bits");
            long v = n.longValue();
            return negative ? -v : v;
        } catch (NumberFormatException e) {
            throw error("value '" + value + "' is not an integer");
        }
    }

    private ExternException error(String detail) {
        return new ExternException("extern (kconfig) '" + name + "': " + detail);
    }
}
