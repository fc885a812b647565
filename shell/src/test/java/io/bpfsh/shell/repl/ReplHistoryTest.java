package io.bpfsh.shell.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.bpfsh.shell.Settings;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A history file that cannot be written: one note before the REPL starts, then a REPL without a
 * history file, and never JLine's own warnings (a stack trace after every command).
 */
class ReplHistoryTest {
    @TempDir
    Path dir;

    private String note(Path history) {
        StringWriter err = new StringWriter();
        Path used = Repl.usableHistory(history, new PrintWriter(err, true));
        assertNull(used, history.toString());
        return err.toString();
    }

    @Test
    void aHistoryFileThatCannotBeWrittenIsOneNoteAndNoHistoryFile() throws IOException {
        Path missing = dir.resolve("nonexistent/.bpfsh_history");
        assertEquals("bpfsh: note: history not saved: " + missing + ": no such directory\n", note(missing));
        assertFalse(Files.exists(missing.getParent()), "no directory is created for the history");

        Path file = Files.createFile(dir.resolve("file"));
        assertEquals("bpfsh: note: history not saved: " + file.resolve(".bpfsh_history") + ": not a directory\n",
                note(file.resolve(".bpfsh_history")));

        Path asDirectory = Files.createDirectories(dir.resolve("d/.bpfsh_history"));
        assertEquals("bpfsh: note: history not saved: " + asDirectory + ": is a directory\n", note(asDirectory));

        StringWriter err = new StringWriter();
        Path fine = dir.resolve(".bpfsh_history");
        assertEquals(fine, Repl.usableHistory(fine, new PrintWriter(err, true)));
        assertEquals("", err.toString());
    }

    @Test
    void jlineLogsNothingWithoutDebugEvenWhenItCannotSaveTheHistory() throws Exception {
        Logger jline = Logger.getLogger("org.jline");
        Level before = jline.getLevel();
        List<LogRecord> logged = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public synchronized void publish(LogRecord r) {
                logged.add(r);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        capture.setLevel(Level.ALL);
        jline.addHandler(capture);
        Files.createFile(dir.resolve("file"));
        PipedOutputStream keyboard = new PipedOutputStream();
        try (Terminal terminal = new DumbTerminal("test", Terminal.TYPE_DUMB, new PipedInputStream(keyboard, 1 << 16),
                new java.io.ByteArrayOutputStream(), StandardCharsets.UTF_8)) {
            // a history file JLine cannot save: its directory is a regular file
            Repl repl = new Repl(new Settings(dir, false, true, false, false), terminal,
                    dir.resolve("file/.bpfsh_history"));
            Thread t = new Thread(repl::run, "repl");
            t.start();
            keyboard.write("help\nhelp ls\nexit\n".getBytes(StandardCharsets.UTF_8));
            keyboard.flush();
            t.join(20_000);
            assertFalse(t.isAlive(), "exit ends the REPL");
            synchronized (capture) {
                assertEquals(List.of(), logged.stream().map(LogRecord::getMessage).toList());
            }
        } finally {
            jline.removeHandler(capture);
            jline.setLevel(before);
            keyboard.close();
        }
    }
}
