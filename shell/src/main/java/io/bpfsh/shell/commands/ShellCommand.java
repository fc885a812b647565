package io.bpfsh.shell.commands;

import io.bpfsh.completions.ArgKind;
import io.bpfsh.completions.Completes;
import io.bpfsh.engine.EngineException;
import io.bpfsh.shell.Session;
import io.bpfsh.shell.output.JsonWriter;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Option;

/**
 * The common frame of a shell command: the session it works on, -h/--help, and where to print.
 * A command resolves its REF, calls the engine and prints; an {@link EngineException} it throws is
 * reported by the shell as one line.
 */
abstract class ShellCommand implements Callable<Integer> {
    /** The session the command works on; set by {@link CommandFactory} right after construction. */
    protected Session session;
    private CommandContext context;

    @Completes(ArgKind.FLAG)
    @Option(names = {"-h", "--help"}, usageHelp = true, hidden = true, description = "Show this help with examples.")
    private boolean help;

    /** Called once by the factory that made this command for one run. */
    final void attach(CommandContext runContext) {
        this.context = runContext;
        this.session = runContext.session();
    }

    /** What this run was made with: the session, script running, the command model, the tokens. */
    protected CommandContext context() {
        return context;
    }

    @Override
    public final Integer call() throws EngineException {
        execute();
        return 0;
    }

    protected abstract void execute() throws EngineException;

    protected PrintWriter out() {
        return session.out();
    }

    /**
     * A line that says what the command did ("updated key: 7  value: 42", "pinned ..."): printed
     * unless --quiet, which keeps results and errors only. Not for JSON, which is always printed.
     */
    protected void confirm(String line) {
        if (!session.settings().quiet()) {
            out().println(line);
        }
    }

    protected boolean json() {
        return session.json();
    }

    /** A writer for this command's one JSON document; end it with {@link JsonWriter#endDocument()}. */
    protected JsonWriter jsonWriter() {
        return session.output().json();
    }
}
