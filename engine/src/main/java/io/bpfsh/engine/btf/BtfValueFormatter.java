package io.bpfsh.engine.btf;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
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
 *
 * <p>Long because it is one walk of the BTF type graph with two renderings of each kind side by side, so
 * that the text and JSON forms cannot drift apart.
 */
public final class BtfValueFormatter {
    /** Text written without quotes: enum names and hex renderings. */
    private record Bare(String text) {
    }

    private final Btf btf;
    /** Each type's plan, compiled on its first value: a dump compiles once and then only reads bytes. */
    private final Map<Integer, Part> plans = new HashMap<>();
    private final Map<Integer, Integer> sizes = new HashMap<>();

    public BtfValueFormatter(Btf btf) {
        this.btf = btf;
    }

    /** @param value exactly {@code sizeOf(typeId)} bytes */
    public String text(int typeId, byte[] value) throws BtfFormatException, BtfValueException {
        Part plan = plan(typeId, value);
        StringBuilder out = new StringBuilder();
        plan.text(new Run(value, false), 0, out);
        return out.toString();
    }

    /** @param value exactly {@code sizeOf(typeId)} bytes */
    public Object json(int typeId, byte[] value) throws BtfFormatException, BtfValueException {
        return plan(typeId, value).value(new Run(value, true), 0);
    }

    private Part plan(int typeId, byte[] value) throws BtfFormatException, BtfValueException {
        Integer size = sizes.get(typeId);
        if (size == null) {
            size = BtfValueLayout.valueSize(btf, typeId);
            sizes.put(typeId, size);
        }
        if (value.length != size) {
            throw new BtfValueException("value of " + btf.typeName(typeId) + " is " + value.length
                    + " bytes, expected " + size);
        }
        Part plan = plans.get(typeId);
        if (plan == null) {
            plan = compile(typeId, 0, 0);
            plans.put(typeId, plan);
        }
        return plan;
    }

    /**
     * The plan of a part of type {@code typeId} at bit 0 of its place (parts run at a base offset):
     * types resolved, members laid out and checked, enumerators and scalar widths looked up once.
     */
    private Part compile(int typeId, int bitfieldSize, int depth) throws BtfFormatException, BtfValueException {
        if (depth > BtfValueLayout.MAX_DEPTH) throw BtfValueLayout.tooDeep(btf, btf.type(typeId));
        BtfType t = btf.type(btf.resolve(typeId));
        if (t instanceof BtfType.Var v) return new VarPart(typeId, compile(v.type(), 0, depth + 1));
        if (t instanceof BtfType.Int || t instanceof BtfType.Enum) return new ScalarPart(typeId, t, bitfieldSize);
        if (t.kind() == BtfKind.PTR) return new HexPart(typeId, Btf.POINTER_SIZE);
        if (t instanceof BtfType.Float f) {
            return f.size() == 4 || f.size() == 8 ? new FloatPart(typeId, f.size()) : new HexPart(typeId, f.size());
        }
        if (t instanceof BtfType.Array a) {
            int elemSize = (int) btf.sizeOf(a.elemType()); // within the value, so it fits
            // an empty array shows no element, so an element type that cannot be shown is no error
            Part elem = a.nelems() == 0 ? null : compile(a.elemType(), 0, depth + 1);
            return new ArrayPart(typeId, elem, a.nelems(), elemSize, BtfValueLayout.isCharArray(btf, a));
        }
        if (t instanceof BtfType.Composite || t instanceof BtfType.Datasec) {
            List<BtfValueLayout.Field> fields = BtfValueLayout.fields(btf, t);
            String[] names = new String[fields.size()];
            long[] offsets = new long[fields.size()];
            Part[] parts = new Part[fields.size()];
            for (int i = 0; i < parts.length; i++) {
                BtfValueLayout.Field f = fields.get(i);
                names[i] = f.name();
                offsets[i] = f.bitOffset();
                parts[i] = compile(f.type(), f.bitfieldSize(), depth + 1);
            }
            return new FieldsPart(typeId, names, offsets, parts);
        }
        throw new BtfValueException("cannot show a value of " + BtfTypeGraph.describe(t));
    }

    /** One value being shown, as text or as a JSON tree, with a budget on the parts it may produce. */
    private final class Run {
        final byte[] data;
        final boolean json;
        private final long limit;
        private long budget;

