package io.bpfsh.shell;

import io.bpfsh.engine.EngineException;
import io.bpfsh.shell.commands.CommandContext;
import io.bpfsh.shell.commands.ScriptRunner;
import io.bpfsh.shell.commands.ShellCommands;
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
     * Runs one command.
     *
     * @param location "FILE:LINE" for a script command, null at the prompt
     * @return true when it succeeded
     */
    public boolean run(List<Token> tokens, String location) {
        if (tokens.isEmpty()) {
            return true;
        }
        String name = tokens.get(0).text();
        List<Token> arguments = tokens.subList(1, tokens.size());
        CommandLine command = ShellCommands.forRun(name, context.withTokens(arguments)).orElse(null);
        if (command == null) {
            report(location, new CommandException(unknownCommand(name)));
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
        try {
            code = command.execute(arguments.stream().map(Token::text).toArray(String[]::new));
        } catch (VirtualMachineError | LinkageError e) {
            // picocli passes Errors through; once the failed command's objects are garbage the session
            // can usually go on, so this is one failed command and a --keep-going batch runs its next line
            failure = e;
            code = 1;
        } finally {
            session.out().flush();
        }
        if (failure != null) {
            report(location, failure);
            return false;
        }
        return code == 0;
    }

    /** Splits and runs one line as typed at the prompt or given with -c. */
    public boolean runLine(String line, String location) {
        List<Token> tokens;
        try {
            tokens = Tokenizer.split(line).tokens();
        } catch (SyntaxException e) {
            report(location, e);
            return false;
        }
        return run(tokens, location);
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
        while (!session.exitRequested()) {
            ScriptCommand c;
            try {
                c = reader.next();
            } catch (ScriptSyntaxException e) {
                failures++;
                printError(e.location(), e.getMessage(), e);
                if (e.fatal() || !session.settings().keepGoing()) {
                    break;
                }
                continue;
            }
            if (c == null) {
                break;
            }
            commands++;
            if (!run(c.tokens(), c.location())) {
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

    private void report(String location, Throwable e) {
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
        printError(location, message, e);
    }

    private void printError(String location, String message, Throwable e) {
        session.out().flush();
        PrintWriter err = session.err();
        // escaped whole, line breaks too: an error is one line whatever names it quotes
        err.println(TerminalText.escape((location == null ? "" : location + ": ") + "error: " + message));
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

    /**
     * The message for a word that is no command, with picocli's suggestion of the command it most
     * resembles (its first: picocli lists them most similar first, and the rest are mostly noise).
     */
    private String unknownCommand(String name) {
        List<String> close = new CommandLine.UnmatchedArgumentException(commandLine(), List.of(name)).getSuggestions();
        return "unknown command '" + TerminalText.escape(name) + "'"
                + (close.isEmpty() ? "" : " (did you mean: " + close.get(0) + "?)")
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

    /** Ends the session: closes every FD, unpins nothing. */
    @Override
    public void close() {
        session.close();
    }
}
