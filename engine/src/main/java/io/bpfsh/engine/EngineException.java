package io.bpfsh.engine;

/**
 * Base of every error the engine reports for bad input or a refused kernel operation.
 *
 * <p>The message is one line that names what failed, on what (file, section, path, map) and why,
 * so that a caller can print {@link #getMessage()} alone. Callers that want to tell failures apart
 * catch the subclasses; a layer that knows more of the context adds it with {@link #withContext},
 * which keeps the exception (and so its class and fields, such as a verifier log) rather than
 * wrapping it.
 */
public class EngineException extends Exception {
    private String context = "";

    /** Control characters in the message (names from a hostile object file) are escaped: it stays one line. */
    public EngineException(String message) {
        super(ControlCharacters.escape(message));
    }

    public EngineException(String message, Throwable cause) {
        super(ControlCharacters.escape(message), cause);
    }

    /**
     * Puts {@code "where: "} before the message, e.g. the object file and map a kernel error came
     * from, and returns this same exception, to be rethrown: {@code throw e.withContext(file + ": map x")}.
     */
    public EngineException withContext(String where) {
        context = ControlCharacters.escape(where) + ": " + context;
        return this;
    }

    @Override
    public String getMessage() {
        return context + super.getMessage();
    }
}
