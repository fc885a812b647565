package io.bpfsh.shell.commands;

import io.bpfsh.shell.Session;
import io.bpfsh.shell.script.Token;
import java.util.List;
import java.util.function.Supplier;
import picocli.CommandLine;

/**
 * What one run of a command is made with (see {@link CommandFactory}): the session, how to source a
 * script, the model of every command (for {@code help}), and the command's words as the tokenizer
 * split them, so that a KEY or VALUE literal learns whether it was quoted.
 */
public record CommandContext(Session session, ScriptRunner scripts, Supplier<CommandLine> commands, List<Token> tokens) {
    public CommandContext {
        tokens = List.copyOf(tokens);
    }

    /** The same context for another command line's words. */
    public CommandContext withTokens(List<Token> words) {
        return new CommandContext(session, scripts, commands, words);
    }
}
