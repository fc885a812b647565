package io.bpfsh.engine.btf;

import io.bpfsh.engine.AsciiDigits;
import io.bpfsh.engine.btf.BtfLiteralTokenizer.Kind;
import io.bpfsh.engine.btf.BtfLiteralTokenizer.Token;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a value literal in the text form {@link BtfValueFormatter} writes and encodes it as the little-endian bytes
 * of a BTF type, for map keys and values typed at the shell.
 *
 * <p>Struct, union and section fields left out are zero, as are trailing array elements. Union fields are written in
 * the order given, each over the same bytes, so that the formatter's rendering (which shows every union field) reads
 * back unchanged. Integers must fit their type exactly: {@code -1} is refused for an unsigned type rather than
 * wrapped, so that a typo cannot silently become a huge value (write {@code 0xffffffff} instead). An enum is signed
 * only when its BTF says so (the kind flag), so a negative enumerator of an unsigned enum is entered by name.
 *
 * <p>Booleans take {@code true}, {@code false} or a number that fits their storage (the formatter shows a byte other
 * than 0 or 1 as its number); enums an enumerator name or a number; character arrays a string (its UTF-8 bytes may
 * fill the array without a terminating NUL) or a list of numbers; pointers a number; floats a decimal number,
 * {@code NaN} or {@code [-]Infinity}, except half and extended precision, which take their bits.
 */
public final class BtfValueParser {
    private final Btf btf;

    public BtfValueParser(Btf btf) {
        this.btf = btf;
    }

    /** Whether the type reads a string literal ("eth0"): a char array, possibly through a variable or typedefs. */
    public boolean takesString(int typeId) {
        BtfType t = btf.type(btf.resolve(typeId));
        for (int depth = 0; t instanceof BtfType.Var v && depth <= BtfValueLayout.MAX_DEPTH; depth++) {
            t = btf.type(btf.resolve(v.type()));
        }
        return t instanceof BtfType.Array a && BtfValueLayout.isCharArray(btf, a);
    }

    /** @return {@code sizeOf(typeId)} bytes */
    public byte[] parse(int typeId, String literal) throws BtfFormatException, BtfValueException {
        return encode(typeId, literal, new byte[BtfValueLayout.valueSize(btf, typeId)]);
    }

    /**
     * Writes only what the literal names over an existing value: the fields left out keep their bytes
     * instead of becoming zero ({@code update REF KEY pkts=0} changes one counter of a struct).
     *
     * @param base {@code sizeOf(typeId)} bytes, not changed
     */
    public byte[] parseOnto(int typeId, String literal, byte[] base) throws BtfFormatException, BtfValueException {
        int size = BtfValueLayout.valueSize(btf, typeId);
        if (base.length != size) {
            throw new BtfValueException("the value to edit is " + base.length + " bytes, " + btf.typeName(typeId)
                    + " is " + size);
        }
        return encode(typeId, literal, base.clone());
    }

    private byte[] encode(int typeId, String literal, byte[] out) throws BtfFormatException, BtfValueException {
        BtfLiteralTokenizer tokens = new BtfLiteralTokenizer(literal);
        new Encoder(out, tokens).encode(typeId, 0, 0, "", 0);
        Token rest = tokens.next();
        if (rest.kind() != Kind.END) {
            throw new BtfValueException("unexpected " + rest.shown() + " at column " + rest.column()
                    + " after the value");
        }
        return out;
    }

    private final class Encoder {
        private final byte[] out;
        private final BtfLiteralTokenizer tokens;

        Encoder(byte[] out, BtfLiteralTokenizer tokens) {
            this.out = out;
            this.tokens = tokens;
        }

        void encode(int typeId, long bitOffset, int bitfieldSize, String path, int depth)
                throws BtfFormatException, BtfValueException {
            if (depth > BtfValueLayout.MAX_DEPTH) throw BtfValueLayout.tooDeep(btf, btf.type(typeId));
            BtfType t = btf.type(btf.resolve(typeId));
            if (t instanceof BtfType.Var v) {
                encode(v.type(), bitOffset, 0, path, depth + 1);
            } else if (t instanceof BtfType.Int || t instanceof BtfType.Enum) {
                scalar(typeId, t, BtfValueLayout.scalar(t, bitOffset, bitfieldSize), bitfieldSize > 0, path);
            } else if (t.kind() == BtfKind.PTR) {
                int bits = Btf.POINTER_SIZE * 8;
                write(bitOffset, bits, integer(btf.typeName(typeId), false, bits, path));
            } else if (t instanceof BtfType.Float f) {
                floating(typeId, f, bitOffset, path);
            } else if (t instanceof BtfType.Array a) {
                array(typeId, a, bitOffset, path, depth);
            } else if (t instanceof BtfType.Composite || t instanceof BtfType.Datasec) {
                fields(typeId, t, bitOffset, path, depth);
            } else {
                throw new BtfValueException(where(path) + "cannot enter a value of " + btf.typeName(typeId));
            }
        }

