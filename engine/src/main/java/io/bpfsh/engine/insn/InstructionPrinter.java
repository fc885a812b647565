package io.bpfsh.engine.insn;

import java.util.Locale;

/**
 * Prints one instruction in the text the kernel's verifier log and {@code bpftool prog dump xlated} use
 * (kernel/bpf/disasm.c): {@code (b7) r2 = 1}, {@code (63) *(u32 *)(r10 -4) = r2},
 * {@code (25) if r2 > 0x3f goto pc+1}, {@code (85) call bpf_map_lookup_elem#1}. Matching that text
 * lets a reader compare a listing with bpftool's line for line. Hand-written: the text is BPF's own.
 * Call targets and 64-bit immediates are named through {@link InstructionNames}.
 */
public final class InstructionPrinter {
    // opcode fields (include/uapi/linux/bpf_common.h, bpf.h)
    private static final int LD = 0x00;
    private static final int LDX = 0x01;
    private static final int ST = 0x02;
    private static final int STX = 0x03;
    private static final int ALU = 0x04;
    private static final int JMP = 0x05;
    private static final int JMP32 = 0x06;
    private static final int ALU64 = 0x07;
    private static final int SRC_X = 0x08;
    private static final int MODE_IMM = 0x00;
    private static final int MODE_ABS = 0x20;
    private static final int MODE_IND = 0x40;
    private static final int MODE_MEM = 0x60;
    private static final int MODE_MEMSX = 0x80;
    private static final int MODE_ATOMIC = 0xc0;
    private static final int SIZE_DW = 0x18;
    private static final int OP_DIV = 0x30;
    private static final int OP_NEG = 0x80;
    private static final int OP_MOD = 0x90;
    private static final int OP_MOV = 0xb0;
    private static final int OP_END = 0xd0;
    private static final int OP_JA = 0x00;
    private static final int OP_CALL = 0x80;
    private static final int OP_EXIT = 0x90;
    private static final int OP_JCOND = 0xe0;
    private static final int ATOMIC_FETCH = 0x01;
    private static final int ATOMIC_XCHG = 0xe1;
    private static final int ATOMIC_CMPXCHG = 0xf1;
    private static final int ATOMIC_LOAD_ACQ = 0x100;
    private static final int ATOMIC_STORE_REL = 0x110;
    private static final int PSEUDO_CALL = 1;
    private static final int MAY_GOTO = 0;
    /** off of an ALU64 MOV X that converts between address spaces (arena) or adds the per-CPU offset. */
    private static final int ADDR_SPACE_CAST = 1;
    private static final int ADDR_PERCPU = -1;

    private static final String[] ALU_OPS = {"+=", "-=", "*=", "/=", "|=", "&=", "<<=", ">>=", "neg", "%=",
        "^=", "=", "s>>=", "endian", null, null};
    private static final String[] JMP_OPS = {"jmp", "==", ">", ">=", "&", "!=", "s>", "s>=", "call", "exit",
        "<", "<=", "s<", "s<=", null, null};
    private static final String[] SIZES = {"u32", "u16", "u8", "u64"};
    private static final String[] SIGNED_SIZES = {"s32", "s16", "s8", null};

    private InstructionPrinter() {
    }

    /** The opcode byte of the instruction at {@code index}. */
    public static int opcode(byte[] code, int index) {
        return code[index * 8] & 0xff;
    }

    /** True for the first half of a 16-byte ld_imm64. */
    public static boolean isLdImm64(byte[] code, int index) {
        return opcode(code, index) == (LD | MODE_IMM | SIZE_DW);
    }

    /**
     * The text of the instruction at {@code index} of {@code code} (8 bytes per instruction); an
     * ld_imm64 reads its second half at {@code index + 1}, which the caller has checked is there.
     */
    public static String format(byte[] code, int index, InstructionNames names) {
        int at = index * 8;
        int op = code[at] & 0xff;
        int dst = code[at + 1] & 0x0f;
        int src = (code[at + 1] & 0xff) >>> 4;
        short off = (short) ((code[at + 2] & 0xff) | (code[at + 3] & 0xff) << 8);
        int imm = imm(code, at + 4);
        String body = body(op, dst, src, off, imm, code, index, names);
        return f("(%02x) %s", op, body);
    }

