package io.bpfsh.engine.btf;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders raw little-endian map keys and values by their BTF type.
 *
 * <p>Text form, which {@link BtfValueParser} reads back: integers in decimal (signed as the type says), booleans as
 * {@code true}/{@code false}, enums by enumerator name (the number when none matches), character arrays as quoted
 * strings, structs, unions and sections as {@code {pkts=5, bytes=1000}}, arrays as {@code [1, 2, 3]}, pointers and
 * floats of unusual sizes as hex. Union members are all shown, each read from the same bytes.
 *
 * <p>JSON form: the same tree as {@link Map} (insertion-ordered), {@link List}, {@link String}, {@link Boolean} and
 * {@link Number} ({@link Long}, or {@link BigInteger} above {@code Long.MAX_VALUE} and for 128-bit integers;
 * {@link Float} or {@link Double}); enum names and hex renderings become strings.
 */
public final class BtfValueFormatter {
    /** Text written without quotes: enum names and hex renderings. */
    private record Bare(String text) {
    }

    private final Btf btf;

    public BtfValueFormatter(Btf btf) {
        this.btf = btf;
    }

    /** @param value exactly {@code sizeOf(typeId)} bytes */
    public String text(int typeId, byte[] value) throws BtfFormatException, BtfValueException {
        StringBuilder out = new StringBuilder();
        render(new Walk(value, false).decode(typeId, 0, 0, 0), out);
        return out.toString();
    }

    /** @param value exactly {@code sizeOf(typeId)} bytes */
    public Object json(int typeId, byte[] value) throws BtfFormatException, BtfValueException {
        return new Walk(value, true).decode(typeId, 0, 0, 0);
    }

    /** One decoding pass over one value, with a budget on the nodes it may produce. */
    private final class Walk {
        private final byte[] data;
        private final boolean json;
        private final long limit;
        private long budget;

        Walk(byte[] data, boolean json) {
            this.data = data;
            this.json = json;
            // unions and bitfields may show a byte more than once, zero-sized elements not at all: bound the parts
            this.limit = 64L * data.length + 4096;
            this.budget = limit;
        }

        Object decode(int typeId, long bitOffset, int bitfieldSize, int depth)
                throws BtfFormatException, BtfValueException {
            if (depth == 0) {
                int size = BtfValueLayout.valueSize(btf, typeId);
                if (data.length != size) {
                    throw new BtfValueException("value of " + btf.typeName(typeId) + " is " + data.length
                            + " bytes, expected " + size);
                }
            }
            if (depth > BtfValueLayout.MAX_DEPTH) throw BtfValueLayout.tooDeep(btf, btf.type(typeId));
            if (--budget < 0) {
                throw new BtfValueException("value of " + btf.typeName(typeId) + " has too many parts to show ("
                        + "more than " + limit + ")");
            }
            BtfType t = btf.type(btf.resolve(typeId));
            if (t instanceof BtfType.Var v) return decode(v.type(), bitOffset, 0, depth + 1);
            if (t instanceof BtfType.Int || t instanceof BtfType.Enum) return scalar(t, bitOffset, bitfieldSize);
            int at = (int) (bitOffset >>> 3); // non-integral parts are byte aligned (BtfValueLayout checks)
            if (t.kind() == BtfKind.PTR) return hex(at, Btf.POINTER_SIZE);
            if (t instanceof BtfType.Float f) {
                if (f.size() == 4) return java.lang.Float.intBitsToFloat((int) BtfBits.read(data, bitOffset, 32));
                if (f.size() == 8) return Double.longBitsToDouble(BtfBits.read(data, bitOffset, 64));
                return hex(at, f.size()); // half and extended precision have no Java type; show their bits
            }
            if (t instanceof BtfType.Array a) {
                int elemSize = (int) btf.sizeOf(a.elemType()); // within the value, so it fits
                if (BtfValueLayout.isCharArray(btf, a)) {
                    String s = text(at, (int) a.nelems());
                    if (s != null) return s;
                }
                List<Object> items = new ArrayList<>();
                for (long i = 0; i < a.nelems(); i++) {
                    items.add(decode(a.elemType(), bitOffset + i * elemSize * 8, 0, depth + 1));
                }
                return items;
            }
            if (t instanceof BtfType.Composite || t instanceof BtfType.Datasec) {
                Map<String, Object> fields = new LinkedHashMap<>();
                for (BtfValueLayout.Field f : BtfValueLayout.fields(btf, t)) {
                    fields.put(f.name(), decode(f.type(), bitOffset + f.bitOffset(), f.bitfieldSize(), depth + 1));
                }
                return fields;
            }
            throw new BtfValueException("cannot show a value of " + BtfTypeGraph.describe(t));
        }

