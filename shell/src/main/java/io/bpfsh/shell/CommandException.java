package io.bpfsh.shell;

import io.bpfsh.engine.EngineException;

/**
 * A user error found by the shell itself (an unknown module, a malformed literal, a taken handle
 * name): one line, printed like the engine's errors.
 */
public class CommandException extends EngineException {
    public CommandException(String message) {
        super(message);
    }
}
