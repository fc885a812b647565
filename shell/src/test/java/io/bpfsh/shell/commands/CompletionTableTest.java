package io.bpfsh.shell.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bpfsh.completions.CommandArguments;
import io.bpfsh.engine.fs.Bpffs;
import io.bpfsh.shell.Settings;
import io.bpfsh.shell.Shell;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The completions module keeps its own table of the commands and their arguments; this test keeps
 * it in step with the commands the shell really has, so a new command is never left uncompleted.
 */
class CompletionTableTest {
    @Test
    void everyCommandPositionalAndOptionIsInTheCompletionTable() {
        try (Shell shell = new Shell(Settings.defaults(Bpffs.DEFAULT_ROOT), new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()))) {
            List<String> missing = new ArrayList<>();
            for (Map.Entry<String, CommandLine> e : shell.commandLine().getSubcommands().entrySet()) {
                var known = CommandArguments.command(e.getKey());
                if (known.isEmpty()) {
                    missing.add(e.getKey());
                    continue;
                }
                int positionals = e.getValue().getCommandSpec().positionalParameters().size();
                if (known.get().positionals().size() != positionals) {
                    missing.add(e.getKey() + " (" + positionals + " positionals, the table has "
                            + known.get().positionals().size() + ")");
                }
                // every long option of the command (help and version are picocli's own) is in the table
                java.util.Set<String> options = new java.util.TreeSet<>();
                for (var o : e.getValue().getCommandSpec().options()) {
                    if (!o.usageHelp() && !o.versionHelp()) {
                        options.add(o.longestName());
                    }
                }
                java.util.Set<String> table = new java.util.TreeSet<>();
                known.get().options().forEach(o -> table.add(o.name()));
                if (!options.equals(table)) {
                    missing.add(e.getKey() + " options " + options + ", the table has " + table);
                }
            }
            assertEquals(List.of(), missing);
        }
    }
}
