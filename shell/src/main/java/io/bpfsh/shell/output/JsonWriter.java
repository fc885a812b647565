package io.bpfsh.shell.output;

import java.io.PrintWriter;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * A small streaming JSON writer: values go out as they are written, so a dump of millions of entries
 * never builds a document in memory. Commas are placed automatically; strings are escaped per RFC
 * 8259 (quote, backslash, control characters, and lone surrogates, which UTF-8 cannot carry).
 * Everything is written on one line, so that a batch with --json prints one document per line.
 *
 * <p>{@link #tree(Object)} writes the typed values the engine produces for BTF-typed maps. JSON has
 * no NaN or infinities, so those floats are written as the strings {@code "NaN"},
 * {@code "Infinity"} and {@code "-Infinity"}: the spelling bpfsh's typed literals read back, which
 * keeps the value (null would lose it).
 */
public final class JsonWriter {
    private final PrintWriter out;
    /** per open container: true while no member has been written yet */
    private final Deque<Boolean> first = new ArrayDeque<>();
    private boolean afterName;

    public JsonWriter(PrintWriter out) {
        this.out = out;
    }

    public JsonWriter beginObject() {
        beforeValue();
        out.write('{');
        first.push(true);
        return this;
    }

    public JsonWriter endObject() {
        first.pop();
        out.write('}');
        return this;
    }

    public JsonWriter beginArray() {
        beforeValue();
        out.write('[');
        first.push(true);
        return this;
    }

    public JsonWriter endArray() {
        first.pop();
        out.write(']');
        return this;
    }

    /** The name of the next object member. */
    public JsonWriter name(String name) {
        separate();
        writeString(name);
        out.write(": ");
        afterName = true;
        return this;
    }

    public JsonWriter value(String s) {
        beforeValue();
        if (s == null) {
            out.write("null");
        } else {
            writeString(s);
        }
        return this;
    }

    public JsonWriter value(long n) {
        beforeValue();
        out.write(Long.toString(n));
        return this;
    }

    public JsonWriter value(boolean b) {
        beforeValue();
        out.write(b ? "true" : "false");
        return this;
    }

    /** A number given as its decimal digits (for unsigned 64-bit values that do not fit a long). */
    public JsonWriter number(String digits) {
        if (!digits.matches("-?(0|[1-9][0-9]*)")) {
            throw new IllegalArgumentException("not a JSON integer: " + digits);
        }
        beforeValue();
        out.write(digits);
        return this;
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
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte
                || v instanceof BigInteger) {
            return number(v.toString());
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                return value(d > 0 ? "Infinity" : d < 0 ? "-Infinity" : "NaN");
            }
            // Java's shortest round-trip digits ("1.5", "1.0E10", "-0.0") are valid JSON numbers;
            // a Float keeps its own digits rather than those of the double it widens to
            beforeValue();
            out.write(v.toString());
            return this;
        }
        throw new IllegalArgumentException("cannot write a " + v.getClass().getName() + " as JSON");
    }

    public JsonWriter nullValue() {
        beforeValue();
        out.write("null");
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
        if (!first.isEmpty()) {
            throw new IllegalStateException("unclosed JSON container");
        }
        out.println();
        out.flush();
    }

    private void beforeValue() {
        if (afterName) {
            afterName = false;
            return;
        }
        separate();
    }

    private void separate() {
        if (!first.isEmpty()) {
            if (first.peek()) {
                first.pop();
                first.push(false);
            } else {
                out.write(", ");
            }
        }
    }

    private void writeString(String s) {
        out.write('"');
        out.write(escape(s));
        out.write('"');
    }

    /** The body of a JSON string literal for {@code s} (without the surrounding quotes). */
    public static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    boolean lone = Character.isHighSurrogate(c)
                            ? i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))
                            : Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(s.charAt(i - 1)));
                    if (TerminalText.needsEscape(c) || lone) { // C1 too: JSON allows it raw, terminals do not
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
