package io.bpfsh.shell.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.junit.jupiter.api.Test;

/** Colour only on a terminal that shows it, and never with NO_COLOR. */
class PaletteTest {
    private static Terminal terminal(String type) throws Exception {
        return TerminalBuilder.builder().system(false).type(type)
                .streams(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream()).build();
    }

    @Test
    void aColourTerminalGetsEscapesAndTheTextStaysTheSame() throws Exception {
        try (Terminal t = terminal("xterm-256color")) {
            Palette p = Palette.of(t, Map.of());
            assertTrue(p.colours());
            String e = p.error("error: no");
            assertTrue(e.startsWith("\u001b["), e);
            assertEquals("error: no", e.replaceAll("\u001b\\[[0-9;]*m", ""));
            assertFalse(p.kind("map").equals(p.kind("prog")), "each kind its own colour");
            StringWriter out = new StringWriter();
            new Table("KIND", "NAME").row("map", "x").print(new PrintWriter(out, true), p);
            assertEquals("KIND  NAME\nmap   x\n", out.toString().replaceAll("\u001b\\[[0-9;]*m", ""),
                    "columns are padded by the text, not by its escapes");
            assertTrue(out.toString().startsWith("\u001b["), out.toString());
        }
    }

    @Test
    void noColourOnADumbTerminalWithNoColorOrInABatch() throws Exception {
        try (Terminal t = terminal("xterm-256color")) {
            assertFalse(Palette.of(t, Map.of("NO_COLOR", "")).colours(), "NO_COLOR set to anything, even empty");
        }
        try (Terminal t = terminal(Terminal.TYPE_DUMB)) {
            assertFalse(Palette.of(t, Map.of()).colours());
        }
        assertEquals("error: x", Palette.PLAIN.error("error: x"));
        assertEquals("map", Palette.PLAIN.kind("map"));
    }
}