        Run(byte[] data, boolean json) {
            this.data = data;
            this.json = json;
            // unions and bitfields may show a byte more than once, zero-sized elements not at all: bound the parts
            this.limit = 64L * data.length + 4096;
            this.budget = limit;
        }

        void spend(int typeId) throws BtfValueException {
            if (--budget < 0) {
                throw new BtfValueException("value of " + btf.typeName(typeId) + " has too many parts to show ("
                        + "more than " + limit + ")");
            }
        }
    }

    /** Enum names and hex: bare in text, strings in JSON. */
    private static Object symbol(Run r, String text) {
        return r.json ? text : new Bare(text);
    }

    /** A compiled part of a value: its JSON-ready form, or its text written straight out. */
    private abstract static class Part {
        final int typeId;

        Part(int typeId) {
            this.typeId = typeId;
        }

        final Object value(Run r, long base) throws BtfValueException {
            r.spend(typeId);
            return make(r, base);
        }

        final void text(Run r, long base, StringBuilder out) throws BtfValueException {
            r.spend(typeId);
            write(r, base, out);
        }

        abstract Object make(Run r, long base) throws BtfValueException;

        void write(Run r, long base, StringBuilder out) throws BtfValueException {
            render(make(r, base), out);
        }
    }

    private static final class VarPart extends Part {
        private final Part inner;

        VarPart(int typeId, Part inner) {
            super(typeId);
            this.inner = inner;
        }

        @Override
        Object make(Run r, long base) throws BtfValueException {
            return inner.value(r, base);
        }

        @Override
        void write(Run r, long base, StringBuilder out) throws BtfValueException {
            inner.text(r, base, out);
        }
    }

    /** An integer, bool or enum, possibly a bitfield. */
    private static final class ScalarPart extends Part {
        private final BtfValueLayout.Scalar layout;
        private final BtfType.Enum enumType;
        private final boolean bool;

        ScalarPart(int typeId, BtfType resolved, int bitfieldSize) {
            super(typeId);
            this.layout = BtfValueLayout.scalar(resolved, 0, bitfieldSize);
            this.enumType = resolved instanceof BtfType.Enum e ? e : null;
            this.bool = resolved instanceof BtfType.Int i && i.bool();
        }

        @Override
        Object make(Run r, long base) {
            int bits = layout.bits();
            if (bits < 64) {
                // the common case in a long: the same answers as the BigInteger path below
                long pattern = BtfBits.read(r.data, base + layout.bitOffset(), bits);
                long v = layout.signed() && (pattern >>> (bits - 1) & 1) != 0 ? pattern - (1L << bits) : pattern;
                if (enumType != null) {
                    long mask = (1L << bits) - 1;
                    for (BtfEnumValue e : enumType.values()) {
                        if (e.value() == v || (e.value() & mask) == v) return symbol(r, e.name());
                    }
                } else if (bool && (v == 0 || v == 1)) {
                    return v != 0;
                }
                return v;
            }
            BigInteger value = read(r.data, base);
            if (enumType != null) {
                for (BtfEnumValue e : enumType.values()) {
                    if (BigInteger.valueOf(e.value()).equals(value) || toUnsigned(e.value(), bits).equals(value)) {
                        return symbol(r, e.name());
                    }
                }
            } else if (bool && value.bitLength() <= 1 && value.signum() >= 0) {
                return value.signum() != 0;
            }
            return value.bitLength() < 64 ? (Object) value.longValue() : value;
        }

        @Override
        void write(Run r, long base, StringBuilder out) {
            Object v = make(r, base);
            if (v instanceof Bare b) {
                out.append(b.text());
            } else if (v instanceof Long l) {
                out.append(l.longValue());
            } else {
                out.append(v);
            }
        }

        /** Reads a signed or unsigned integer of up to 128 bits. */
        private BigInteger read(byte[] data, long base) {
            int lowBits = Math.min(layout.bits(), 64);
            long at = base + layout.bitOffset();
            BigInteger v = toUnsigned(BtfBits.read(data, at, lowBits), lowBits);
            if (layout.bits() > 64) {
                long high = BtfBits.read(data, at + 64, layout.bits() - 64);
                v = v.or(toUnsigned(high, layout.bits() - 64).shiftLeft(64));
            }
            if (layout.signed() && v.testBit(layout.bits() - 1)) v = v.subtract(BigInteger.ONE.shiftLeft(layout.bits()));
            return v;
        }
    }