        private void scalar(int typeId, BtfType t, BtfValueLayout.Scalar s, boolean bitfield, String path)
                throws BtfValueException {
            Token token = tokens.peek();
            BigInteger value;
            if (t instanceof BtfType.Enum e && token.kind() == Kind.IDENT) {
                tokens.next();
                BtfEnumValue match = e.values().stream().filter(v -> v.name().equals(token.text())).findFirst()
                        .orElseThrow(() -> new BtfValueException(where(path) + btf.typeName(typeId) + " has no value '"
                                + token.text() + "' (values: " + String.join(", ", e.values().stream()
                                        .map(BtfEnumValue::name).toList()) + ")"));
                value = BigInteger.valueOf(match.value());
            } else if (t instanceof BtfType.Int i && i.bool() && token.kind() == Kind.IDENT
                    && (token.text().equals("true") || token.text().equals("false"))) {
                tokens.next();
                value = token.text().equals("true") ? BigInteger.ONE : BigInteger.ZERO;
            } else {
                String what = (bitfield ? "a " + s.bits() + "-bit bitfield of " : "") + btf.typeName(typeId);
                value = integer(what, s.signed(), s.bits(), path);
            }
            write(s.bitOffset(), s.bits(), value);
        }

        /** A number token that fits {@code bits} bits, signed or not, for a type described as {@code what}. */
        private BigInteger integer(String what, boolean signed, int bits, String path) throws BtfValueException {
            Token token = tokens.next();
            if (token.kind() != Kind.NUMBER) throw expected("a number for " + what, token, path);
            BigInteger value = parseInteger(token.text());
            if (value == null) throw expected("an integer for " + what, token, path);
            BigInteger min = signed ? BigInteger.ONE.shiftLeft(bits - 1).negate() : BigInteger.ZERO;
            BigInteger max = BigInteger.ONE.shiftLeft(signed ? bits - 1 : bits).subtract(BigInteger.ONE);
            if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
                throw new BtfValueException(where(path) + token.text() + " does not fit " + what + " (" + min + ".."
                        + max + ")");
            }
            return value;
        }

        private void floating(int typeId, BtfType.Float f, long bitOffset, String path) throws BtfValueException {
            if (f.size() != 4 && f.size() != 8) { // no Java type: take the bits, as the formatter shows them
                write(bitOffset, f.size() * 8, integer(f.size() + "-byte float bits", false, f.size() * 8, path));
                return;
            }
            Token token = tokens.next();
            double d;
            try {
                if (!token.text().matches("[-+]?(([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?|Infinity)|NaN")) {
                    throw new NumberFormatException(); // Java's parser also takes hex and suffixes; keep to decimal
                }
                d = Double.parseDouble(token.text());
            } catch (NumberFormatException e) {
                throw expected("a decimal number for " + btf.typeName(typeId), token, path);
            }
            if (f.size() == 4 && Math.abs(d) > java.lang.Float.MAX_VALUE) {
                throw new BtfValueException(where(path) + token.text() + " does not fit " + btf.typeName(typeId)
                        + " (at most " + java.lang.Float.MAX_VALUE + " in magnitude)");
            }
            long bits = f.size() == 4 ? java.lang.Float.floatToIntBits((float) d) & 0xffffffffL
                    : Double.doubleToLongBits(d);
            BtfBits.write(out, bitOffset, f.size() * 8, bits);
        }