    private static String body(int op, int dst, int src, short off, int imm, byte[] code, int index,
                               InstructionNames names) {
        int cls = op & 0x07;
        switch (cls) {
            case ALU:
            case ALU64:
                return alu(op, cls == ALU64, dst, src, off, imm);
            case STX:
                return stx(op, dst, src, off, imm);
            case ST:
                if ((op & 0xe0) == MODE_MEM) {
                    return f("*(%s *)(r%d %+d) = %d", SIZES[size(op)], dst, off, imm);
                }
                return (op & 0xe0) == MODE_ATOMIC ? "nospec" : f("BUG_st_%02x", op);
            case LDX:
                if ((op & 0xe0) != MODE_MEM && (op & 0xe0) != MODE_MEMSX) {
                    return f("BUG_ldx_%02x", op);
                }
                return f("r%d = *(%s *)(r%d %+d)", dst,
                        ((op & 0xe0) == MODE_MEM ? SIZES : SIGNED_SIZES)[size(op)], src, off);
            case LD:
                if ((op & 0xe0) == MODE_ABS) {
                    return f("r0 = *(%s *)skb[%d]", SIZES[size(op)], imm);
                }
                if ((op & 0xe0) == MODE_IND) {
                    return f("r0 = *(%s *)skb[r%d + %d]", SIZES[size(op)], src, imm);
                }
                if ((op & 0xe0) == MODE_IMM && (op & 0x18) == SIZE_DW) {
                    return f("r%d = %s", dst, names.ldImm64(index, src, imm, imm(code, index * 8 + 12)));
                }
                return f("BUG_ld_%02x", op);
            default:
                return jump(op, cls == JMP32, dst, src, off, imm, index, names);
        }
    }

    private static String alu(int op, boolean wide, int dst, int src, short off, int imm) {
        char r = wide ? 'r' : 'w';
        int aluOp = op & 0xf0;
        if (aluOp == OP_END) {
            return wide ? f("r%d = bswap%d r%d", dst, imm, dst)
                    : f("r%d = %s%d r%d", dst, (op & SRC_X) != 0 ? "be" : "le", imm, dst);
        }
        if (aluOp == OP_NEG) {
            return f("%c%d = -%c%d", r, dst, r, dst);
        }
        if (op == (ALU64 | OP_MOV | SRC_X) && off == ADDR_SPACE_CAST) {
            return f("r%d = addr_space_cast(r%d, %d, %d)", dst, src, imm >>> 16, imm & 0xffff);
        }
        if (op == (ALU64 | OP_MOV | SRC_X) && off == ADDR_PERCPU) {
            return f("r%d = &(void __percpu *)(r%d)", dst, src);
        }
        boolean signedDivMod = (aluOp == OP_DIV || aluOp == OP_MOD) && off == 1;
        String sym = signedDivMod ? (aluOp == OP_DIV ? "s/=" : "s%=") : ALU_OPS[aluOp >> 4];
        if ((op & SRC_X) != 0) {
            boolean movsx = aluOp == OP_MOV && (off == 8 || off == 16 || off == 32);
            String cast = movsx ? "(s" + off + ")" : "";
            return f("%c%d %s %s%c%d", r, dst, sym, cast, r, src);
        }
        return f("%c%d %s %d", r, dst, sym, imm);
    }

    private static String stx(int op, int dst, int src, short off, int imm) {
        String size = SIZES[size(op)];
        if ((op & 0xe0) == MODE_MEM) {
            return f("*(%s *)(r%d %+d) = r%d", size, dst, off, src);
        }
        if ((op & 0xe0) != MODE_ATOMIC) {
            return f("BUG_%02x", op);
        }
        String bits = (op & 0x18) == SIZE_DW ? "64" : "";
        int aluOp = imm & 0xf0;
        boolean plainAlu = (imm & ~0xf0) == 0 && isAtomicAlu(aluOp);
        if (plainAlu) {
            return f("lock *(%s *)(r%d %+d) %s r%d", size, dst, off, ALU_OPS[aluOp >> 4], src);
        }
        if ((imm & ~0xf0) == ATOMIC_FETCH && isAtomicAlu(aluOp)) {
            String name = aluOp == 0x00 ? "add" : aluOp == 0x50 ? "and" : aluOp == 0x40 ? "or" : "xor";
            return f("r%d = atomic%s_fetch_%s((%s *)(r%d %+d), r%d)", src, bits, name, size, dst, off, src);
        }
        switch (imm) {
            case ATOMIC_CMPXCHG:
                return f("r0 = atomic%s_cmpxchg((%s *)(r%d %+d), r0, r%d)", bits, size, dst, off, src);
            case ATOMIC_XCHG:
                return f("r%d = atomic%s_xchg((%s *)(r%d %+d), r%d)", src, bits, size, dst, off, src);
            case ATOMIC_LOAD_ACQ:
                return f("r%d = load_acquire((%s *)(r%d %+d))", dst, size, src, off);
            case ATOMIC_STORE_REL:
                return f("store_release((%s *)(r%d %+d), r%d)", size, dst, off, src);
            default:
                return f("BUG_%02x", op);
        }
    }

