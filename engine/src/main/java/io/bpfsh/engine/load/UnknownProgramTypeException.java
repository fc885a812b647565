package io.bpfsh.engine.load;

import io.bpfsh.engine.EngineException;

/**
 * A program section whose name follows no convention bpfsh knows, and whose type the load options do not
 * give ({@link LoadOptions#withProgramType}, {@link LoadOptions#withDefaultProgramType}). Its own class so
 * that a caller can say how its users give the type (the shell: {@code load --type}).
 */
public class UnknownProgramTypeException extends EngineException {
    private final String section;

    public UnknownProgramTypeException(String file, String section) {
        super(file + ": section " + section
                + ": unknown program type (the section name follows no convention bpfsh knows; give its type)");
        this.section = section;
    }

    /** The section name, as in the object. */
    public String section() {
        return section;
    }
}