        private void array(int typeId, BtfType.Array a, long bitOffset, String path, int depth)
                throws BtfFormatException, BtfValueException {
            // an array given is given whole: over an existing value (parseOnto) its old elements and
            // the rest of an old, longer string must not show through
            int start = (int) (bitOffset >>> 3);
            java.util.Arrays.fill(out, start, start + (int) btf.sizeOf(typeId), (byte) 0);
            Token token = tokens.next();
            if (token.kind() == Kind.STRING && BtfValueLayout.isCharArray(btf, a)) {
                if (token.bytes().length > a.nelems()) {
                    throw new BtfValueException(where(path) + "string of " + token.bytes().length
                            + " bytes does not fit " + btf.typeName(typeId));
                }
                System.arraycopy(token.bytes(), 0, out, (int) (bitOffset >>> 3), token.bytes().length);
                return;
            }
            if (token.kind() != Kind.LBRACKET) {
                throw expected((BtfValueLayout.isCharArray(btf, a) ? "a string or " : "") + "'[' for "
                        + btf.typeName(typeId), token, path);
            }
            long elemBits = btf.sizeOf(a.elemType()) * 8;
            for (long i = 0; tokens.peek().kind() != Kind.RBRACKET; i++) {
                if (i >= a.nelems()) {
                    throw new BtfValueException(where(path) + "more than " + a.nelems() + " elements for "
                            + btf.typeName(typeId) + " (at column " + tokens.peek().column() + ")");
                }
                encode(a.elemType(), bitOffset + i * elemBits, 0, path + "[" + i + "]", depth + 1);
                if (!separator(Kind.RBRACKET, path)) break;
            }
            tokens.next();
        }

        private void fields(int typeId, BtfType t, long bitOffset, String path, int depth)
                throws BtfFormatException, BtfValueException {
            Token open = tokens.next();
            if (open.kind() != Kind.LBRACE) throw expected("'{' for " + btf.typeName(typeId), open, path);
            List<BtfValueLayout.Field> fields = BtfValueLayout.fields(btf, t);
            Set<String> given = new HashSet<>();
            while (tokens.peek().kind() != Kind.RBRACE) {
                Token name = tokens.next();
                if (name.kind() != Kind.IDENT) throw expected("a field name", name, path);
                BtfValueLayout.Field field = fields.stream().filter(f -> f.name().equals(name.text())).findFirst()
                        .orElse(null);
                if (field == null) {
                    List<String> names = new ArrayList<>();
                    fields.forEach(f -> names.add(f.name()));
                    throw new BtfValueException(where(path) + btf.typeName(typeId) + " has no field '" + name.text()
                            + "' (fields: " + String.join(", ", names) + ")");
                }
                if (!given.add(field.name())) {
                    throw new BtfValueException(where(path) + "field '" + field.name() + "' is given twice");
                }
                Token equals = tokens.next();
                if (equals.kind() != Kind.EQUALS) throw expected("'=' after " + field.name(), equals, path);
                String sub = path.isEmpty() ? field.name() : path + "." + field.name();
                encode(field.type(), bitOffset + field.bitOffset(), field.bitfieldSize(), sub, depth + 1);
                if (!separator(Kind.RBRACE, path)) break;
            }
            tokens.next();
        }

        /** After an element: a comma (a trailing one is fine) or the closing bracket, which is left to the caller. */
        private boolean separator(Kind close, String path) throws BtfValueException {
            Token t = tokens.peek();
            if (t.kind() == Kind.COMMA) {
                tokens.next();
                return true;
            }
            if (t.kind() != close) throw expected("',' or '" + (close == Kind.RBRACE ? "}" : "]") + "'", t, path);
            return false;
        }

        private void write(long bitOffset, int bits, BigInteger value) {
            BtfBits.write(out, bitOffset, Math.min(bits, 64), value.longValue());
            if (bits > 64) BtfBits.write(out, bitOffset + 64, bits - 64, value.shiftRight(64).longValue());
        }
    }

    /** Decimal or {@code 0x} hex with an optional sign; null if malformed. */
    private static BigInteger parseInteger(String text) {
        boolean negative = text.startsWith("-");
        String digits = negative || text.startsWith("+") ? text.substring(1) : text;
        boolean hex = digits.regionMatches(true, 0, "0x", 0, 2);
        int radix = hex ? 16 : 10;
        if (hex) digits = digits.substring(2);
        BigInteger v = digits.length() > 64 ? null : AsciiDigits.parse(digits, radix);
        return v == null ? null : negative ? v.negate() : v;
    }

    private static String where(String path) {
        return path.isEmpty() ? "" : "field " + path + ": ";
    }

    private static BtfValueException expected(String what, Token got, String path) {
        return new BtfValueException(where(path) + "expected " + what + ", got " + got.shown() + " at column "
                + got.column());
    }
}
