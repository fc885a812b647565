package io.bpfsh.engine.fs;

import io.bpfsh.engine.EngineException;

/** A pin path that bpfsh refuses before any syscall: outside the bpffs root, '..', dots in names. */
public class PinPathException extends EngineException {
    public PinPathException(String message) {
        super(message);
    }
}
