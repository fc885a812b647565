package io.bpfsh.completions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpfsh.completions.CommandTable.Command;
import io.bpfsh.engine.fs.Bpffs;
import io.bpfsh.shell.Settings;
import io.bpfsh.shell.Shell;
import io.bpfsh.shell.output.Output;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jline.reader.Completer;
import org.jline.reader.impl.completer.AggregateCompleter;
import org.jline.reader.impl.completer.SystemCompleter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.shell.jline3.PicocliCommands;

/**
 * BpfshCompleter next to picocli-shell-jline3's completer in one AggregateCompleter, as the shell
 * wires them: picocli offers command and option names, bpfsh the rest, and no candidate comes twice.
 * The picocli commands are the shell's own, as the REPL wires them, so every command is covered.
 */
class PicocliAggregateTest {
    @TempDir
    Path work;
    private Completion completion;
    private Completer picocli;
    private Completer both;
    private Shell shell;

    @BeforeEach
    void setUp() throws Exception {
        java.nio.file.Files.createFile(work.resolve("a.o"));
        shell = new Shell(Settings.defaults(Bpffs.DEFAULT_ROOT), new Output(OutputStream.nullOutputStream()),
                new PrintWriter(new StringWriter()));
        SystemCompleter system = new PicocliCommands(shell.commandLine()).compileCompleters();
        system.compile();
        picocli = system;
        FakeSessionView view = new FakeSessionView(work)
                .module("m", List.of("counter"), List.of("xdp"), List.of("maps/counter")).handle("h")
                .object(work.resolve("a.o"), List.of("maps/counter"));
        both = new AggregateCompleter(system, new BpfshCompleter(ShellCommandTable.TABLE, view, () -> work, ShellCommandTable.UNTIMED));
        completion = new Completion();
    }

    @AfterEach
    void tearDown() {
        completion.close();
        shell.close();
    }

    @Test
    void noCandidateComesTwice() {
        List<String> lines = new ArrayList<>();
        for (Command c : ShellCommandTable.TABLE.all()) {
            lines.add(c.name() + " ");
            lines.add(c.name() + " -");
            lines.add(c.name() + " --");
        }
        lines.addAll(List.of("", "l", "update m:counter 1 2 ", "update m:counter 1 2 --", "load a.o --pin-path ",
                "load a.o --pin-path=", "close m --unpin ", "close m --unpin=", "info m:", "dump @", "help ", "load a.o --on-incompatible ", "load a.o --on-incompatible="));
        for (String line : lines) {
            List<String> values = completion.values(both, line);
            assertEquals(new HashSet<>(values).size(), values.size(), "'" + line + "': " + values);
        }
    }

    @Test
    void picocliNamesCommandsAndOptionsAndBpfshTheArguments() {
        assertEquals(List.of("--exist", "--noexist"), completion.values(both, "update m:counter 1 2 "));
        assertEquals(List.of(), completion.values(picocli, "update m:counter 1 2 "), "picocli offers nothing there");
        assertEquals(List.of("--cpu=", "--exist", "--noexist"), completion.values(picocli, "update --"),
                "before the first positional, option names are picocli's (the hidden --help is not offered)");
        assertEquals(List.of("--cpu=", "--exist", "--noexist"), completion.values(both, "update --"),
                "before the first positional, option names are picocli's alone");
        // picocli-shell-jline3 4.7.7 takes every non-option word before the cursor for a subcommand
        // name, so once a positional is typed it offers no option names at all; bpfsh offers them there
        assertEquals(List.of(), completion.values(picocli, "update m:counter 1 2 --"));
        assertEquals(List.of(), completion.values(picocli, "load a.o --"));
        assertEquals(List.of("--dry-run", "--max-entries", "--max-map-memory", "--on-incompatible", "--optional",
                        "--pin-path", "--pin-progs", "--pin-root", "--set", "--type", "--verifier-log"),
                completion.values(both, "load a.o --as x --"),
                "after a positional bpfsh offers the option names not used yet (repeatable ones always)");
        assertEquals(List.of("--recursive"), completion.values(both, "unpin x --r"));
        assertEquals(List.of("--exist", "--noexist"), completion.values(both, "update m:counter 1 2 --"));
        assertEquals(List.of("a.o"), completion.values(both, "load "));
        assertEquals(List.of("fail", "migrate", "replace"), completion.values(both, "load a.o --on-incompatible ").stream()
                .sorted().toList());
        assertEquals(List.of("--on-incompatible=replace"), completion.values(both, "load a.o --on-incompatible=r"));
        assertEquals(List.of("maps/counter="), completion.values(both, "load a.o --pin-path "));
        assertEquals(List.of("--pin-path=maps/counter="), completion.values(both, "load a.o --pin-path="));
        assertEquals(List.of("m"), completion.values(both, "close "));
        assertTrue(completion.values(both, "").containsAll(List.of("load", "dump", "update", "help")));
        assertEquals(ShellCommandTable.TABLE.all().size(), completion.values(both, "help ").size());
    }

    @Test
    void aChoiceOffersItsWordsOnce() {
        assertEquals(List.of("off", "on"), completion.values(both, "trace "));
    }
}
