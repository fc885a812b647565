package io.bpfsh.shell.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class JsonWriterTest {
    @Test
    void nestedDocumentOnOneLine() {
        StringWriter s = new StringWriter();
        JsonWriter w = new JsonWriter(new PrintWriter(s));
        w.beginObject().field("a", 1).name("b").beginArray().value("x").value(true).nullValue()
                .beginObject().endObject().number("18446744073709551615").endArray().field("c", (String) null)
                .endObject().endDocument();
        assertEquals("{\"a\": 1, \"b\": [\"x\", true, null, {}, 18446744073709551615], \"c\": null}"
                + System.lineSeparator(), s.toString());
    }

    @Test
    void anUnclosedDocumentIsABug() {
        JsonWriter w = new JsonWriter(new PrintWriter(new StringWriter()));
        w.beginArray();
        assertThrows(IllegalStateException.class, w::endDocument);
    }

    @Test
    void escapesEverythingJsonRequires() {
        assertEquals("q\\\" b\\\\ n\\n r\\r t\\t \\u0001 \\u001f \\u007f \\u2028 é 😀",
                JsonWriter.escape("q\" b\\ n\n r\r t\t \u0001 \u001f \u007f \u2028 é 😀"));
        assertEquals("\\ud800x", JsonWriter.escape("\ud800x"));
        assertEquals("x\\udc00", JsonWriter.escape("x\udc00"));
    }

    @Test
    void numbersMustBeIntegers() {
        JsonWriter w = new JsonWriter(new PrintWriter(new StringWriter()));
        assertThrows(IllegalArgumentException.class, () -> w.number("1e5"));
        assertThrows(IllegalArgumentException.class, () -> w.number("01"));
    }
}
