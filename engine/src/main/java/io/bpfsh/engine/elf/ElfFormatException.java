package io.bpfsh.engine.elf;

import io.bpfsh.engine.EngineException;

/**
 * An eBPF object file that cannot be read or is not a well-formed 64-bit little-endian
 * relocatable EM_BPF ELF file.
 *
 * <p>The message is {@code <file>: <problem>}, where the problem names the section (index and,
 * when readable, name) it concerns. Names come from the file itself, so control characters are
 * escaped to keep the message on one line whatever the file contains.
 */
public final class ElfFormatException extends EngineException {
    private final String fileName;

    public ElfFormatException(String fileName, String problem) {
        super(fileName + ": " + problem); // escaped to one line by EngineException
        this.fileName = fileName;
    }

    public ElfFormatException(String fileName, String problem, Throwable cause) {
        super(fileName + ": " + problem, cause);
        this.fileName = fileName;
    }

    /** The file as the caller named it. */
    public String fileName() {
        return fileName;
    }
}
