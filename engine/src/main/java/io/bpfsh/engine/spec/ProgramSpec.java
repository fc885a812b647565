package io.bpfsh.engine.spec;

import io.bpfsh.engine.sys.ProgType;
import java.util.List;

/**
 * A program the object asks for: its section (gobpf's key), function name, type, the instructions as
 * compiled, and the relocations the loader applies to a copy of them.
 */
public record ProgramSpec(String section, String name, ProgType type, int expectedAttachType,
                          byte[] instructions, List<Relocation> relocations) {

    public int instructionCount() {
        return instructions.length / 8;
    }
}
