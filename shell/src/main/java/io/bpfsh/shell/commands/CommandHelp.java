package io.bpfsh.shell.commands;

import java.util.List;
import picocli.CommandLine;

/** One-line views of a command's help: for the help list, JSON, the REPL's description line, typos. */
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

    /**
     * " (did you mean: dump?)" for a word that is no command, with picocli's suggestion of the
     * command it most resembles (its first: picocli lists them most similar first, and the rest are
     * mostly noise), or "" when none resembles it.
     *
     * @param model the model of every command
     */
    public static String didYouMean(CommandLine model, String word) {
        List<String> close = new CommandLine.UnmatchedArgumentException(model, List.of(word)).getSuggestions();
        return close.isEmpty() ? "" : " (did you mean: " + close.get(0) + "?)";
    }
}
