package io.bpfsh.shell.commands;

import io.bpfsh.shell.CommandException;
import io.bpfsh.shell.Shell;
import io.bpfsh.shell.output.JsonWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "help",
        description = "List the commands, or show one command's syntax, options and examples.",
        footerHeading = "%nExamples:%n",
        footer = {"  help", "  help dump", "  dump --help        (the same)"})
final class Help extends ShellCommand {
    private final Shell shell;

    @Parameters(arity = "0..1", paramLabel = "COMMAND", description = "The command to explain.")
    private String command;

    Help(Shell shell) {
        super(shell.session());
        this.shell = shell;
    }

    @Override
    protected void execute() throws CommandException {
        Map<String, CommandLine> commands = shell.commandLine().getSubcommands();
        if (command != null) {
            CommandLine sub = commands.get(command);
            if (sub == null) {
                throw new CommandException("help: no command '" + command + "'; 'help' lists the commands");
            }
            if (json()) {
                StringWriter usage = new StringWriter();
                sub.usage(new PrintWriter(usage));
                jsonWriter().beginObject().field("command", command).field("usage", usage.toString())
                        .endObject().endDocument();
            } else {
                sub.usage(out());
            }
            return;
        }
        if (json()) {
            JsonWriter w = jsonWriter().beginObject().name("commands").beginArray();
            for (Map.Entry<String, CommandLine> e : commands.entrySet()) {
                w.beginObject().field("name", e.getKey()).field("synopsis", CommandHelp.synopsis(e.getValue()))
                        .field("description", CommandHelp.summary(e.getValue())).endObject();
            }
            w.endArray().endObject().endDocument();
            return;
        }
        PrintWriter out = out();
        out.println("Commands (help COMMAND, or COMMAND --help, shows options and examples):");
        for (Map.Entry<String, CommandLine> e : commands.entrySet()) {
            out.println(String.format("  %-8s %s", e.getKey(), CommandHelp.summary(e.getValue())));
        }
        out.println();
        out.println("A REF names a kernel object: MODULE:NAME (a map, or a program by section, of a loaded");
        out.println("module), @NAME (a handle opened with get), id:N (a map or program by kernel id; the map");
        out.println("when both have that id), or a pin path, absolute or relative to the bpffs root");
        out.println("(" + session.bpffs().root() + ").");
        out.println("KEY and VALUE: an integer (42, 0x2a, -1), hex:0a0b0c0d (exactly the size), or a quoted string.");
    }
}
