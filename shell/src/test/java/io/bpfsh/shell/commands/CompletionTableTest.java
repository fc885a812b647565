package io.bpfsh.shell.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpfsh.completions.ArgKind;
import io.bpfsh.completions.CommandTable;
import io.bpfsh.completions.Completes;
import io.bpfsh.engine.fs.Bpffs;
import io.bpfsh.shell.Settings;
import io.bpfsh.shell.Shell;
import io.bpfsh.shell.output.Output;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;

/**
 * Completion reads the commands from picocli's model; this test walks every command and every
 * argument picocli knows of it (positional and option, the hidden --help too) and checks that each
 * says what it completes with {@code @Completes}, so a new command or option is never left uncompleted.
 */
class CompletionTableTest {
    @Test
    void everyPositionalAndOptionOfEveryCommandHasACompletionKind() {
        try (Shell shell = new Shell(Settings.defaults(Bpffs.DEFAULT_ROOT), new Output(OutputStream.nullOutputStream()),
                new PrintWriter(new StringWriter()))) {
            List<String> missing = new ArrayList<>();
            int arguments = 0;
            for (Map.Entry<String, CommandLine> e : shell.commandLine().getSubcommands().entrySet()) {
                List<ArgSpec> args = new ArrayList<>(e.getValue().getCommandSpec().positionalParameters());
                args.addAll(e.getValue().getCommandSpec().options());
                for (ArgSpec a : args) {
                    arguments++;
                    var kind = CommandTable.completes(a).map(Completes::value);
                    if (kind.isEmpty()) {
                        missing.add(e.getKey() + " " + a.paramLabel());
                    } else if ((kind.get() == ArgKind.FLAG) != (a.arity().max() == 0)) {
                        missing.add(e.getKey() + " " + a.paramLabel() + ": FLAG is for exactly the options without a value");
                    }
                }
            }
            assertEquals(List.of(), missing);
            assertEquals(ShellCommands.names().size(), shell.commandLine().getSubcommands().size());
            assertTrue(arguments > 2 * ShellCommands.names().size(), "every command's --help at least: " + arguments);
        }
    }
}
