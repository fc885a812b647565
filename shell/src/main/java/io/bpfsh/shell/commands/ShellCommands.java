package io.bpfsh.shell.commands;

import io.bpfsh.shell.Shell;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The commands of a bpfsh session, as one picocli CommandLine whose subcommands are the commands.
 * The REPL, batch files and -c all run through it (see {@link Shell#run}).
 */
@Command(name = "", subcommands = {
        Load.class, Close.class, Modules.class, Maps.class, Progs.class,
        Ls.class, Info.class, Dump.class, Lookup.class, Update.class, Delete.class,
        Pin.class, Get.class, Unpin.class, Handles.class, Release.class,
        Source.class, Mount.class, Help.class, Exit.class})
public final class ShellCommands implements Runnable {

    @Override
    public void run() {
        // only subcommands are run; the shell rejects a line without one before picocli sees it
    }

    /** Builds the CommandLine of a shell, its commands made with the shell's session injected. */
    public static CommandLine commandLine(Shell shell) {
        CommandLine cl = new CommandLine(ShellCommands.class, new CommandFactory(shell));
        cl.setExpandAtFiles(false); // "@NAME" is a handle, never picocli's argument file
        cl.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        cl.setUsageHelpWidth(100);
        for (CommandLine sub : cl.getSubcommands().values()) {
            CommandLine.Model.UsageMessageSpec u = sub.getCommandSpec().usageMessage();
            u.synopsisHeading("Usage:"); // the root's name is empty, so the synopsis begins " load"
            if (u.footer().length > 0) {
                String[] f = java.util.Arrays.copyOf(u.footer(), u.footer().length + 1);
                f[f.length - 1] = ""; // end the examples with a line break
                u.footer(f);
            }
        }
        cl.setOut(shell.session().out());
        cl.setErr(shell.session().err());
        return cl;
    }
}
