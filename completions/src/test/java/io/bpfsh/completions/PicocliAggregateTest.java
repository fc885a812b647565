package io.bpfsh.completions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpfsh.completions.CommandArguments.Command;
import io.bpfsh.completions.CommandArguments.Option;
import io.bpfsh.completions.CommandArguments.Positional;
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
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.shell.jline3.PicocliCommands;

/**
 * BpfshCompleter next to picocli-shell-jline3's completer in one AggregateCompleter, as the shell
 * wires them: picocli offers command and option names, bpfsh the rest, and no candidate comes twice.
 * The picocli commands are built from {@link CommandArguments}, so every command is covered.
 */
class PicocliAggregateTest {
    @TempDir
    Path work;
    private Completion completion;
    private Completer picocli;
    private Completer both;

    @BeforeEach
    void setUp() throws Exception {
        java.nio.file.Files.createFile(work.resolve("a.o"));
        CommandSpec top = CommandSpec.create();
        for (Command c : CommandArguments.all()) {
            CommandSpec spec = CommandSpec.create().mixinStandardHelpOptions(true);
            for (Positional p : c.positionals()) {
                spec.addPositional(PositionalParamSpec.builder().paramLabel(p.label())
                        .arity(p.optional() ? "0..1" : "1").type(String.class).build());
            }
            for (Option o : c.options()) {
                spec.addOption(OptionSpec.builder(o.name()).arity(o.takesValue() ? "1" : "0")
                        .type(o.takesValue() ? String.class : boolean.class).build());
            }
            top.addSubcommand(c.name(), new CommandLine(spec));
        }
        SystemCompleter system = new PicocliCommands(new CommandLine(top)).compileCompleters();
        system.compile();
        picocli = system;
        FakeSessionView view = new FakeSessionView(work)
                .module("m", List.of("counter"), List.of("xdp"), List.of("maps/counter")).handle("h")
                .object(work.resolve("a.o"), List.of("maps/counter"));
        both = new AggregateCompleter(system, new BpfshCompleter(view, () -> work, PinLabels.Limits.DEFAULT));
        completion = new Completion();
    }

    @AfterEach
    void tearDown() {
        completion.close();
    }

    @Test
    void noCandidateComesTwice() {
        List<String> lines = new ArrayList<>();
        for (Command c : CommandArguments.all()) {
            lines.add(c.name() + " ");
            lines.add(c.name() + " -");
            lines.add(c.name() + " --");
        }
        lines.addAll(List.of("", "l", "update m:counter 1 2 ", "update m:counter 1 2 --", "load a.o --pin-path ",
                "load a.o --pin-path=", "close m --unpin ", "close m --unpin=", "info m:", "dump @", "help "));
        for (String line : lines) {
            List<String> values = completion.values(both, line);
            assertEquals(new HashSet<>(values).size(), values.size(), "'" + line + "': " + values);
        }
    }

    @Test
    void picocliNamesCommandsAndOptionsAndBpfshTheArguments() {
        assertEquals(List.of("--exist", "--noexist"), completion.values(both, "update m:counter 1 2 "));
        assertEquals(List.of(), completion.values(picocli, "update m:counter 1 2 "), "picocli offers nothing there");
        assertEquals(List.of("--exist", "--help", "--noexist", "--version", "-V", "-h"),
                completion.values(both, "update --"), "before the first positional, option names are picocli's alone");
        // picocli-shell-jline3 4.7.7 takes every non-option word before the cursor for a subcommand
        // name, so once a positional is typed it offers no option names at all; bpfsh offers them there
        assertEquals(List.of(), completion.values(picocli, "update m:counter 1 2 --"));
        assertEquals(List.of(), completion.values(picocli, "load a.o --"));
        assertEquals(List.of("--dry-run", "--max-entries", "--max-map-memory", "--pin-path", "--pin-root", "--verifier-log"), completion.values(both, "load a.o --as x --"),
                "after a positional bpfsh offers the option names not used yet (repeatable ones always)");
        assertEquals(List.of("--recursive"), completion.values(both, "unpin x --r"));
        assertEquals(List.of("--exist", "--noexist"), completion.values(both, "update m:counter 1 2 --"));
        assertEquals(List.of("a.o"), completion.values(both, "load "));
        assertEquals(List.of("maps/counter="), completion.values(both, "load a.o --pin-path "));
        assertEquals(List.of("--pin-path=maps/counter="), completion.values(both, "load a.o --pin-path="));
        assertEquals(List.of("m"), completion.values(both, "close "));
        assertTrue(completion.values(both, "").containsAll(List.of("load", "dump", "update", "help")));
        assertEquals(CommandArguments.all().size(), completion.values(both, "help ").size());
    }
}
