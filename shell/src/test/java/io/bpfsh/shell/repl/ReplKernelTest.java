package io.bpfsh.shell.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpfsh.engine.testing.KernelTest;
import io.bpfsh.shell.BpfFds;
import io.bpfsh.engine.testing.Samples;
import io.bpfsh.engine.testing.TestBpffs;
import io.bpfsh.shell.Settings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jline.reader.Candidate;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real REPL session through JLine on a dumb terminal over byte streams: type, then read the screen. */
@KernelTest
class ReplKernelTest {
    @TempDir
    Path home;

    private TestBpffs fs;
    private PipedOutputStream keyboard;
    private final Screen screen = new Screen();
    private Thread repl;
    private Terminal terminal;
    private Repl shellRepl;

    /** What the terminal has printed, readable while the REPL runs in its own thread. */
    static final class Screen extends OutputStream {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        @Override
        public synchronized void write(int b) {
            bytes.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            bytes.write(b, off, len);
        }

        synchronized String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    @BeforeEach
    void start() throws IOException {
        fs = new TestBpffs("shell-repl");
        keyboard = new PipedOutputStream();
        PipedInputStream in = new PipedInputStream(keyboard, 1 << 16);
        terminal = new DumbTerminal("test", Terminal.TYPE_DUMB, in, screen, StandardCharsets.UTF_8);
        // what a terminal's line discipline provides: Ctrl-C raises SIGINT, Ctrl-D is end of file
        Attributes a = terminal.getAttributes();
        a.setLocalFlag(Attributes.LocalFlag.ISIG, true);
        a.setControlChar(Attributes.ControlChar.VINTR, 3);
        a.setControlChar(Attributes.ControlChar.VEOF, 4);
        terminal.setAttributes(a);
        Repl r = new Repl(new Settings(fs.root(), false, true, false, false), terminal, home.resolve(".bpfsh_history"));
        shellRepl = r;
        repl = new Thread(r::run, "repl");
        repl.start();
        await("bpfsh " + fs.root() + "> ", 0);
    }

    @AfterEach
    void stop() throws Exception {
        if (repl.isAlive()) {
            type("\nexit\n"); // ends whatever is typed, then the session
            repl.join(10_000);
        }
        keyboard.close();
        terminal.close();
        fs.close();
    }

    private void type(String s) throws IOException {
        keyboard.write(s.getBytes(StandardCharsets.UTF_8));
        keyboard.flush();
    }

    /** Waits until the screen shows {@code text} after offset {@code from}; returns the offset after it. */
    private int await(String text, int from) {
        Instant end = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(end)) {
            String t = screen.text();
            int i = t.indexOf(text, from);
            if (i >= 0) {
                return i + text.length();
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("the screen never showed '" + text + "'; it shows:\n" + screen.text());
    }

    @Test
    void typeCommandsAndReadTheirOutput() throws Exception {
        int at = screen.text().length();
        type("load " + Samples.object("gobpf_global.o") + " --as g\n");
        at = await("module g: 2 maps, 1 program", at);
        at = await("bpfsh " + fs.root() + " [g]> ", at); // the prompt shows the loaded module
        type("update g:dummy_hash 1 \"hi\"   # a quoted string, zero-padded\n");
        at = await("updated key: 1  value: 26984", at);
        type("dump g:dummy_hash\n");
        at = await("key: 1  value: 26984\n1 entry", at);
        type("update g:dummy_hash 2 \\\n");   // a trailing backslash continues on the next line
        type("3\n");
        at = await("updated key: 2  value: 3", at);
        type("lookup g:dummy_hash 9\n");
        at = await("error: lookup g:dummy_hash: no entry for key 9", at);
        type("help lookup\n");
        at = await("Usage: lookup REF KEY", at);
        type("exit\n");
        repl.join(10_000);
        assertFalse(repl.isAlive(), "exit ends the REPL");
        String history = Files.readString(home.resolve(".bpfsh_history"));
        assertTrue(history.contains("dump g:dummy_hash"), history);
        assertTrue(Files.exists(fs.root().resolve("ns1/globals/dummy_hash")), "ending the session never unpins");
    }

    private List<String> complete(String line) {
        LineReader reader = shellRepl.reader();
        List<Candidate> found = new ArrayList<>();
        ParsedLine parsed = reader.getParser().parse(line, line.length(), Parser.ParseContext.COMPLETE);
        ((org.jline.reader.impl.LineReaderImpl) reader).getCompleter().complete(reader, parsed, found);
        // the line reader shows the candidates that start with the word typed
        return found.stream().map(Candidate::value).filter(v -> v.startsWith(parsed.word())).distinct().sorted().toList();
    }

    @Test
    void tabCompletesCommandsOptionsAndArgumentsFromTheSession() throws Exception {
        int at = screen.text().length();
        type("load " + Samples.object("gobpf_global.o") + " --as g\n");
        at = await("module g:", at);
        await("[g]> ", at);
        assertEquals(List.of("delete", "detach", "disasm", "dump"), complete("d"));              // picocli: commands
        assertTrue(complete("update g:dummy_hash 1 2 --").containsAll(List.of("--exist", "--noexist")));
        assertEquals(List.of("g:dummy_array", "g:dummy_hash"), complete("dump g:dummy_"));  // completions: REFs
        assertTrue(complete("ls ns1/").contains("ns1/globals/"), complete("ls ns1/").toString());
        assertEquals(List.of("g"), complete("close "));
    }

    @Test
    void ctrlCDropsTheLineBeingTyped() throws Exception {
        int at = screen.text().length();
        type("nosuchcommand half typed\u0003");
        type("ls\n");
        at = await("bpfsh " + fs.root() + "> ", at);
        type("mount\n");
        await("bpffs already mounted at " + fs.root(), at);
        assertFalse(screen.text().contains("unknown command"), screen.text());
        type("exit\n");
        repl.join(10_000);
        assertFalse(repl.isAlive());
    }

    @Test
    void ctrlDOnAnEmptyLineEndsTheSessionAndClosesItsFds() throws Exception {
        int at = screen.text().length();
        type("load " + Samples.object("gobpf_global.o") + " --as g\n");
        at = await("module g:", at);
        await("[g]> ", at);
        int loaded = BpfFds.count();
        type("\u0004");
        repl.join(10_000);
        assertFalse(repl.isAlive(), "Ctrl-D ends the REPL");
        assertEquals(loaded - 3, BpfFds.count(), "the module's two map FDs and one program FD are closed");
        assertTrue(Files.exists(fs.root().resolve("ns1/globals/dummy_hash")));
        assertEquals(true, Files.exists(home.resolve(".bpfsh_history")));
    }
}
