package io.bpfsh.shell.script;

import io.bpfsh.engine.EngineException;

/**
 * A script input that cannot be run at all: a file that is missing, a directory, an eBPF object, not
 * UTF-8 text. The message begins with the input's name ({@code "x.o: not a bpfsh script: ..."}), so
 * that bpfsh can print it as {@code bpfsh: MESSAGE} and {@code source} as {@code source MESSAGE}.
 */
public class ScriptInputException extends EngineException {
    public ScriptInputException(String message) {
        super(message);
    }

    public ScriptInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
