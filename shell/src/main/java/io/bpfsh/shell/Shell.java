package io.bpfsh.shell;

import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.sys.SyscallTrace;
import io.bpfsh.shell.commands.CommandContext;
import io.bpfsh.shell.commands.CommandHelp;
import io.bpfsh.shell.commands.ScriptRunner;
import io.bpfsh.shell.commands.ShellCommands;
import io.bpfsh.shell.output.JsonWriter;
import io.bpfsh.shell.output.TracePrinter;
import io.bpfsh.shell.script.CommandText;
import io.bpfsh.shell.script.ScriptCommand;
import io.bpfsh.shell.script.ScriptInputException;
import io.bpfsh.shell.script.ScriptReader;
import io.bpfsh.shell.script.ScriptResult;
import io.bpfsh.shell.script.ScriptSyntaxException;
import io.bpfsh.shell.script.SyntaxException;
import io.bpfsh.shell.script.Token;
import io.bpfsh.shell.script.Tokenizer;
import java.io.IOException;
import java.io.InputStream;
import io.bpfsh.shell.output.Output;
import io.bpfsh.shell.output.TerminalPrinter;
import io.bpfsh.shell.output.TerminalText;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;

/**
 * The one execution path of bpfsh: the REPL, batch files, {@code -c} and {@code source} all hand
 * their words to {@link #run(List, String)}, which runs each through a fresh picocli CommandLine of
 * its command (see {@link ShellCommands}) against the same {@link Session}, and reports a failure as
 * one line: {@code FILE:LINE: error: MESSAGE} in scripts, {@code error: MESSAGE} at the prompt.
 */
public final class Shell implements AutoCloseable, ScriptRunner {
    private final Session session;
    private final CommandContext context;
    private CommandLine model;
    private Throwable failure;
    private boolean outputClosed;
    private int sourceDepth;

    /** What is printed through {@code out} and {@code err} is escaped ({@link TerminalPrinter}). */
    public Shell(Settings settings, Output out, PrintWriter err) {
        this.session = new Session(settings, out, err instanceof TerminalPrinter ? err : new TerminalPrinter(err, true));
        this.context = new CommandContext(session, this, this::commandLine, List.of());
    }

    public Session session() {
        return session;
    }

    /**
     * The model of every command, built on first use: the REPL builds its completion and tips from
     * it and {@code help} lists it. Commands never run through it.
     */
    public CommandLine commandLine() {
        if (model == null) {
            model = ShellCommands.model(context);
        }
        return model;
    }

    /**
     * --echo: the command as "bpfsh> COMMAND" before its output, so that a batch reads as a
     * transcript; on stderr with --json, where stdout holds only documents.
     */
    private void echo(List<Token> tokens) {
        PrintWriter w = session.json() ? session.err() : session.out();
        w.println("bpfsh> " + CommandText.of(tokens));
        w.flush();
    }

    /**
     * Runs one command of a script.
     *
     * @return true when it succeeded
     */
    public boolean run(ScriptCommand c) {
        return run(c.tokens(), new Where(c.location(), c.line()));
    }

    /**
     * Where a command was written, for its error: {@code location} is "FILE:LINE" in a script and
     * null at the prompt; {@code line} is that line, or 0 at the prompt.
     */
    private record Where(String location, int line) {
        static final Where PROMPT = new Where(null, 0);
    }

