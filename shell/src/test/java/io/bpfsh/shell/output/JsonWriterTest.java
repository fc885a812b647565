package io.bpfsh.shell.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonWriterTest {
    private final ByteArrayOutputStream s = new ByteArrayOutputStream();

    private String written() {
        return s.toString(StandardCharsets.UTF_8);
    }

    @Test
    void nestedDocumentOnOneLine() {
        JsonWriter w = new JsonWriter(s);
        w.beginObject().field("a", 1).name("b").beginArray().value("x").value(true).nullValue()
                .beginObject().endObject().number("18446744073709551615").endArray().field("c", (String) null)
                .endObject().endDocument();
        assertEquals("{\"a\": 1, \"b\": [\"x\", true, null, {}, 18446744073709551615], \"c\": null}"
                + "\n", written());
    }

    @Test
    void anUnclosedDocumentIsABug() {
        JsonWriter w = new JsonWriter(OutputStream.nullOutputStream());
        w.beginArray();
        assertThrows(IllegalStateException.class, w::endDocument);
    }

    private static String string(String value) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        new JsonWriter(b).value(value).endDocument();
        return b.toString(StandardCharsets.UTF_8);
    }

    @Test
    void escapesEverythingJsonRequires() {
        assertEquals("\"q\\\" b\\\\ n\\n r\\r t\\t \\u0001 \\u001f \\u007f \\u2028 \\u2029 é 😀\"\n",
                string("q\" b\\ n\n r\r t\t \u0001 \u001f \u007f \u2028 \u2029 é 😀"));
        assertEquals("\"\\ud800x\"\n", string("\ud800x"));
        assertEquals("\"x\\udc00\"\n", string("x\udc00")); // a pair (😀 above) is its 4 UTF-8 bytes
    }

    @Test
    void numbersMustBeIntegers() {
        JsonWriter w = new JsonWriter(OutputStream.nullOutputStream());
        assertThrows(IllegalArgumentException.class, () -> w.number("1e5"));
        assertThrows(IllegalArgumentException.class, () -> w.number("01"));
    }

    private static String tree(Object v) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        new JsonWriter(b).tree(v).endDocument();
        return b.toString(StandardCharsets.UTF_8).stripTrailing();
    }

    @Test
    void treesOfTheKindsTypedValuesAreMadeOf() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("pkts", 5L);
        inner.put("bytes", new BigInteger("18446744073709551615"));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("counter", inner);
        m.put("name", "eth\"0");
        m.put("flags", List.of(true, false));
        m.put("nested", List.of(List.of(1, (short) 2, (byte) 3), Map.of()));
        m.put("none", null);
        assertEquals("{\"counter\": {\"pkts\": 5, \"bytes\": 18446744073709551615}, \"name\": \"eth\\\"0\", "
                + "\"flags\": [true, false], \"nested\": [[1, 2, 3], {}], \"none\": null}", tree(m));
        assertEquals(m.toString(), String.valueOf(JsonReader.parse(tree(m))),
                "what the writer wrote reads back");
        assertEquals("-170141183460469231731687303715884105728", tree(BigInteger.ONE.shiftLeft(127).negate()));
        assertEquals("[]", tree(List.of()));
    }

    @Test
    void floatsAreNumbersAndNanOrInfinityAreStrings() {
        assertEquals("[1.5, -0.0, 1.0E10, 1.1, 2.5E-5]", tree(List.of(1.5, -0.0, 1e10, 1.1f, 2.5e-5f)));
        assertEquals("[\"NaN\", \"Infinity\", \"-Infinity\", \"NaN\", \"-Infinity\"]", tree(Arrays.asList(
                Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Float.NaN, Float.NEGATIVE_INFINITY)));
    }

    @Test
    void otherObjectsInATreeAreABug() {
        JsonWriter w = new JsonWriter(OutputStream.nullOutputStream());
        assertThrows(IllegalArgumentException.class, () -> w.tree(new byte[1]));
        assertThrows(IllegalArgumentException.class, () -> w.tree(new java.math.BigDecimal("1.5")));
    }
}
