package io.bpfsh.completions;

import io.bpfsh.engine.fs.Bpffs;
import io.bpfsh.shell.Settings;
import io.bpfsh.shell.Shell;
import io.bpfsh.shell.output.Output;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The completion table of the shell's real commands, for the completion tests: they complete what
 * a user of bpfsh would, so they read the commands the shell runs, not a copy.
 */
final class ShellCommandTable {
    static final CommandTable TABLE = build();

    /**
     * Opens every pin however loaded the machine is, so that the labels a test asserts do not depend
     * on timing; the budget itself has tests of its own (with limits of their own).
     */
    static final PinLabels.Limits UNTIMED = new PinLabels.Limits(2_000, Duration.ofMinutes(1));

    private ShellCommandTable() {
    }

    /** A completer of the shell's commands with the {@link #UNTIMED} budget. */
    static BpfshCompleter completer(SessionView view) {
        return new BpfshCompleter(TABLE, view, () -> Path.of("").toAbsolutePath(), UNTIMED);
    }

    private static CommandTable build() {
        try (Shell shell = new Shell(Settings.defaults(Bpffs.DEFAULT_ROOT), new Output(OutputStream.nullOutputStream()),
                new PrintWriter(new StringWriter()))) {
            return CommandTable.of(shell.commandLine());
        }
    }
}
