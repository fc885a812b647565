package io.bpfsh.shell.commands;

import io.bpfsh.shell.data.LiteralArg;
import io.bpfsh.shell.script.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Stack;
import picocli.CommandLine.IParameterConsumer;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Takes a KEY or VALUE word together with whether it was quoted, which picocli's strings lose: the
 * run's {@link CommandContext} holds the tokenizer's tokens of this command line, and the word's
 * position among them is the number of words already consumed.
 */
final class LiteralConsumer implements IParameterConsumer {
    private final List<Token> tokens;

    LiteralConsumer(CommandContext context) {
        this.tokens = context.tokens();
    }

    @Override
    public void consumeParameters(Stack<String> args, ArgSpec argSpec, CommandSpec commandSpec) {
        int index = tokens.size() - args.size();
        String text = args.pop();
        boolean quoted = index >= 0 && index < tokens.size() && tokens.get(index).text().equals(text)
                && tokens.get(index).quoted();
        LiteralArg arg = new LiteralArg(text, quoted);
        if (argSpec.isMultiValue()) { // KEY... (watch): picocli calls once per word; keep them all
            List<LiteralArg> all = argSpec.getValue() == null ? new ArrayList<>() : new ArrayList<>(argSpec.<List<LiteralArg>>getValue());
            all.add(arg);
            argSpec.setValue(all);
        } else {
            argSpec.setValue(arg);
        }
    }
}