    private static final class FloatPart extends Part {
        private final int size;

        FloatPart(int typeId, int size) {
            super(typeId);
            this.size = size;
        }

        @Override
        Object make(Run r, long base) {
            return size == 4 ? (Object) java.lang.Float.intBitsToFloat((int) BtfBits.read(r.data, base, 32))
                    : Double.longBitsToDouble(BtfBits.read(r.data, base, 64));
        }
    }

    /** Bytes shown most significant first, as a little-endian number reads: pointers, odd floats. */
    private static final class HexPart extends Part {
        private final int length;

        HexPart(int typeId, int length) {
            super(typeId);
            this.length = length;
        }

        @Override
        Object make(Run r, long base) {
            int at = (int) (base >>> 3); // non-integral parts are byte aligned (BtfValueLayout checks)
            byte[] data = r.data;
            StringBuilder s = new StringBuilder("0x");
            int i = at + length - 1;
            while (i > at && data[i] == 0) i--;
            s.append(Integer.toHexString(data[i--] & 0xff));
            for (; i >= at; i--) {
                int b = data[i] & 0xff;
                s.append(Character.forDigit(b >>> 4, 16)).append(Character.forDigit(b & 0xf, 16));
            }
            return symbol(r, s.toString());
        }
    }

    /** An array: as text when it is a NUL-padded UTF-8 char array, otherwise element by element. */
    private static final class ArrayPart extends Part {
        private final Part elem;
        /** unsigned 32 bits, so up to 2^32-1 (of zero-sized elements, say, which the budget stops) */
        private final long count;
        private final long elemBits;
        private final boolean chars;

        ArrayPart(int typeId, Part elem, long count, int elemSize, boolean chars) {
            super(typeId);
            this.elem = elem;
            this.count = count;
            this.elemBits = elemSize * 8L;
            this.chars = chars;
        }

        @Override
        Object make(Run r, long base) throws BtfValueException {
            String s = asText(r, base);
            if (s != null) return s;
            List<Object> items = new ArrayList<>();
            for (long i = 0; i < count; i++) {
                items.add(elem.value(r, base + i * elemBits));
            }
            return items;
        }

        @Override
        void write(Run r, long base, StringBuilder out) throws BtfValueException {
            String s = asText(r, base);
            if (s != null) {
                quote(s, out);
                return;
            }
            out.append('[');
            for (long i = 0; i < count; i++) {
                if (i > 0) out.append(", ");
                elem.text(r, base + i * elemBits, out);
            }
            out.append(']');
        }

        /** The array as text when it is a char array holding text, else null. */
        private String asText(Run r, long base) {
            return chars ? chars(r.data, (int) (base >>> 3), (int) count) : null;
        }

        /** NUL-padded UTF-8 text, or null when the bytes are something else and should show as numbers. */
        private static String chars(byte[] data, int at, int length) {
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
    }

    /** A struct, union or section: its fields in declaration order. */
    private static final class FieldsPart extends Part {
        private final String[] names;
        private final long[] offsets;
        private final Part[] parts;
        /** a name shown twice (members lifted from anonymous unions): the text goes through the map */
        private final boolean repeatsAName;

        FieldsPart(int typeId, String[] names, long[] offsets, Part[] parts) {
            super(typeId);
            this.names = names;
            this.offsets = offsets;
            this.parts = parts;
            this.repeatsAName = new java.util.HashSet<>(List.of(names)).size() != names.length;
        }

        @Override
        Object make(Run r, long base) throws BtfValueException {
            Map<String, Object> fields = new LinkedHashMap<>();
            for (int i = 0; i < parts.length; i++) {
                fields.put(names[i], parts[i].value(r, base + offsets[i]));
            }
            return fields;
        }

        @Override
        void write(Run r, long base, StringBuilder out) throws BtfValueException {
            // as the map renders: a repeated name shows once, where it first was, with its last value
            if (repeatsAName) {
                render(make(r, base), out);
                return;
            }
            out.append('{');
            for (int i = 0; i < parts.length; i++) {
                if (i > 0) out.append(", ");
                out.append(names[i]).append('=');
                parts[i].text(r, base + offsets[i], out);
            }
            out.append('}');
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
