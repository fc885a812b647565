package io.bpfsh.shell.commands;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * The commands of a bpfsh session: registering a command is adding its class here (see
 * docs/architecture.md). Each run gets a fresh {@link CommandLine} of its one command
 * ({@link #forRun}), so no option value or group instance outlives a run; the {@link #model} of all
 * commands is built once, for help, completion and the REPL's tips, and is never run.
 */
@Command(name = "", subcommands = {
        Load.class, Close.class, Modules.class, Maps.class, Progs.class, Attach.class, Detach.class, Links.class,
        Ls.class, Info.class, Dump.class, Lookup.class, Update.class, Delete.class, Run.class, Disasm.class,
        Push.class, Pop.class, Peek.class, Events.class, Watch.class, Hist.class, Tracelog.class, Top.class,
        Pin.class, Get.class, Unpin.class, Migrate.class, Handles.class, Release.class,
        Source.class, Echo.class, Trace.class, Mount.class, Help.class, Exit.class})
public final class ShellCommands {
    /** Each command's class by name, read from the annotations alone: cheap, and nothing is built. */
    private static final Map<String, Class<?>> BY_NAME = new LinkedHashMap<>();

    static {
        for (Class<?> c : ShellCommands.class.getAnnotation(Command.class).subcommands()) {
            BY_NAME.put(c.getAnnotation(Command.class).name(), c);
        }
    }

    private ShellCommands() {
    }

    /** The command names, in the order help lists them. */
    public static Set<String> names() {
        return BY_NAME.keySet();
    }

    /** A fresh CommandLine that runs one command with its arguments, or empty when there is no such command. */
    public static Optional<CommandLine> forRun(String name, CommandContext context) {
        Class<?> c = BY_NAME.get(name);
        if (c == null) {
            return Optional.empty();
        }
        CommandLine cl = configure(new CommandLine(c, new CommandFactory(context)), context);
        finishUsage(cl, "Usage: ");
        return Optional.of(cl);
    }

    /** Every command as subcommands of one CommandLine: for help, completion and tips, never run. */
    public static CommandLine model(CommandContext context) {
        CommandLine cl = configure(new CommandLine(ShellCommands.class, new CommandFactory(context)), context);
        for (CommandLine sub : cl.getSubcommands().values()) {
            finishUsage(sub, "Usage:"); // the root's name is empty, so the synopsis begins " load"
        }
        return cl;
    }

    private static CommandLine configure(CommandLine cl, CommandContext context) {
        cl.setExpandAtFiles(false); // "@NAME" is a handle, never picocli's argument file
        cl.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        cl.setUsageHelpWidth(context.session().helpWidth()); // the terminal's, so 80 columns read cleanly
        cl.setOut(context.session().out());
        cl.setErr(context.session().err());
        return cl;
    }

    private static void finishUsage(CommandLine cl, String synopsisHeading) {
        UsageMessageSpec u = cl.getCommandSpec().usageMessage();
        u.synopsisHeading(synopsisHeading);
        if (u.footer().length > 0) {
            u.footerHeading("%nExamples:%n"); // every command's footer is its examples
            String[] f = Arrays.copyOf(u.footer(), u.footer().length + 1);
            f[f.length - 1] = ""; // end the examples with a line break
            u.footer(f);
        }
    }
}
