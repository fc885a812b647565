package io.bpfsh.engine.sys;

import java.util.List;

/**
 * A loaded program as the kernel reports it for a dump (struct bpf_prog_info's second call, as bpftool's
 * {@code prog dump xlated} makes it): the instructions after the verifier's rewrites (map FDs become map
 * ids, helper calls become offsets from {@code __bpf_call_base}), the JIT's size and the addresses of the
 * JITed functions, and the BTF records that say where functions start and which source line each
 * instruction came from.
 *
 * @param instructions xlated instructions, 8 bytes each
 * @param jitedLength  bytes of JITed code, 0 when not JITed
 * @param jitedSymbols kernel addresses of the JITed functions (main program first), for kallsyms
 * @param btfId        the program's BTF object, 0 for none; function and line records name its strings
 */
public record XlatedProgram(byte[] instructions, int jitedLength, long[] jitedSymbols, int btfId,
                            List<Function> functions, List<Line> lines) {

    /** bpf_func_info: a function starts at instruction {@code insn}; {@code typeId} is its BTF FUNC. */
    public record Function(int insn, int typeId) {
    }

    /**
     * bpf_line_info: instruction {@code insn} came from this source line; the offsets name strings of the
     * program's BTF; {@code lineCol} is line &lt;&lt; 10 | column.
     */
    public record Line(int insn, int fileNameOffset, int lineOffset, int lineCol) {
        public int line() {
            return lineCol >>> 10;
        }

        public int column() {
            return lineCol & 0x3ff;
        }
    }

    public XlatedProgram {
        instructions = instructions.clone();
        jitedSymbols = jitedSymbols.clone();
        functions = List.copyOf(functions);
        lines = List.copyOf(lines);
    }

    @Override
    public byte[] instructions() {
        return instructions.clone();
    }

    @Override
    public long[] jitedSymbols() {
        return jitedSymbols.clone();
    }
}
