package io.bpfsh.engine.insn;

/**
 * Opcode values of the eBPF instruction set (include/uapi/linux/bpf_common.h and bpf.h). Hand-written
 * because the encoding is BPF's own: no library models it. An opcode byte is a class in its low three
 * bits, then a size and mode (loads and stores) or a source bit and operation (ALU and jumps).
 */
public final class Opcode {
    private Opcode() {
    }

    /** Instruction classes: {@code opcode & 0x07}. */
    public static final int CLASS_LD = 0x00;
    public static final int CLASS_LDX = 0x01;
    public static final int CLASS_ST = 0x02;
    public static final int CLASS_STX = 0x03;
    public static final int CLASS_ALU = 0x04;
    public static final int CLASS_JMP = 0x05;
    public static final int CLASS_JMP32 = 0x06;
    public static final int CLASS_ALU64 = 0x07;

    /** BPF_LD | BPF_IMM | BPF_DW: the 16-byte load of a 64-bit immediate (map FDs and values go here). */
    public static final int LD_IMM64 = 0x18;
    /** BPF_JMP | BPF_CALL: a helper call, or with source {@link Pseudo#CALL} a call to a BPF function. */
    public static final int CALL = 0x85;
    /** BPF_JMP | BPF_EXIT. */
    public static final int EXIT = 0x95;

    public static int instructionClass(int opcode) {
        return opcode & 0x07;
    }
}
