package io.bpfsh.engine.spec;

import io.bpfsh.engine.btf.BtfFuncInfo;
import io.bpfsh.engine.btf.BtfLineInfo;
import io.bpfsh.engine.sys.ProgType;
import java.util.List;
import java.util.Optional;

/**
 * A program the object asks for: its section (gobpf's key), function name, type, the instructions as
 * compiled, and the relocations the loader applies to a copy of them. {@code pieces} say where each run of
 * section instructions went when the program was linked; {@code funcInfo} and {@code lineInfo} are the
 * object's .BTF.ext records for the linked program (byte offsets in it), empty without .BTF.ext.
 * {@code type} is UNSPEC where the section name says none ({@link ProgramSections}); the loader then
 * needs one from its caller.
 */
public record ProgramSpec(String section, String name, ProgType type, int expectedAttachType,
                          byte[] instructions, List<Relocation> relocations, List<LinkedPiece> pieces,
                          List<BtfFuncInfo> funcInfo, List<BtfLineInfo> lineInfo) {

    /** What the section name says by libbpf's (or gobpf's, iproute2's) conventions; empty for an unknown name. */
    public Optional<ProgramSection> convention() {
        return ProgramSections.lookup(section);
    }

    /** libbpf's '?' prefix: the program is not loaded unless the caller asks for it. */
    public boolean optional() {
        return section.startsWith("?");
    }

    public int instructionCount() {
        return instructions.length / 8;
    }
}
