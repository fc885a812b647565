package io.bpfsh.shell.commands;

import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.Version;
import io.bpfsh.engine.fs.Bpffs;
import io.bpfsh.shell.Settings;
import io.bpfsh.shell.output.Output;
import io.bpfsh.shell.Shell;
import io.bpfsh.shell.script.ScriptInputException;
import io.bpfsh.shell.script.ScriptReader;
import io.bpfsh.shell.script.ScriptResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The {@code bpfsh} command line: global options, then the REPL (no FILE and no -c) or a batch
 * (FILE, "-" for stdin, or -c). Exit codes: 0 success, 1 a command failed (a command's usage error
 * inside a batch included), 2 a usage error in bpfsh's own arguments.
 */
@Command(name = "bpfsh", sortOptions = false, usageHelpAutoWidth = true,
        versionProvider = BpfshCommand.VersionProvider.class,
        description = {"A shell for eBPF objects and their pins on bpffs.",
                "Without FILE or -c it starts an interactive shell. With FILE (or '-' for stdin) or -c it "
                        + "runs the commands as a batch, stopping at the first that fails with "
                        + "FILE:LINE: error: MESSAGE on stderr. In a batch, '#' starts a comment outside "
                        + "quotes and a trailing '\\' continues a line."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every command succeeded",
                "1:a command failed; in a batch or -c this includes a command's own usage error (an "
                        + "unknown command or option, a missing argument)",
                "2:a usage error in bpfsh's own arguments: an unknown option, FILE and -c together, a FILE "
                        + "that cannot be read or is not a bpfsh script",
                "141:stdout was closed (bpfsh ... | head): the batch stopped there, as SIGPIPE stops a shell tool"},
        footerHeading = "%nExamples:%n",
        footer = {"  bpfsh                                   the interactive shell",
                "  bpfsh samples/tour.bpfsh                run a batch file",
                "  bpfsh --bpffs /sys/fs/bpf/demo -c 'load samples/gobpf_global.o' -c 'maps'",
                "  echo 'ls -R' | bpfsh -"})
public final class BpfshCommand implements Callable<Integer> {
    /** Where the command reads stdin and what it runs the REPL with. */
    public interface Console {
        InputStream stdin();

        /** Whether to start the REPL when no FILE or -c is given (false: read commands from stdin). */
        boolean interactive();

        /** Runs the REPL with these settings and returns the exit code. */
        int repl(Settings settings);
    }

    /** 128 + SIGPIPE: what a shell reports for a tool whose output pipe closed. */
    public static final int EXIT_BROKEN_PIPE = 141;

    private final Console console;
    private final Output out;
    private final PrintWriter err;

    @Option(names = "--bpffs", paramLabel = "DIR",
            description = "The bpffs root that relative pin paths resolve under (default: /sys/fs/bpf); a "
                    + "relative DIR is relative to the working directory. A DIR inside a mounted bpffs needs no "
                    + "mount. bpfsh mounts a bpffs by itself only at /sys/fs/bpf (for the first command that "
                    + "needs one, saying so on stderr); anywhere else the command fails, since a mistyped DIR "
                    + "would get a private bpffs: run mount to mount one there deliberately. Nothing is "
                    + "mounted for commands that do not touch bpffs (help, modules, --version).")
    private Path bpffs = Bpffs.DEFAULT_ROOT;

    @Option(names = "--json", description = "Machine-readable output: one JSON document per command, one a line, on stdout. "
                    + "A failed command prints {\"error\": MESSAGE, \"command\": ..., \"line\": N} there, "
                    + "besides its line on stderr. The shapes are in docs/json.md.")
    private boolean json;

    @Option(names = "--no-mount", description = "Never mount bpffs: a command that needs bpffs fails when DIR is "
            + "not on one (a missing DIR inside a mounted bpffs is fine).")
    private boolean noMount;

    @Option(names = "--debug", description = "Print stack traces with errors.")
    private boolean debug;

    @Option(names = "-c", paramLabel = "COMMAND", description = "Run this command (repeatable; in order, as a batch).")
    private List<String> commands = new ArrayList<>();

    @Option(names = "--keep-going", description = "In a batch, run on after a failed command (the exit code is still 1).")
    private boolean keepGoing;

    @Option(names = {"-q", "--quiet"}, description = "Print only results and errors: not what a command did "
            + "(\"updated key: 7 ...\", \"pinned ...\", what load created), so a batch of 10,000 updates prints nothing.")
    private boolean quiet;

    @Option(names = "--echo", description = "Print each command as 'bpfsh> COMMAND' before its output, so that "
            + "a batch reads as a transcript (for tours in front of a class).")
    private boolean echo;

    @Option(names = "--trace", description = "Print every system call bpfsh makes for BPF on stderr as it "
            + "happens: the bpf(2) command with the attr fields that matter by name, perf_event_open, mount "
            + "and mmap, each with its result (a new FD, 0 or the errno name) and how long it took. In the "
            + "interactive shell 'trace on' and 'trace off' switch it.")
    private boolean trace;

    @Option(names = {"-V", "--version"}, versionHelp = true, description = "Print the version and exit.")
    private boolean version;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    @Parameters(arity = "0..1", paramLabel = "FILE", description = "A .bpfsh batch file, or '-' for stdin.")
    private String file;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public BpfshCommand(Console console, Output out, PrintWriter err) {
        this.console = console;
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        if (file != null && !commands.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give either FILE or -c, not both");
        }
        // absolute from here on, so that every message shows where the root really is
        Settings settings = new Settings(bpffs.toAbsolutePath().normalize(), json, noMount, debug, keepGoing,
                quiet, echo, trace);
        if (file == null && commands.isEmpty() && console.interactive()) {
            return console.repl(settings);
        }
        try (Shell shell = new Shell(settings, out, err)) {
            ScriptResult r;
            if (!commands.isEmpty()) {
                r = shell.runScript(ScriptReader.of(String.join("\n", commands), "-c"));
            } else if (file == null || file.equals("-")) {
                r = shell.runScript(new ScriptReader(console.stdin(), "<stdin>", false));
            } else {
                r = shell.runFile(Path.of(file), file);
            }
            if (shell.outputClosed()) {
                return EXIT_BROKEN_PIPE;
            }
            return r.ok() ? 0 : 1;
        } catch (ScriptInputException e) {
            // FILE (or stdin) cannot be run as a script: nothing ran; a usage error
            err.println("bpfsh: " + e.getMessage());
            err.flush();
            return 2;
        } catch (EngineException e) {
            err.println("bpfsh: error: " + e.getMessage());
            err.flush();
            return 1;
        } catch (IOException e) {
            err.println("bpfsh: error: reading the commands failed: " + e.getMessage());
            err.flush();
            return 1;
        } finally {
            out.flush();
        }
    }

    /** "bpfsh 0.1.0" from the engine's version.properties. */
    public static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"bpfsh " + Version.get()};
        }
    }
}
