package io.bpfsh.shell.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScriptReaderTest {
    private static ScriptReader reader(String text) {
        return new ScriptReader(new BufferedReader(new StringReader(text)), "t.bpfsh");
    }

    @Test
    void keepsThePhysicalLineOfEachCommand() throws Exception {
        ScriptReader r = reader("# header\n\nls\n   \nupdate m 1 \\\n  2\n\n# tail\ndump m\n");
        ScriptCommand a = r.next();
        assertEquals(3, a.line());
        assertEquals("t.bpfsh:3", a.location());
        ScriptCommand b = r.next();
        assertEquals(5, b.line());
        assertEquals(List.of("update", "m", "1", "2"), b.tokens().stream().map(Token::text).toList());
        ScriptCommand c = r.next();
        assertEquals(9, c.line());
        assertNull(r.next());
    }

    @Test
    void aSyntaxErrorNamesItsLineAndReadingGoesOn() throws Exception {
        ScriptReader r = reader("ls\nget 'oops\nls -l\n");
        r.next();
        ScriptSyntaxException e = assertThrows(ScriptSyntaxException.class, r::next);
        assertEquals("t.bpfsh:2", e.location());
        assertEquals(3, r.next().line());
    }

    @Test
    void aQuoteErrorInAContinuedCommandNamesTheLineOfTheQuote() throws Exception {
        ScriptReader r = reader("ls \\\n  \\\n  'x\n");
        ScriptSyntaxException e = assertThrows(ScriptSyntaxException.class, r::next);
        assertEquals(3, e.line());
    }

    @Test
    void aContinuationAtTheEndOfTheInputIsAnError() throws Exception {
        ScriptReader r = reader("ls\nupdate m 1 \\");
        r.next();
        ScriptSyntaxException e = assertThrows(ScriptSyntaxException.class, r::next);
        assertEquals(2, e.line());
        assertEquals("the line ends with a continuation backslash (\\) but the input ends there", e.getMessage());
    }

    @Test
    void crlfLinesAndAByteOrderMarkAreFine() throws Exception {
        ScriptReader r = reader("\uFEFFls -l\r\ndump m\r\n");
        assertEquals(List.of("ls", "-l"), r.next().tokens().stream().map(Token::text).toList());
        assertEquals(List.of("dump", "m"), r.next().tokens().stream().map(Token::text).toList());
    }
}
