package io.bpfsh.shell.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.jline.reader.CompletingParsedLine;
import org.jline.reader.EOFError;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser.ParseContext;
import org.junit.jupiter.api.Test;

class ShellParserTest {
    private final ShellParser parser = new ShellParser();

    @Test
    void wordUnderTheCursor() {
        ParsedLine l = parser.parse("dump ns1/glo", 12, ParseContext.COMPLETE);
        assertEquals(List.of("dump", "ns1/glo"), l.words());
        assertEquals(1, l.wordIndex());
        assertEquals("ns1/glo", l.word());
        assertEquals(7, l.wordCursor());
    }

    @Test
    void aNewEmptyWordAfterASpace() {
        ParsedLine l = parser.parse("dump ", 5, ParseContext.COMPLETE);
        assertEquals(List.of("dump", ""), l.words());
        assertEquals(1, l.wordIndex());
        assertEquals(0, l.wordCursor());
    }

    @Test
    void cursorInsideAQuotedWord() {
        CompletingParsedLine l = (CompletingParsedLine) parser.parse("get \"my dir/x", 13, ParseContext.COMPLETE);
        assertEquals("my dir/x", l.word());
        assertEquals(8, l.wordCursor());
        assertEquals(9, l.rawWordCursor());
        assertEquals("\"my dir/xyz\"", l.escape("my dir/xyz", true).toString());
    }

    @Test
    void unquotedCandidatesAreEscaped() {
        CompletingParsedLine l = (CompletingParsedLine) parser.parse("get my", 6, ParseContext.COMPLETE);
        assertEquals("my\\ dir/", l.escape("my dir/", false).toString());
    }

    @Test
    void aTrailingBackslashAsksForAnotherLine() {
        assertThrows(EOFError.class, () -> parser.parse("update m 1 \\", 12, ParseContext.ACCEPT_LINE));
        assertEquals(List.of("update", "m", "1", "2"),
                parser.parse("update m 1 \\\n2", 14, ParseContext.ACCEPT_LINE).words());
    }

    @Test
    void anUnclosedQuoteContinuesOnTheNextLineAsInBash() {
        assertThrows(EOFError.class, () -> parser.parse("update m 1 'x y", 15, ParseContext.ACCEPT_LINE));
        assertThrows(EOFError.class, () -> parser.parse("echo \"a\n", 8, ParseContext.SECONDARY_PROMPT));
        assertEquals(List.of("update", "m", "1", "x y\nz"),
                parser.parse("update m 1 'x y\nz'", 19, ParseContext.ACCEPT_LINE).words());
        // completion of a half-typed line still reads the open quote as running to the end
        assertEquals(List.of("get", "x y"), parser.parse("get 'x y", 8, ParseContext.COMPLETE).words());
    }

    @Test
    void completionSeesOnlyTheCommandTheCursorIsIn() {
        ParsedLine l = parser.parse("ls -R; dump ns1/glo", 19, ParseContext.COMPLETE);
        assertEquals(List.of("dump", "ns1/glo"), l.words());
        assertEquals(1, l.wordIndex());
        ParsedLine next = parser.parse("ls; ", 4, ParseContext.COMPLETE);
        assertEquals(List.of(""), next.words());
        assertEquals(List.of("ls", ""), parser.parse("ls ; maps", 3, ParseContext.COMPLETE).words());
    }
}
