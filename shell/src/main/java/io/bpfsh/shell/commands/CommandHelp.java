package io.bpfsh.shell.commands;

import picocli.CommandLine;

/** One-line views of a command's help: for the help list, JSON, and the REPL's description line. */
public final class CommandHelp {
    private CommandHelp() {
    }

    /** "load [--dry-run] [--as=NAME] ... FILE" on one line, without the "Usage:" heading. */
    public static String synopsis(CommandLine cl) {
        return cl.getHelp().synopsis(0).strip().replaceAll("\\s+", " ");
    }

    /** The first sentence of a command's description. */
    public static String summary(CommandLine cl) {
        String[] d = cl.getCommandSpec().usageMessage().description();
        if (d.length == 0) {
            return "";
        }
        String first = d[0];
        int dot = first.indexOf(". ");
        return dot > 0 ? first.substring(0, dot + 1) : first;
    }
}