        private Object scalar(BtfType t, long bitOffset, int bitfieldSize) {
            BtfValueLayout.Scalar s = BtfValueLayout.scalar(t, bitOffset, bitfieldSize);
            BigInteger value = read(s);
            if (t instanceof BtfType.Enum e) {
                for (BtfEnumValue v : e.values()) {
                    if (BigInteger.valueOf(v.value()).equals(value) || toUnsigned(v.value(), s.bits()).equals(value)) {
                        return symbol(v.name());
                    }
                }
            } else if (((BtfType.Int) t).bool() && value.bitLength() <= 1 && value.signum() >= 0) {
                return value.signum() != 0;
            }
            return value.bitLength() < 64 ? (Object) value.longValue() : value;
        }

        /** Reads a signed or unsigned integer of up to 128 bits. */
        private BigInteger read(BtfValueLayout.Scalar s) {
            int lowBits = Math.min(s.bits(), 64);
            BigInteger v = toUnsigned(BtfBits.read(data, s.bitOffset(), lowBits), lowBits);
            if (s.bits() > 64) {
                long high = BtfBits.read(data, s.bitOffset() + 64, s.bits() - 64);
                v = v.or(toUnsigned(high, s.bits() - 64).shiftLeft(64));
            }
            if (s.signed() && v.testBit(s.bits() - 1)) v = v.subtract(BigInteger.ONE.shiftLeft(s.bits()));
            return v;
        }

        /** NUL-padded UTF-8 text, or null when the bytes are something else and should show as numbers. */
        private String text(int at, int length) {
            int end = at;
            while (end < at + length && data[end] != 0) end++;
            for (int i = end; i < at + length; i++) if (data[i] != 0) return null;
            try {
                CharBuffer chars = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(data, at, end - at));
                return chars.toString();
            } catch (CharacterCodingException e) {
                return null;
            }
        }

        /** Bytes shown most significant first, as a little-endian number reads. */
        private Object hex(int at, int length) {
            StringBuilder s = new StringBuilder("0x");
            int i = at + length - 1;
            while (i > at && data[i] == 0) i--;
            s.append(Integer.toHexString(data[i--] & 0xff));
            for (; i >= at; i--) s.append(String.format("%02x", data[i] & 0xff));
            return symbol(s.toString());
        }

        private Object symbol(String text) {
            return json ? text : new Bare(text);
        }
    }

    private static BigInteger toUnsigned(long pattern, int bits) {
        BigInteger v = BigInteger.valueOf(pattern);
        if (pattern < 0) v = v.add(BigInteger.ONE.shiftLeft(64));
        return bits >= 64 ? v : v.and(BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE));
    }

    private static void render(Object node, StringBuilder out) {
        if (node instanceof Map<?, ?> map) {
            out.append('{');
            String sep = "";
            for (Map.Entry<?, ?> e : map.entrySet()) {
                out.append(sep).append(e.getKey()).append('=');
                render(e.getValue(), out);
                sep = ", ";
            }
            out.append('}');
        } else if (node instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) out.append(", ");
                render(list.get(i), out);
            }
            out.append(']');
        } else if (node instanceof String s) {
            quote(s, out);
        } else if (node instanceof Bare b) {
            out.append(b.text());
        } else {
            out.append(node);
        }
    }

    /** Quotes with the escapes {@link BtfLiteralTokenizer} reads. */
    static void quote(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': out.append("\\\""); break;
                case '\\': out.append("\\\\"); break;
                case '\n': out.append("\\n"); break;
                case '\r': out.append("\\r"); break;
                case '\t': out.append("\\t"); break;
                default:
                    if (c < 0x20 || c == 0x7f) out.append(String.format("\\x%02x", (int) c));
                    else out.append(c);
            }
        }
        out.append('"');
    }
}
