package io.bpfsh.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpfsh.shell.data.LiteralArg;
import org.junit.jupiter.api.Test;

class MapTypesTest {
    @Test
    void aQuotedWordBecomesATypedStringWithItsEscapes() {
        assertEquals("\"eth0\"", MapTypes.asString("eth0"));
        assertEquals("\"a \\\"b\\\" \\\\ \\n\\t\\x01\"", MapTypes.asString("a \"b\" \\ \n\t\u0001"));
        assertEquals("\"é\"", MapTypes.asString("é"));
    }

    @Test
    void withoutTypesEveryLiteralIsRaw() throws Exception {
        MapTypes none = MapTypes.none();
        assertFalse(none.typed());
        assertFalse(none.hasKeyType());
        assertTrue(none.valueTypeName().isEmpty());
        assertEquals(7, none.key(new LiteralArg("7", false), 4)[0]);
        assertEquals('h', none.value(new LiteralArg("hi", true), 8)[0]);
        assertEquals("hex:010203", none.valueText(new byte[] {1, 2, 3}, 0, 3));
        assertEquals("513", none.keyText(new byte[] {1, 2}, 0, 2));
    }
}
