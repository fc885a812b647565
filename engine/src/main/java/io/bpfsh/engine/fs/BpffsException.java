package io.bpfsh.engine.fs;

import io.bpfsh.engine.EngineException;

/** bpffs is missing, not mountable, or a file operation on it failed; the message names the path. */
public class BpffsException extends EngineException {
    public BpffsException(String message) {
        super(message);
    }

    public BpffsException(String message, Throwable cause) {
        super(message, cause);
    }
}
