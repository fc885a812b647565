package io.bpfsh.engine;

/**
 * Base of every error the engine reports for bad input or a refused kernel operation.
 *
 * <p>The message is one line that names what failed, on what (file, section, path, map) and why,
 * so that a caller can print {@link #getMessage()} alone. Callers that want to tell failures apart
 * catch the subclasses.
 */
public class EngineException extends Exception {
    public EngineException(String message) {
        super(message);
    }

    public EngineException(String message, Throwable cause) {
        super(message, cause);
    }
}
