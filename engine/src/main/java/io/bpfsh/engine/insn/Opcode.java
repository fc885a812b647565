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

    /** ALU and jump source bit: {@code BPF_X} (the source register) rather than {@code BPF_K} (the immediate). */
    private static final int SOURCE_REGISTER = 0x08;
    /** Load and store access sizes, bits 3-4: W (4 bytes), H (2), B (1), DW (8). */
    private static final int SIZE_MASK = 0x18;
    private static final int[] SIZE_BYTES = {4, 2, 1, 8};

    public static int instructionClass(int opcode) {
        return opcode & 0x07;
    }

    /** An ALU or jump instruction whose operand is the source register rather than the immediate. */
    public static boolean usesRegisterSource(int opcode) {
        return (opcode & SOURCE_REGISTER) != 0;
    }

    /** The bytes a load or store ({@code LDX}, {@code ST}, {@code STX}) accesses. */
    public static int memorySize(int opcode) {
        return SIZE_BYTES[(opcode & SIZE_MASK) >> 3];
    }

    /** Whether a load or store can access this many bytes (1, 2, 4 or 8). */
    public static boolean isMemorySize(int bytes) {
        return bytes == 1 || bytes == 2 || bytes == 4 || bytes == 8;
    }

    /** The same load or store, accessing {@code bytes} instead ({@link #isMemorySize} must hold). */
    public static int withMemorySize(int opcode, int bytes) {
        for (int i = 0; i < SIZE_BYTES.length; i++) {
            if (SIZE_BYTES[i] == bytes) return (opcode & ~SIZE_MASK) | i << 3;
        }
        throw new IllegalArgumentException("no load or store accesses " + bytes + " bytes");
    }
}
