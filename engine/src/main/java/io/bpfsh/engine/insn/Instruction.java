package io.bpfsh.engine.insn;

/**
 * One 8-byte eBPF instruction, decoded: {@code opcode:8 dst:4 src:4 off:16 imm:32}, little-endian
 * (struct bpf_insn). The registers are kept as the raw 4-bit fields, since the source field often holds
 * a {@link Pseudo} value rather than a register. An ld_imm64 is two of these; {@link InstructionBuffer}
 * reads and patches the pair.
 */
public record Instruction(int opcode, int dst, int src, short offset, int imm) {
    /** Bytes per instruction. */
    public static final int SIZE = 8;

    public Instruction {
        if ((opcode & ~0xff) != 0 || (dst & ~0xf) != 0 || (src & ~0xf) != 0) {
            throw new IllegalArgumentException("instruction field out of range: opcode " + opcode
                    + ", dst " + dst + ", src " + src);
        }
    }

    /** Decodes the instruction at byte offset {@code at}. */
    public static Instruction decode(byte[] code, int at) {
        int regs = code[at + 1] & 0xff;
        short off = (short) ((code[at + 2] & 0xff) | (code[at + 3] & 0xff) << 8);
        return new Instruction(code[at] & 0xff, regs & 0x0f, regs >>> 4, off, imm(code, at + 4));
    }

    /** Writes the instruction at byte offset {@code at}. */
    public void encode(byte[] code, int at) {
        code[at] = (byte) opcode;
        code[at + 1] = (byte) (src << 4 | dst);
        code[at + 2] = (byte) offset;
        code[at + 3] = (byte) (offset >> 8);
        putImm(code, at + 4, imm);
    }

    public boolean isLdImm64() {
        return opcode == Opcode.LD_IMM64;
    }

    /** A call to another BPF function (rather than to a helper), which linking resolves. */
    public boolean isPseudoCall() {
        return opcode == Opcode.CALL && src == Pseudo.CALL;
    }

    /**
     * Where control goes from this jump at {@code index}: the next instruction plus the offset (the
     * immediate for gotol); -1 for an instruction that is not a jump with a target (exit, calls,
     * the indirect gotox). BPF-to-BPF calls are not jumps here.
     */
    public int jumpTarget(int index) {
        int cls = Opcode.instructionClass(opcode);
        int op = Opcode.operation(opcode);
        if (cls != Opcode.CLASS_JMP && cls != Opcode.CLASS_JMP32 || op == Opcode.JMP_CALL || op == Opcode.JMP_EXIT
                || opcode == (Opcode.CLASS_JMP | Opcode.JMP_JA | Opcode.SOURCE_X)) {
            return -1;
        }
        return index + 1 + (opcode == (Opcode.CLASS_JMP32 | Opcode.JMP_JA) ? imm : offset);
    }

    public Instruction withImm(int newImm) {
        return new Instruction(opcode, dst, src, offset, newImm);
    }

    public Instruction withOffset(short newOffset) {
        return new Instruction(opcode, dst, src, newOffset, imm);
    }

    public Instruction withOpcode(int newOpcode) {
        return new Instruction(newOpcode, dst, src, offset, imm);
    }

    public Instruction withSrc(int newSrc) {
        return new Instruction(opcode, dst, newSrc, offset, imm);
    }

    static int imm(byte[] code, int at) {
        return (code[at] & 0xff) | (code[at + 1] & 0xff) << 8 | (code[at + 2] & 0xff) << 16 | (code[at + 3] & 0xff) << 24;
    }

    static void putImm(byte[] code, int at, int value) {
        code[at] = (byte) value;
        code[at + 1] = (byte) (value >> 8);
        code[at + 2] = (byte) (value >> 16);
        code[at + 3] = (byte) (value >> 24);
    }
}
