package io.bpfsh.shell.commands;

import io.bpfsh.shell.CommandException;
import io.bpfsh.shell.script.ScriptResult;
import java.nio.file.Path;

/**
 * How {@code source} runs a script in the session it is typed in. The shell implements it; the
 * commands know only this, so the shell and its commands do not depend on each other.
 */
public interface ScriptRunner {
    /** How deep {@code source} nests: a script that sources itself would recurse until the stack overflows. */
    int MAX_SOURCE_DEPTH = 16;

    /**
     * Runs a script named by {@code source}, nested at most {@value #MAX_SOURCE_DEPTH} deep.
     *
     * @throws CommandException "source ORIGIN: ..." when it is nested too deep or cannot be run
     */
    ScriptResult source(Path file, String origin) throws CommandException;
}
