package io.bpfsh.engine.sys;

import io.bpfsh.engine.EngineException;

/** A path or id names a kernel object of another kind than the caller needs (a prog, not a map). */
public class WrongObjectKindException extends EngineException {
    public WrongObjectKindException(String subject, ObjectKind found, ObjectKind wanted) {
        super(subject + ": is a " + found.displayName() + ", not a " + wanted.displayName());
    }
}
