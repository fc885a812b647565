package io.bpfsh.engine.externs;

import io.bpfsh.engine.EngineException;

/** An extern the object needs cannot be given a value: names the extern, and the file or source at fault. */
public class ExternException extends EngineException {
    public ExternException(String message) {
        super(message);
    }
}
