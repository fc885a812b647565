package io.bpfsh.shell;

import io.bpfsh.shell.commands.BpfshCommand;
import io.bpfsh.shell.output.Output;
import io.bpfsh.shell.output.TerminalPrinter;
import io.bpfsh.shell.repl.Repl;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine;

/** Entry point of ./bpfsh: parses the global options and runs the REPL or a batch. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.in, System.out, System.err, System.console() != null));
    }

    /**
     * Runs bpfsh and returns its exit code.
     *
     * @param interactive start the REPL on the system terminal when no FILE or -c is given; when
     *                    false (stdin or stdout is not a terminal) commands are read from stdin
     */
    public static int run(String[] args, InputStream stdin, PrintStream stdout, PrintStream stderr, boolean interactive) {
        Output out = new Output(stdout);
        // escaped (TerminalPrinter) for bpfsh's own messages too: a FILE named with control characters
        PrintWriter err = new TerminalPrinter(new OutputStreamWriter(stderr, StandardCharsets.UTF_8), true);
        BpfshCommand.Console console = new BpfshCommand.Console() {
            @Override
            public InputStream stdin() {
                return stdin;
            }

            @Override
            public boolean interactive() {
                return interactive;
            }

            @Override
            public int repl(Settings settings) {
                return runRepl(settings, err);
            }
        };
        CommandLine cl = new CommandLine(new BpfshCommand(console, out, err));
        cl.setOut(out.text());
        cl.setErr(err);
        cl.setExpandAtFiles(false);
        cl.setParameterExceptionHandler((e, args1) -> {
            // one line, not the whole help: a typo should not scroll the mistake off the screen
            String m = e.getMessage() == null ? "bad arguments" : e.getMessage();
            err.println("bpfsh: " + (m.endsWith(".") ? m.substring(0, m.length() - 1) : m) + " (see bpfsh --help)");
            err.flush();
            return 2;
        });
        cl.setExecutionExceptionHandler((e, c, parseResult) -> {
            err.println("bpfsh: internal error: " + e);
            e.printStackTrace(err);
            return 1;
        });
        int code;
        try {
            code = cl.execute(args);
        } catch (VirtualMachineError e) {
            // outside any one command (Shell.run reports those): still one line, not a JVM stack trace
            out.flush();
            err.println("bpfsh: error: " + e);
            code = 1;
        }
        out.flush();
        err.flush();
        return code;
    }

    /**
     * The model of bpfsh's own command line, never run: what the release's man page and bash
     * completion script are generated from at build time.
     */
    public static CommandLine commandLine() {
        return new CommandLine(new BpfshCommand(null, new Output(java.io.OutputStream.nullOutputStream()),
                new PrintWriter(java.io.Writer.nullWriter())));
    }

    private static int runRepl(Settings settings, PrintWriter err) {
        Repl.quietJLineLogging(settings.debug()); // before the terminal, which logs too
        Path history = Repl.usableHistory(Path.of(System.getProperty("user.home"), ".bpfsh_history"), err);
        Terminal terminal;
        try {
            terminal = TerminalBuilder.builder().name("bpfsh").system(true).dumb(true).build();
        } catch (IOException e) {
            err.println("bpfsh: cannot open the terminal: " + e.getMessage());
            return 1;
        }
        try (terminal) {
            new Repl(settings, terminal, history).run();
            return 0;
        } catch (IOException e) {
            err.println("bpfsh: closing the terminal: " + e.getMessage());
            return 0;
        }
    }
}