    private boolean run(List<Token> tokens, Where where) {
        if (tokens.isEmpty()) {
            return true;
        }
        if (session.settings().echo()) {
            echo(tokens);
        }
        String name = tokens.get(0).text();
        List<Token> arguments = tokens.subList(1, tokens.size());
        CommandLine command = ShellCommands.forRun(name, context.withTokens(arguments)).orElse(null);
        if (command == null) {
            report(where, tokens, new CommandException(unknownCommand(name)));
            return false;
        }
        failure = null;
        command.setExecutionExceptionHandler((ex, cl, parseResult) -> {
            failure = ex;
            return 1;
        });
        command.setParameterExceptionHandler((ex, args) -> {
            failure = ex;
            return 2;
        });
        session.clearInterrupt();
        int code;
        boolean tracing = session.tracing(); // only while a command runs: completion is not traced
        if (tracing) {
            SyscallTrace.listen(new TracePrinter(session.out(), session.err()));
        }
        try {
            code = command.execute(arguments.stream().map(Token::text).toArray(String[]::new));
        } catch (VirtualMachineError | LinkageError e) {
            // picocli passes Errors through; once the failed command's objects are garbage the session
            // can usually go on, so this is one failed command and a --keep-going batch runs its next line
            failure = e;
            code = 1;
        } finally {
            if (tracing) {
                SyscallTrace.listen(null);
            }
            session.out().flush();
        }
        if (session.outputClosed()) {
            outputClosed = true; // nobody reads what follows, an error included: end quietly
            return false;
        }
        if (failure != null) {
            report(where, tokens, failure);
            return false;
        }
        return code == 0;
    }

    /**
     * Splits and runs one line as typed at the prompt; commands separated by {@code ;} all run, and
     * it succeeded when every one did.
     *
     * @param location how to name it in an error, or null at the prompt
     */
    public boolean runLine(String line, String location) {
        Where where = location == null ? Where.PROMPT : new Where(location, 0);
        List<List<Token>> commands;
        try {
            commands = Tokenizer.split(line).commands();
        } catch (SyntaxException e) {
            report(where, null, e);
            return false;
        }
        boolean ok = true;
        for (List<Token> c : commands) { // 'ls; maps': each in turn, as bash runs them, until exit
            ok &= run(c, where);
            if (session.exitRequested()) {
                break;
            }
        }
        return ok;
    }

    /**
     * Runs a script: stops at the first failing command unless --keep-going, and at {@code exit}.
     * Every failure is reported as {@code ORIGIN:LINE: error: MESSAGE}; an error about the input
     * itself (a line too long, not UTF-8) ends it even with --keep-going.
     *
     * @throws ScriptInputException when the input is not a script at all (an eBPF object, not UTF-8
     *                              from its first line); nothing has run then
     */
    public ScriptResult runScript(ScriptReader reader) throws IOException, ScriptInputException {
        int commands = 0;
        int failures = 0;
        while (!session.exitRequested() && !outputClosed) {
            ScriptCommand c;
            try {
                c = reader.next();
            } catch (ScriptSyntaxException e) {
                failures++;
                printError(new Where(e.location(), e.line()), null, e.getMessage(), e);
                if (e.fatal() || !session.settings().keepGoing()) {
                    break;
                }
                continue;
            }
            if (c == null) {
                break;
            }
            commands++;
            if (!run(c)) {
                failures++;
                if (!session.settings().keepGoing()) {
                    break;
                }
            }
        }
        return new ScriptResult(commands, failures);
    }

    /**
     * Runs a script file; relative files named inside it resolve against its directory.
     *
     * @param origin how the file is named in messages
     * @throws ScriptInputException when the file cannot be read or is not a script; its message
     *                              begins with {@code origin}: "x.o: not a bpfsh script: ..."
     */
    public ScriptResult runFile(Path file, String origin) throws ScriptInputException {
        if (Files.isDirectory(file)) {
            throw new ScriptInputException(origin + ": is a directory");
        }
        session.pushBaseDirectory(file.toAbsolutePath().getParent());
        try (InputStream in = Files.newInputStream(file)) {
            return runScript(new ScriptReader(in, origin, true));
        } catch (NoSuchFileException e) {
            throw new ScriptInputException(origin + ": no such file", e);
        } catch (AccessDeniedException e) {
            throw new ScriptInputException(origin + ": permission denied", e);
        } catch (IOException e) {
            throw new ScriptInputException(origin + ": " + reason(e), e);
        } finally {
            session.popBaseDirectory();
        }
    }

