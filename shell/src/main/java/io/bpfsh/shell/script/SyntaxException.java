package io.bpfsh.shell.script;

import io.bpfsh.engine.EngineException;

/** A line bpfsh cannot split into words: an unterminated quote, a continuation at end of input. */
public class SyntaxException extends EngineException {
    private final int lineOffset;

    public SyntaxException(String message) {
        this(message, 0);
    }

    /** @param lineOffset how many line breaks of the command text precede the fault */
    public SyntaxException(String message, int lineOffset) {
        super(message);
        this.lineOffset = lineOffset;
    }

    public int lineOffset() {
        return lineOffset;
    }
}
