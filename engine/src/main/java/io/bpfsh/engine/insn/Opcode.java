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

    /** Load and store sizes: {@code opcode & 0x18}. */
    public static final int SIZE_W = 0x00;
    public static final int SIZE_H = 0x08;
    public static final int SIZE_B = 0x10;
    public static final int SIZE_DW = 0x18;

    /** Load and store modes: {@code opcode & 0xe0}. */
    public static final int MODE_IMM = 0x00;
    public static final int MODE_ABS = 0x20;
    public static final int MODE_IND = 0x40;
    public static final int MODE_MEM = 0x60;
    /** LDX that sign-extends (ISA v4). */
    public static final int MODE_MEMSX = 0x80;
    /** STX: an atomic operation, which the immediate names; on ST the kernel's internal nospec. */
    public static final int MODE_ATOMIC = 0xc0;

    /** ALU and jump source: the immediate (K) or the source register (X); on ALU END, to big endian. */
    public static final int SOURCE_X = 0x08;

    /** ALU operations: {@code opcode & 0xf0}. */
    public static final int ALU_ADD = 0x00;
    public static final int ALU_SUB = 0x10;
    public static final int ALU_MUL = 0x20;
    public static final int ALU_DIV = 0x30;
    public static final int ALU_OR = 0x40;
    public static final int ALU_AND = 0x50;
    public static final int ALU_LSH = 0x60;
    public static final int ALU_RSH = 0x70;
    public static final int ALU_NEG = 0x80;
    public static final int ALU_MOD = 0x90;
    public static final int ALU_XOR = 0xa0;
    public static final int ALU_MOV = 0xb0;
    public static final int ALU_ARSH = 0xc0;
    /** Byte swap: ALU to or from little/big endian, ALU64 unconditionally (bswap). */
    public static final int ALU_END = 0xd0;
    /** The offset of a DIV or MOD that makes it signed. */
    public static final int OFFSET_SIGNED = 1;
    /** The offset of an ALU64 MOV X that casts between address spaces (arena). */
    public static final int OFFSET_ADDR_SPACE_CAST = 1;
    /** The offset of an ALU64 MOV X that adds the per-CPU base (the kernel's internal form). */
    public static final int OFFSET_PERCPU_ADDR = -1;

    /** Jump operations: {@code opcode & 0xf0}. */
    public static final int JMP_JA = 0x00;
    public static final int JMP_JEQ = 0x10;
    public static final int JMP_JGT = 0x20;
    public static final int JMP_JGE = 0x30;
    public static final int JMP_JSET = 0x40;
    public static final int JMP_JNE = 0x50;
    public static final int JMP_JSGT = 0x60;
    public static final int JMP_JSGE = 0x70;
    public static final int JMP_CALL = 0x80;
    public static final int JMP_EXIT = 0x90;
    public static final int JMP_JLT = 0xa0;
    public static final int JMP_JLE = 0xb0;
    public static final int JMP_JSLT = 0xc0;
    public static final int JMP_JSLE = 0xd0;
    /** Conditional pseudo jump: with source {@link Pseudo#MAY_GOTO}, may_goto. */
    public static final int JMP_JCOND = 0xe0;

    /** Immediates of a BPF_ATOMIC store: an ALU operation, FETCH to return the old value, or these. */
    public static final int ATOMIC_FETCH = 0x01;
    public static final int ATOMIC_XCHG = 0xe0 | ATOMIC_FETCH;
    public static final int ATOMIC_CMPXCHG = 0xf0 | ATOMIC_FETCH;
    public static final int ATOMIC_LOAD_ACQ = 0x100;
    public static final int ATOMIC_STORE_REL = 0x110;

    /** Load and store access sizes, bits 3-4: W (4 bytes), H (2), B (1), DW (8). */
    private static final int SIZE_MASK = 0x18;
    private static final int[] SIZE_BYTES = {4, 2, 1, 8};

    public static int instructionClass(int opcode) {
        return opcode & 0x07;
    }

    /** The size field ({@link #SIZE_W} ... {@link #SIZE_DW}); {@link #memorySize} gives it in bytes. */
    public static int size(int opcode) {
        return opcode & SIZE_MASK;
    }

    public static int mode(int opcode) {
        return opcode & 0xe0;
    }

    /** The ALU or jump operation. */
    public static int operation(int opcode) {
        return opcode & 0xf0;
    }

    /** An ALU or jump instruction whose operand is the source register rather than the immediate. */
    public static boolean usesRegisterSource(int opcode) {
        return (opcode & SOURCE_X) != 0;
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