    /** add, or, and, xor: the operations BPF_ATOMIC takes with and without FETCH. */
    private static boolean isAtomicAlu(int aluOp) {
        return aluOp == 0x00 || aluOp == 0x40 || aluOp == 0x50 || aluOp == 0xa0;
    }

    private static String jump(int op, boolean narrow, int dst, int src, short off, int imm, int index,
                               InstructionNames names) {
        int jmpOp = op & 0xf0;
        char r = narrow ? 'w' : 'r';
        if (jmpOp == OP_CALL) {
            String target = names.callTarget(index, src, off, imm);
            return src == PSEUDO_CALL ? "call pc" + target : "call " + target + "#" + imm;
        }
        if (op == (JMP | OP_JA)) {
            return f("goto pc%+d", off);
        }
        if (op == (JMP | OP_JA | SRC_X)) {
            return f("gotox r%d", dst);
        }
        if (op == (JMP | OP_JCOND) && src == MAY_GOTO) {
            return f("may_goto pc%+d", off);
        }
        if (op == (JMP32 | OP_JA)) {
            return f("gotol pc%+d", imm);
        }
        if (op == (JMP | OP_EXIT)) {
            return "exit";
        }
        String sym = JMP_OPS[jmpOp >> 4];
        if ((op & SRC_X) != 0) {
            return f("if %c%d %s %c%d goto pc%+d", r, dst, sym, r, src, off);
        }
        return f("if %c%d %s 0x%x goto pc%+d", r, dst, sym, imm, off);
    }

    /**
     * Where control goes from the jump at {@code index}, or -1 when it is not a jump with a target
     * (exit, calls, indirect gotox). BPF-to-BPF calls are not jumps: see {@code callTarget}.
     */
    public static int jumpTarget(byte[] code, int index) {
        int at = index * 8;
        int op = code[at] & 0xff;
        int cls = op & 0x07;
        if (cls != JMP && cls != JMP32) {
            return -1;
        }
        int jmpOp = op & 0xf0;
        if (jmpOp == OP_CALL || jmpOp == OP_EXIT || op == (JMP | OP_JA | SRC_X)) {
            return -1;
        }
        short off = (short) ((code[at + 2] & 0xff) | (code[at + 3] & 0xff) << 8);
        int delta = op == (JMP32 | OP_JA) ? imm(code, at + 4) : off;
        return index + 1 + delta;
    }

    /** The source-register field of the instruction at {@code index}. */
    public static int src(byte[] code, int index) {
        return (code[index * 8 + 1] & 0xff) >>> 4;
    }

    /** The immediate of the instruction at {@code index}. */
    public static int immediate(byte[] code, int index) {
        return imm(code, index * 8 + 4);
    }

    /** The offset field of the instruction at {@code index}. */
    public static short offset(byte[] code, int index) {
        return (short) ((code[index * 8 + 2] & 0xff) | (code[index * 8 + 3] & 0xff) << 8);
    }

    /** True for a call to another BPF function of the same program. */
    public static boolean isPseudoCall(byte[] code, int index) {
        return opcode(code, index) == (JMP | OP_CALL) && src(code, index) == PSEUDO_CALL;
    }

    /** Formats with ASCII digits whatever the default locale. */
    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    private static int size(int op) {
        return (op >> 3) & 0x03;
    }

    private static int imm(byte[] code, int at) {
        return (code[at] & 0xff) | (code[at + 1] & 0xff) << 8 | (code[at + 2] & 0xff) << 16 | (code[at + 3] & 0xff) << 24;
    }
}
