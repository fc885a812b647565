package io.bpfsh.shell.commands;

import io.bpfsh.completions.ArgKind;
import io.bpfsh.completions.Completes;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "echo",
        description = {"Print the words, separated by one space: headings and notes in a script or a tour.",
                "With --json it prints {\"echo\": TEXT}; --quiet does not hide it."},
        footer = {"  echo Step 1: load the object and look at its maps",
                "  echo 'two  spaces kept in quotes'",
                "  echo                               an empty line"})
final class Echo extends ShellCommand {
    @Completes(ArgKind.TEXT)
    @Parameters(arity = "0..*", paramLabel = "TEXT", description = "The words to print.")
    private List<String> words = new ArrayList<>();

    @Override
    protected void execute() {
        String text = String.join(" ", words);
        if (json()) {
            jsonWriter().beginObject().field("echo", text).endObject().endDocument();
        } else {
            out().println(text);
        }
    }
}
