package io.bpfsh.engine.spec;

import io.bpfsh.engine.EngineException;

/** The object is a valid ELF file but asks for something bpfsh cannot give; names file and section. */
public class ObjectSpecException extends EngineException {
    public ObjectSpecException(String message) {
        super(message);
    }

    /** "FILE: section NAME: PROBLEM". */
    static ObjectSpecException inSection(String file, io.bpfsh.engine.elf.ElfSection s, String problem) {
        return new ObjectSpecException(file + ": section " + s.name() + ": " + problem);
    }
}
