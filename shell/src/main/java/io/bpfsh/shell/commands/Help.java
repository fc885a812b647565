package io.bpfsh.shell.commands;

import io.bpfsh.completions.ArgKind;
import io.bpfsh.completions.Completes;
import io.bpfsh.shell.CommandException;
import io.bpfsh.shell.output.JsonWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Column;
import picocli.CommandLine.Help.TextTable;
import picocli.CommandLine.Parameters;

@Command(name = "help",
        description = "List the commands, or show one command's syntax, options and examples.",
        footer = {"  help", "  help dump", "  dump --help        (the same)"})
final class Help extends ShellCommand {
    private static final CommandLine.Help.ColorScheme PLAIN = CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF);

    @Completes(ArgKind.COMMAND)
    @Parameters(arity = "0..1", paramLabel = "COMMAND", description = "The command to explain.")
    private String command;

    @Override
    protected void execute() throws CommandException {
        if (command != null) {
            // the usage `COMMAND --help` prints: of the command on its own, not as the model's subcommand
            CommandLine sub = ShellCommands.forRun(command, context()).orElseThrow(() ->
                    new CommandException("help: no command '" + command + "'"
                            + CommandHelp.didYouMean(context().commands().get(), command) + "; 'help' lists the commands"));
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
        Map<String, CommandLine> commands = context().commands().get().getSubcommands();
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
        int width = session.helpWidth();
        paragraph(out, width, "Commands (help COMMAND, or COMMAND --help, shows options and examples):");
        TextTable list = TextTable.forColumns(PLAIN, new Column(11, 2, Column.Overflow.SPAN),
                new Column(width - 11, 0, Column.Overflow.WRAP));
        for (Map.Entry<String, CommandLine> e : commands.entrySet()) {
            list.addRowValues(e.getKey(), CommandHelp.summary(e.getValue()));
        }
        out.print(list);
        out.println();
        paragraph(out, width, "A REF names a kernel object: MODULE:NAME (a map, or a program by section, of a "
                + "loaded module), @NAME (a handle opened with get), id:N (a map or program by kernel id; the map "
                + "when both have that id; id:map:N or id:prog:N to say which), or a pin path, absolute or "
                + "relative to the bpffs root (" + session.bpffs().root() + ").");
        paragraph(out, width, "KEY and VALUE: an integer (42, 0x2a, -1), hex:0a0b0c0d (exactly the size), "
                + "or a quoted string.");
    }

    /** Printed a line at a time: each println is one line of output (line breaks inside one are escaped). */
    private static void paragraph(PrintWriter out, int width, String text) {
        wrapped(width, text).lines().forEach(out::println);
    }

    /** A paragraph wrapped at word boundaries to the width, as picocli wraps descriptions. */
    private static String wrapped(int width, String text) {
        TextTable t = TextTable.forColumns(PLAIN, new Column(width, 0, Column.Overflow.WRAP));
        t.addRowValues(text);
        return t.toString().stripTrailing();
    }
}
