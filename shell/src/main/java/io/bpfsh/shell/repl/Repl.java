package io.bpfsh.shell.repl;

import io.bpfsh.completions.BpfshCompleter;
import io.bpfsh.completions.CommandTable;
import io.bpfsh.engine.Version;
import io.bpfsh.shell.Session;
import io.bpfsh.shell.Settings;
import io.bpfsh.shell.Shell;
import io.bpfsh.shell.output.Output;
import io.bpfsh.shell.output.Palette;
import io.bpfsh.shell.output.TerminalText;
import io.bpfsh.shell.script.ShellParser;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import io.bpfsh.shell.commands.CommandHelp;
import org.jline.console.ArgDesc;
import org.jline.console.CmdDesc;
import org.jline.console.CmdLine;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.completer.AggregateCompleter;
import org.jline.reader.impl.completer.SystemCompleter;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import picocli.CommandLine;
import org.jline.widget.TailTipWidgets;
import picocli.shell.jline3.PicocliCommands;

/**
 * The interactive shell: a JLine line reader over the same {@link Shell} that batch files use, with
 * a prompt that shows the bpffs root and the loaded modules, history, completion (picocli's for
 * command and option names, the completions module's for arguments and option values), and
 * the syntax of the command being typed shown below the line (not on dumb terminals, which cannot
 * draw it). Ctrl-C cancels the line being typed or stops a running dump; Ctrl-D or exit ends it.
 */
public final class Repl {
    /**
     * JLine reports through java.util.logging, whose default handler prints a warning with its stack
     * trace on stderr (a history it cannot save: after every command). Held here so that the level
     * set on it is not lost when the logger is garbage collected.
     */
    private static final Logger JLINE_LOG = Logger.getLogger("org.jline");

    private final Shell shell;
    private final Terminal terminal;
    private final LineReader reader;

