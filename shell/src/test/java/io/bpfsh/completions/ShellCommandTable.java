package io.bpfsh.completions;

import io.bpfsh.engine.fs.Bpffs;
import io.bpfsh.shell.Settings;
import io.bpfsh.shell.Shell;
import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * The completion table of the shell's real commands, for the completion tests: they complete what
 * a user of bpfsh would, so they read the commands the shell runs, not a copy.
 */
final class ShellCommandTable {
    static final CommandTable TABLE = build();

    private ShellCommandTable() {
    }

    private static CommandTable build() {
        try (Shell shell = new Shell(Settings.defaults(Bpffs.DEFAULT_ROOT), new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()))) {
            return CommandTable.of(shell.commandLine());
        }
    }
}
