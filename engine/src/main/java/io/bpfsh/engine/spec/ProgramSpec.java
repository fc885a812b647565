package io.bpfsh.engine.spec;

import io.bpfsh.engine.btf.BtfFuncInfo;
import io.bpfsh.engine.btf.BtfLineInfo;
import io.bpfsh.engine.sys.ProgType;
import java.util.List;

/**
 * A program the object asks for: its section (gobpf's key), function name, type, the instructions as
 * compiled, and the relocations the loader applies to a copy of them. {@code pieces} say where each run of
 * section instructions went when the program was linked; {@code funcInfo} and {@code lineInfo} are the
 * object's .BTF.ext records for the linked program (byte offsets in it), empty without .BTF.ext.
 */
public record ProgramSpec(String section, String name, ProgType type, int expectedAttachType,
                          byte[] instructions, List<Relocation> relocations, List<LinkedPiece> pieces,
                          List<BtfFuncInfo> funcInfo, List<BtfLineInfo> lineInfo) {

    public int instructionCount() {
        return instructions.length / 8;
    }
}