    /**
     * @param history the history file (~/.bpfsh_history), or null for none
     */
    public Repl(Settings settings, Terminal terminal, Path history) {
        quietJLineLogging(settings.debug());
        this.terminal = terminal;
        // commands print to the terminal's byte stream (dumps format into a buffer over it), messages
        // through its writer; the shell flushes the one before the other writes
        this.shell = new Shell(settings, new Output(terminal.output()), terminal.writer());
        shell.session().setTerminalWidth(terminal::getWidth);
        // Colour stays off for now: every line the shell prints goes through the escaping writer, which
        // (rightly) shows the ESC of a style as \x1b, so styled text would print its codes literally.
        // Palette.of(terminal, System.getenv()) is the switch once styles are applied after escaping.
        shell.session().setPalette(Palette.PLAIN);
        PicocliCommands commands = new PicocliCommands(shell.commandLine());
        CommandTable table = CommandTable.of(shell.commandLine());
        SystemCompleter completer = commands.compileCompleters();
        completer.compile();
        LineReaderBuilder b = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("bpfsh")
                .parser(new ShellParser())
                .completer(new AggregateCompleter(completer, new BpfshCompleter(table, shell.session())))
                .variable(LineReader.SECONDARY_PROMPT_PATTERN, "> ") // bash's PS2, not a row of '>' as wide as the prompt
                .variable(LineReader.LIST_MAX, 100)
                .variable(LineReader.HISTORY_SIZE, 1000)
                .variable(LineReader.HISTORY_FILE_SIZE, 10000)
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true) // '!' is an ordinary character
                .option(LineReader.Option.HISTORY_IGNORE_SPACE, true);
        if (history != null) {
            b.variable(LineReader.HISTORY_FILE, history);
        }
        this.reader = b.build();
        warmUpCompletion(table, shell);
        if (!isDumb(terminal)) {
            TailTipWidgets tips = new TailTipWidgets(reader, line -> describe(commands, line, terminal), 5,
                    TailTipWidgets.TipType.TAIL_TIP); // COMPLETER also echoes the command under the line
            tips.enable();
        }
    }

    /**
     * The first TAB of a fresh JVM pays for class loading and a cold JIT (about 200 ms on a directory
     * of 10,000 pins); one completion of the bpffs root in the background, while the user reads the
     * banner, pays it instead. It uses a completer of its own, so it shares no cache with the user's.
     */
    private static void warmUpCompletion(CommandTable table, Shell shell) {
        Thread t = new Thread(() -> {
            try {
                ShellParser parser = new ShellParser();
                new BpfshCompleter(table, shell.session()).complete(null, parser.parse("ls ", 3), new java.util.ArrayList<>());
            } catch (RuntimeException e) {
                // only a warm-up: the real completion reports nothing either
            }
        }, "bpfsh-completion-warm-up");
        t.setDaemon(true);
        t.start();
    }

    /** JLine's own log stays silent unless --debug, which shows its warnings with their stack traces. */
    public static void quietJLineLogging(boolean debug) {
        JLINE_LOG.setLevel(debug ? null : Level.OFF);
    }

    /**
     * The history file to use: {@code file} when it can be read and written, else null after one
     * line on {@code err} that says why (the REPL then keeps history for the session only). Checked
     * up front because JLine would otherwise create missing directories, or fail on every command.
     */
    public static Path usableHistory(Path file, PrintWriter err) {
        String why = historyProblem(file.toAbsolutePath().normalize());
        if (why == null) {
            return file;
        }
        err.println("bpfsh: note: history not saved: " + file + ": " + why);
        err.flush();
        return null;
    }

    private static String historyProblem(Path file) {
        Path dir = file.getParent();
        if (dir == null || !Files.exists(dir)) {
            return "no such directory";
        }
        if (!Files.isDirectory(dir)) {
            return "not a directory";
        }
        if (Files.exists(file)) {
            if (Files.isDirectory(file)) {
                return "is a directory";
            }
            return !Files.isWritable(file) ? "not writable" : !Files.isReadable(file) ? "not readable" : null;
        }
        return Files.isWritable(dir) ? null : "not writable";
    }

    /**
     * The description shown below the line: the command's synopsis and first sentence, each on one
     * line that fits the terminal (a line that wraps would leave stale text in the status area), and
     * picocli's option descriptions for when an option is being typed.
     */
    private CmdDesc describe(PicocliCommands commands, CmdLine line, Terminal terminal) {
        if (line.getDescriptionType() != CmdLine.DescriptionType.COMMAND || line.getArgs().isEmpty()) {
            return null;
        }
        String name = line.getArgs().get(0);
        CommandLine sub = shell.commandLine().getSubcommands().get(name);
        if (sub == null) {
            return null;
        }
        int width = Math.max(20, terminal.getWidth() - 1);
        List<AttributedString> main = List.of(
                new AttributedString(fit(CommandHelp.synopsis(sub), width)),
                new AttributedString(fit(CommandHelp.summary(sub), width)));
        CmdDesc picocli = commands.commandDescription(List.of(name));
        return new CmdDesc(main, ArgDesc.doArgNames(List.of("")), picocli.getOptsDesc());
    }

    private static String fit(String s, int width) {
        return s.length() <= width ? s : s.substring(0, width - 3) + "...";
    }

    static boolean isDumb(Terminal t) {
        return Terminal.TYPE_DUMB.equals(t.getType()) || Terminal.TYPE_DUMB_COLOR.equals(t.getType());
    }

    public Shell shell() {
        return shell;
    }

    public LineReader reader() {
        return reader;
    }

    /** Reads and runs commands until exit or end of input; then closes every FD of the session. */
    public void run() {
        Session session = shell.session();
        Terminal.SignalHandler previous = terminal.handle(Terminal.Signal.INT, s -> session.interrupt());
        if (!isDumb(terminal)) {
            session.attachTerminal(terminal); // watch redraws in place
        }
        PrintWriter out = terminal.writer();
        out.println("bpfsh " + Version.get() + " on " + session.bpffs().root()
                + ": 'help' lists the commands, Ctrl-D exits");
        out.flush();
        try {
            while (!session.exitRequested()) {
                String line;
                try {
                    line = reader.readLine(prompt());
                } catch (UserInterruptException e) {
                    continue; // Ctrl-C: drop the line being typed
                } catch (EndOfFileException e) {
                    break; // Ctrl-D
                }
                shell.runLine(line, null);
            }
        } finally {
            terminal.handle(Terminal.Signal.INT, previous);
            try {
                reader.getHistory().save();
            } catch (IOException e) {
                session.err().println("bpfsh: cannot save the history: " + e.getMessage());
            }
            shell.close();
            out.flush();
        }
    }

    /** "bpfsh /sys/fs/bpf> ", or "bpfsh /sys/fs/bpf [custom global]> " with modules loaded. */
    String prompt() {
        Session s = shell.session();
        List<String> modules = s.moduleNames();
        // module names come from file names; JLine prints the prompt as it is
        return TerminalText.escape("bpfsh " + s.bpffs().root() + (modules.isEmpty() ? "" : " [" + String.join(" ", modules)
                + "]") + "> ");
    }
}
