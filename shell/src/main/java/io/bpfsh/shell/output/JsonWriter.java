package io.bpfsh.shell.output;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.PrettyPrinter;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * One JSON document, streamed through jackson-core's {@link JsonGenerator} as it is written, so a
 * dump of millions of entries never builds a document in memory. Everything is on one line, so that
 * a batch with --json prints one document per line, spaced as bpfsh always has: {@code ": "} after
 * a name and {@code ", "} between members. Strings are escaped per RFC 8259 (quote, backslash,
 * control characters as short or lower-case {@code \}{@code u} escapes, DEL, U+2028 and U+2029, and
 * lone surrogates, which UTF-8 cannot carry); everything else is written as UTF-8.
 *
 * <p>{@link #tree(Object)} writes the typed values the engine produces for BTF-typed maps. JSON has
 * no NaN or infinities, so those floats are written as the strings {@code "NaN"},
 * {@code "Infinity"} and {@code "-Infinity"}: the spelling bpfsh's typed literals read back, which
 * keeps the value (null would lose it).
 *
 * <p>Misuse (a member name outside an object, an unclosed document) is a bug in the caller and an
 * {@link IllegalStateException}.
 */
public final class JsonWriter {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
            // pairs as one 4-byte UTF-8 character, lone surrogates as \\u escapes
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();
    private static final CharacterEscapes ESCAPES = new Escapes();
    private static final PrettyPrinter SPACING = new Spacing();

    private final JsonGenerator g;
    private final char[] hex = new char[64];

    public JsonWriter(OutputStream out) {
        try {
            g = FACTORY.createGenerator(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        g.setCharacterEscapes(ESCAPES);
        g.setPrettyPrinter(SPACING);
    }

    /** What the generator can throw: a failing stream (never, bpfsh's buffer keeps that) or misuse. */
    private static RuntimeException failure(IOException e) {
        return new IllegalStateException("JSON output: " + e.getMessage(), e);
    }

    public JsonWriter beginObject() {
        try {
            g.writeStartObject();
        } catch (IOException e) {
            throw failure(e);
        }
        return this;
    }

    public JsonWriter endObject() {
        try {
            g.writeEndObject();
        } catch (IOException e) {
            throw failure(e);
        }
        return this;
    }

    public JsonWriter beginArray() {
        try {
            g.writeStartArray();
        } catch (IOException e) {
            throw failure(e);
        }
        return this;
    }

    public JsonWriter endArray() {
        try {
            g.writeEndArray();
        } catch (IOException e) {
            throw failure(e);
        }
        return this;
    }

    /** A member name encoded once, for names written per entry of a dump. */
    public static final class Name {
        private final SerializedString encoded;

        private Name(String name) {
            this.encoded = new SerializedString(name);
        }
    }

    public static Name nameOf(String name) {
        return new Name(name);
    }

    /** The name of the next object member. */
    public JsonWriter name(Name name) {
        try {
            g.writeFieldName(name.encoded);
        } catch (IOException e) {
            throw failure(e);
        }
        return this;
    }

    /** The name of the next object member. */
    public JsonWriter name(String name) {
        try {
            g.writeFieldName(name);
        } catch (IOException e) {
            throw failure(e);
        }
        return this;
    }

    public JsonWriter value(String s) {
        try {
            g.writeString(s);
        } catch (IOException e) {
            throw failure(e);
        }
        return this;
    }

    public JsonWriter value(long n) {
        try {
            g.writeNumber(n);
        } catch (IOException e) {
            throw failure(e);
        }
        return this;
    }

    /** {@code n} read as an unsigned 64-bit number (18446744073709551615 for -1). */
    public JsonWriter unsignedValue(long n) {
        try {
            if (n >= 0) {
                g.writeNumber(n);
            } else {
                g.writeNumber(Long.toUnsignedString(n));
            }
        } catch (IOException e) {
            throw failure(e);
        }
        return this;
    }

    /** A string of the lower-case hex digits of {@code length} bytes of {@code b} from {@code offset}. */
    public JsonWriter hexValue(byte[] b, int offset, int length) {
        char[] digits = length * 2 <= hex.length ? hex : new char[length * 2];
        for (int i = 0; i < length; i++) {
            int x = b[offset + i] & 0xff;
            digits[2 * i] = Character.forDigit(x >>> 4, 16);
            digits[2 * i + 1] = Character.forDigit(x & 0xf, 16);
        }
        try {
            g.writeString(digits, 0, length * 2);
        } catch (IOException e) {
            throw failure(e);
        }
        return this;
    }

    public JsonWriter value(boolean b) {
        try {
            g.writeBoolean(b);
        } catch (IOException e) {
            throw failure(e);
        }
        return this;
    }

    /** A number given as its decimal digits (for unsigned 64-bit values that do not fit a long). */
    public JsonWriter number(String digits) {
        if (!isInteger(digits)) {
            throw new IllegalArgumentException("not a JSON integer: " + digits);
        }
        try {
            g.writeNumber(digits);
        } catch (IOException e) {
            throw failure(e);
        }
        return this;
    }

    /** -?(0|[1-9][0-9]*), scanned rather than matched: this runs for numbers in dumps. */
    private static boolean isInteger(String s) {
        int i = s.startsWith("-") ? 1 : 0;
        if (i >= s.length() || (s.charAt(i) == '0' && s.length() > i + 1)) {
            return false;
        }
        for (; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * A value tree: {@link Map} (an object; keys as their string form, in the map's order),
     * {@link List} (an array), {@link String}, {@link Boolean}, integral numbers ({@link Long},
     * {@link Integer}, {@link Short}, {@link Byte}, {@link BigInteger}), {@link Double} and
     * {@link Float} (finite ones as numbers, NaN and the infinities as strings), and null.
     *
     * @throws IllegalArgumentException for any other kind of object, which is a bug in the caller
     */
    public JsonWriter tree(Object v) {
        if (v == null) {
            return nullValue();
        }
        if (v instanceof Map<?, ?> m) {
            beginObject();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                name(String.valueOf(e.getKey()));
                tree(e.getValue());
            }
            return endObject();
        }
        if (v instanceof List<?> l) {
            beginArray();
            for (Object o : l) {
                tree(o);
            }
            return endArray();
        }
        if (v instanceof String s) {
            return value(s);
        }
        if (v instanceof Boolean b) {
            return value(b.booleanValue());
        }
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return value(((Number) v).longValue());
        }
        if (v instanceof BigInteger n) {
            try {
                g.writeNumber(n);
            } catch (IOException e) {
                throw failure(e);
            }
            return this;
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                return value(d > 0 ? "Infinity" : d < 0 ? "-Infinity" : "NaN");
            }
            // Java's shortest round-trip digits ("1.5", "1.0E10", "-0.0") are valid JSON numbers;
            // a Float keeps its own digits rather than those of the double it widens to
            try {
                g.writeNumber(v.toString());
            } catch (IOException e) {
                throw failure(e);
            }
            return this;
        }
        throw new IllegalArgumentException("cannot write a " + v.getClass().getName() + " as JSON");
    }

    public JsonWriter nullValue() {
        try {
            g.writeNull();
        } catch (IOException e) {
            throw failure(e);
        }
        return this;
    }

    public JsonWriter field(String name, String value) {
        return name(name).value(value);
    }

    public JsonWriter field(String name, long value) {
        return name(name).value(value);
    }

    public JsonWriter field(String name, boolean value) {
        return name(name).value(value);
    }

    /** Ends the document: a line break, and a flush so that a reader sees it at once. */
    public void endDocument() {
        if (!g.getOutputContext().inRoot()) {
            throw new IllegalStateException("unclosed JSON container");
        }
        try {
            g.writeRaw('\n');
            g.flush();
        } catch (IOException e) {
            throw failure(e);
        }
    }

    /** RFC 8259's escapes plus DEL, C1 controls, U+2028 and U+2029 (JavaScript line terminators). */
    private static final class Escapes extends CharacterEscapes {
        private static final SerializableString LS = new SerializedString("\\u2028");
        private static final SerializableString PS = new SerializedString("\\u2029");
        private final int[] ascii = CharacterEscapes.standardAsciiEscapesForJSON();

        Escapes() {
            ascii[0x7f] = CharacterEscapes.ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            if (ch >= 0x80 && ch <= 0x9f) {
                // C1 controls: JSON allows them raw, terminals take 0x9b as CSI
                return new SerializedString(String.format("\\u%04x", ch));
            }
            return ch == 0x2028 ? LS : ch == 0x2029 ? PS : null;
        }
    }

    /** One line: ": " after a name, ", " between members and elements, nothing else. */
    private static final class Spacing extends MinimalPrettyPrinter {
        private static final SerializableString COMMA = new SerializedString(", ");
        private static final SerializableString COLON = new SerializedString(": ");

        Spacing() {
            super(""); // one document per generator: no separator between root values
        }

        @Override
        public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
            g.writeRaw(COMMA);
        }

        @Override
        public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(COLON);
        }

        @Override
        public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(COMMA);
        }
    }
}
