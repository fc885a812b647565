package io.bpfsh.shell;

import io.bpfsh.shell.output.Output;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.io.StringWriter;
import java.nio.file.Path;

/**
 * A shell whose output and errors are captured, on a test's own bpffs root: the same Shell, and so
 * the same picocli CommandLine, that the REPL and batch files use.
 */
public final class TestShell implements AutoCloseable {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final StringWriter err = new StringWriter();
    private final Shell shell;

    public TestShell(Path root) {
        this(root, false);
    }

    public TestShell(Path root, boolean json) {
        shell = new Shell(new Settings(root, json, true, false, false), new Output(out),
                new PrintWriter(err, true));
    }

    public Shell shell() {
        return shell;
    }

    public Session session() {
        return shell.session();
    }

    /** Runs one line as typed at the prompt; true when it succeeded. */
    public boolean run(String line) {
        return shell.runLine(line, null);
    }

    /** Runs a line that must succeed and returns what it printed. */
    public String ok(String line) {
        if (!run(line)) {
            throw new AssertionError("'" + line + "' failed: " + takeErr() + "\nstdout: " + takeOut());
        }
        String e = takeErr();
        if (!e.isEmpty()) {
            throw new AssertionError("'" + line + "' printed on stderr: " + e);
        }
        return takeOut();
    }

    /** Runs a line that must fail and returns its error line (without the trailing line break). */
    public String fails(String line) {
        if (run(line)) {
            throw new AssertionError("'" + line + "' succeeded: " + takeOut());
        }
        takeOut();
        return takeErr().stripTrailing();
    }

    /** What was printed so far, left in place: for a thread that waits for a line of a command still running. */
    public String peekOut() {
        return out.toString();
    }

    public String takeOut() {
        shell.session().output().flush();
        String s = out.toString(StandardCharsets.UTF_8);
        out.reset();
        return s;
    }

    public String takeErr() {
        String s = err.toString();
        err.getBuffer().setLength(0);
        return s;
    }

    @Override
    public void close() {
        shell.close();
    }
}
