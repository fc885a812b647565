package io.bpfsh.engine.insn;

/**
 * What an instruction refers to, named by whoever knows the context: the kernel (helper addresses in
 * kallsyms, map ids, JITed functions) or the object file (helper numbers, map relocations, function
 * symbols). {@link InstructionPrinter} asks for these two parts and prints the rest itself.
 */
public interface InstructionNames {
    /**
     * The call target as printed after {@code call }: for a helper or kfunc the name (the printer adds
     * {@code #imm}); for a BPF-to-BPF call the part after {@code pc}, e.g. {@code +11} or
     * {@code +11#bpf_prog_1a2b_large_tag}.
     *
     * @param index the call's instruction index
     */
    String callTarget(int index, int src, short off, int imm);

    /**
     * The value of the ld_imm64 at {@code index}, e.g. {@code map[id:12]}, {@code map[id:12][0]+8},
     * {@code 0x2a}.
     *
     * @param imm      the first half's immediate
     * @param nextImm  the second half's immediate
     */
    String ldImm64(int index, int src, int imm, int nextImm);
}
