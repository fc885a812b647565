package io.bpfsh.shell.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import io.bpfsh.engine.testing.Samples;
import org.junit.jupiter.api.Test;

class ScriptReaderTest {
    private static ScriptReader reader(String text) {
        return ScriptReader.of(text, "t.bpfsh");
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

    /**
     * Issue 10.10: each '\\' re-split the whole joined command, so 40,000 continued lines took 19 s. Not a
     * timing test: it counts the characters handed to the tokenizer, which must stay within a small
     * multiple of the input (quadratic reading hands it about 40,000 x 40,000 x 4 / 2).
     */
    @Test
    void continuedLinesAreSplitInLinearWork() throws Exception {
        int lines = 40_000;
        StringBuilder text = new StringBuilder("update m");
        for (int i = 0; i < lines; i++) {
            text.append(i % 2 == 0 ? " 1 \\\n" : " \"a \\\n b\" \\\n"); // continuations outside and inside quotes
        }
        text.append("2\n");
        long[] chars = {0};
        ScriptReader r = new ScriptReader(new ByteArrayInputStream(text.toString().getBytes(StandardCharsets.UTF_8)),
                "t.bpfsh", false, t -> {
                    chars[0] += t.length();
                    return Tokenizer.split(t);
                });
        ScriptCommand c = r.next();
        assertEquals(2 + lines + 1, c.tokens().size());
        assertEquals("a  b", c.tokens().get(3).text());
        assertEquals("2", c.tokens().get(c.tokens().size() - 1).text());
        assertNull(r.next());
        assertTrue(chars[0] <= 3L * text.length(), chars[0] + " characters split for an input of " + text.length());
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

    /** Endless bytes, as /dev/zero or a runaway generator gives, counting how many were read. */
    static final class Endless extends InputStream {
        private final byte fill;
        long read;

        Endless(char fill) {
            this.fill = (byte) fill;
        }

        @Override
        public int read() {
            read++;
            return fill;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            java.util.Arrays.fill(b, off, off + len, fill);
            read += len;
            return len;
        }
    }

    private static ScriptSyntaxException fatal(ScriptReader r) {
        ScriptSyntaxException e = assertThrows(ScriptSyntaxException.class, r::next);
        assertTrue(e.fatal(), e.getMessage());
        return e;
    }

    @Test
    void aLineLongerThanOneMebibyteIsAFatalErrorReadInBoundedMemory() throws Exception {
        Endless zeros = new Endless('\0');
        ScriptReader r = new ScriptReader(new SequenceInputStream(
                new ByteArrayInputStream("ls\n".getBytes(StandardCharsets.UTF_8)), zeros), "/dev/zero", true);
        assertEquals(List.of("ls"), r.next().tokens().stream().map(Token::text).toList());
        ScriptSyntaxException e = fatal(r);
        assertEquals("/dev/zero:2", e.location());
        assertEquals("line longer than 1048576 bytes", e.getMessage());
        assertTrue(zeros.read <= ScriptReader.MAX_LINE_BYTES + 8192, "read " + zeros.read + " bytes");
        assertNull(r.next(), "nothing more is read after it");
    }

    @Test
    void theLimitCountsTheWholeContinuedCommandAndAllowsExactlyOneMebibyte() throws Exception {
        String half = "x".repeat(ScriptReader.MAX_LINE_BYTES / 2);
        ScriptReader r = reader("ls\nls " + half + " \\\n" + half + "\nls\n");
        r.next();
        ScriptSyntaxException e = fatal(r);
        assertEquals("t.bpfsh:2", e.location(), "where the command starts");
        assertNull(r.next());

        String exactly = "ls " + "y".repeat(ScriptReader.MAX_LINE_BYTES - 3);
        ScriptCommand c = reader(exactly + "\r\nls\n").next();
        assertEquals(ScriptReader.MAX_LINE_BYTES - 3, c.tokens().get(1).text().length());
        // multi-byte characters count as their UTF-8 bytes
        fatal(reader("ls " + "\u00e9".repeat(ScriptReader.MAX_LINE_BYTES / 2) + "\n"));
    }

    @Test
    void anEbpfObjectIsNotAScriptAndTheErrorSaysHowToLoadIt() throws Exception {
        Path o = Samples.object("gobpf_global.o");
        ScriptReader r = new ScriptReader(Files.newInputStream(o), "samples/gobpf_global.o", true);
        ScriptInputException e = assertThrows(ScriptInputException.class, r::next);
        assertEquals("samples/gobpf_global.o: not a bpfsh script: it is an eBPF object (ELF); "
                + "to load it: load samples/gobpf_global.o", e.getMessage());
        assertNull(r.next());
        r = new ScriptReader(Files.newInputStream(o), "<stdin>", false);
        assertEquals("<stdin>: not a bpfsh script: it is an eBPF object (ELF)",
                assertThrows(ScriptInputException.class, r::next).getMessage());
        byte[] notBpf = Files.readAllBytes(o);
        notBpf[18] = 62; // EM_X86_64
        r = new ScriptReader(new ByteArrayInputStream(notBpf), "a.out", true);
        assertEquals("a.out: not a bpfsh script (an ELF file)", assertThrows(ScriptInputException.class, r::next).getMessage());
    }

    @Test
    void inputThatIsNotUtf8IsNotAScriptOrAFatalErrorAtItsLine() throws Exception {
        byte[] latin1 = "ls # caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        ScriptReader r = new ScriptReader(new ByteArrayInputStream(latin1), "x.bin", true);
        assertEquals("x.bin: not a bpfsh script (not UTF-8 text)",
                assertThrows(ScriptInputException.class, r::next).getMessage());
        byte[] later = ("ls\n# fine\n" + new String(latin1, StandardCharsets.ISO_8859_1) + "ls\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        r = new ScriptReader(new ByteArrayInputStream(later), "t.bpfsh", true);
        r.next();
        ScriptSyntaxException e = fatal(r);
        assertEquals("t.bpfsh:3", e.location());
        assertEquals("not UTF-8 text", e.getMessage());
        assertNull(r.next());
    }

    @Test
    void commandsFromAPipeAreReturnedAsTheyArrive() throws Exception {
        PipedOutputStream w = new PipedOutputStream();
        ScriptReader r = new ScriptReader(new PipedInputStream(w), "<stdin>", false);
        w.write("ls\n".getBytes(StandardCharsets.UTF_8));
        w.flush();
        assertEquals(1, r.next().line(), "returned without waiting for more input");
        w.write("mount\n".getBytes(StandardCharsets.UTF_8));
        w.close();
        assertEquals(2, r.next().line());
        assertNull(r.next());
    }
}
