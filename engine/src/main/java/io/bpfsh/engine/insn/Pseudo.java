package io.bpfsh.engine.insn;

/**
 * Values of an instruction's source-register field that do not name a register but tell the kernel
 * how to read the immediate (BPF_PSEUDO_* in bpf.h). Which table applies depends on the opcode.
 */
public final class Pseudo {
    private Pseudo() {
    }

    /** On {@link Opcode#LD_IMM64}: the immediate is a map FD. */
    public static final int MAP_FD = 1;
    /** On {@link Opcode#LD_IMM64}: a map FD and, in the second half, an offset into its value. */
    public static final int MAP_VALUE = 2;
    /** On {@link Opcode#LD_IMM64}: the immediate is a BTF VAR id (ksym), the second half its BTF object's FD. */
    public static final int BTF_ID = 3;
    /** On {@link Opcode#LD_IMM64}: the immediate is the pc-relative offset of a callback function. */
    public static final int FUNC = 4;
    /** On {@link Opcode#LD_IMM64}: the immediate indexes fd_array (a map). */
    public static final int MAP_IDX = 5;
    /** On {@link Opcode#LD_IMM64}: an fd_array index and, in the second half, an offset into the value. */
    public static final int MAP_IDX_VALUE = 6;
    /** On {@link Opcode#CALL}: the immediate is a helper number (or, after the verifier, its address). */
    public static final int HELPER = 0;
    /** On {@link Opcode#CALL}: the immediate is the pc-relative offset of a BPF function. */
    public static final int CALL = 1;
    /** On {@link Opcode#CALL}: the immediate is a kernel function's BTF id (a kfunc; offset 0 = vmlinux's BTF). */
    public static final int KFUNC_CALL = 2;
    /** On a JCOND jump: may_goto, a jump the verifier bounds. */
    public static final int MAY_GOTO = 0;
}
