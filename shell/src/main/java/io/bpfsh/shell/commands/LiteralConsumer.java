package io.bpfsh.shell.commands;

import io.bpfsh.shell.Session;
import io.bpfsh.shell.data.LiteralArg;
import io.bpfsh.shell.script.Token;
import java.util.List;
import java.util.Stack;
import picocli.CommandLine.IParameterConsumer;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Takes a KEY or VALUE word together with whether it was quoted, which picocli's strings lose: the
 * word's position in the command is the number of words already consumed, and the session holds the
 * tokens of the command being run.
 */
final class LiteralConsumer implements IParameterConsumer {
    private final Session session;

    LiteralConsumer(Session session) {
        this.session = session;
    }

    @Override
    public void consumeParameters(Stack<String> args, ArgSpec argSpec, CommandSpec commandSpec) {
        List<Token> tokens = session.currentTokens();
        int index = tokens.size() - args.size();
        String text = args.pop();
        boolean quoted = index >= 0 && index < tokens.size() && tokens.get(index).text().equals(text)
                && tokens.get(index).quoted();
        argSpec.setValue(new LiteralArg(text, quoted));
    }
}