    @Override
    public ScriptResult source(Path file, String origin) throws CommandException {
        if (sourceDepth >= MAX_SOURCE_DEPTH) {
            throw new CommandException("source " + origin + ": nested more than " + MAX_SOURCE_DEPTH
                    + " deep (does it source itself?)");
        }
        sourceDepth++;
        try {
            return runFile(file, origin);
        } catch (ScriptInputException e) {
            throw new CommandException("source " + e.getMessage());
        } finally {
            sourceDepth--;
        }
    }

    private void report(Where where, List<Token> tokens, Throwable e) {
        if (e instanceof ReportedFailure) {
            return; // its errors are printed where they happened
        }
        String message;
        if (e instanceof CommandLine.ParameterException pe) {
            message = usageMessage(pe);
        } else if (e instanceof EngineException) {
            message = e.getMessage();
        } else if (e instanceof OutOfMemoryError) {
            message = "out of memory (" + e.getMessage() + "); the command was abandoned"
                    + " (more heap: BPFSH_JAVA_OPTS=-Xmx1g ./bpfsh ...)";
        } else if (e instanceof StackOverflowError) {
            message = "stack overflow; the command was abandoned";
        } else {
            message = "internal error: " + e + (session.settings().debug() ? "" : " (run with --debug for details)");
        }
        printError(where, tokens, message, e);
    }

    /**
     * The error line on stderr; with --json also {@code {"error": ..., "command": ..., "line": ...}}
     * on stdout, so that every command of a batch leaves exactly one document there.
     *
     * @param tokens the failed command's words, or null when the text could not be split
     */
    private void printError(Where where, List<Token> tokens, String message, Throwable e) {
        if (session.json()) {
            JsonWriter w = session.output().json().beginObject().field("error", message).name("command");
            if (tokens == null) {
                w.nullValue();
            } else {
                w.value(CommandText.of(tokens));
            }
            w.name("line");
            if (where.line() > 0) {
                w.value(where.line());
            } else {
                w.nullValue();
            }
            w.endObject().endDocument();
        }
        session.out().flush();
        PrintWriter err = session.err();
        // escaped whole, line breaks too: an error is one line whatever names it quotes
        err.println(session.palette().error(
                TerminalText.escape((where.location() == null ? "" : where.location() + ": ") + "error: " + message)));
        if (session.settings().debug() && e != null) {
            e.printStackTrace(err);
        }
        err.flush();
    }

    /** picocli's message, prefixed with the command and followed by where to find its syntax. */
    private static String usageMessage(CommandLine.ParameterException pe) {
        String cmd = pe.getCommandLine().getCommandName();
        String m = pe.getMessage();
        if (m != null && m.startsWith("Error: ")) {
            m = m.substring("Error: ".length()); // picocli's wording for @ArgGroup violations; ours says error once
        }
        if (m != null && m.endsWith(".")) {
            m = m.substring(0, m.length() - 1);
        }
        return cmd + ": " + m + " (see: help " + cmd + ")";
    }

    /** The message for a word that is no command, with the command it most resembles. */
    private String unknownCommand(String name) {
        return "unknown command '" + TerminalText.escape(name) + "'" + CommandHelp.didYouMean(commandLine(), name)
                + "; 'help' lists the commands";
    }


    /** "Input/output error" for an IOException on a file: the reason without the path it repeats. */
    static String reason(IOException e) {
        if (e instanceof java.nio.file.FileSystemException fse && fse.getReason() != null) {
            return fse.getReason().toLowerCase(java.util.Locale.ROOT);
        }
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }

    /**
     * Whether a command found stdout closed (a pipe whose reader exited); the batch then ended, and
     * bpfsh exits as a tool killed by SIGPIPE would, with 141.
     */
    public boolean outputClosed() {
        return outputClosed;
    }

    /** Ends the session: closes every FD, unpins nothing. */
    @Override
    public void close() {
        session.close();
    }
}
