package io.bpfsh.engine.insn;

import static io.bpfsh.engine.insn.Opcode.ALU_DIV;
import static io.bpfsh.engine.insn.Opcode.ALU_END;
import static io.bpfsh.engine.insn.Opcode.ALU_MOD;
import static io.bpfsh.engine.insn.Opcode.ALU_MOV;
import static io.bpfsh.engine.insn.Opcode.ALU_NEG;
import static io.bpfsh.engine.insn.Opcode.CLASS_ALU;
import static io.bpfsh.engine.insn.Opcode.CLASS_ALU64;
import static io.bpfsh.engine.insn.Opcode.CLASS_JMP;
import static io.bpfsh.engine.insn.Opcode.CLASS_JMP32;
import static io.bpfsh.engine.insn.Opcode.CLASS_LD;
import static io.bpfsh.engine.insn.Opcode.CLASS_LDX;
import static io.bpfsh.engine.insn.Opcode.CLASS_ST;
import static io.bpfsh.engine.insn.Opcode.CLASS_STX;
import static io.bpfsh.engine.insn.Opcode.JMP_CALL;
import static io.bpfsh.engine.insn.Opcode.JMP_EXIT;
import static io.bpfsh.engine.insn.Opcode.JMP_JA;
import static io.bpfsh.engine.insn.Opcode.JMP_JCOND;
import static io.bpfsh.engine.insn.Opcode.MODE_ABS;
import static io.bpfsh.engine.insn.Opcode.MODE_ATOMIC;
import static io.bpfsh.engine.insn.Opcode.MODE_IMM;
import static io.bpfsh.engine.insn.Opcode.MODE_IND;
import static io.bpfsh.engine.insn.Opcode.MODE_MEM;
import static io.bpfsh.engine.insn.Opcode.MODE_MEMSX;
import static io.bpfsh.engine.insn.Opcode.SIZE_DW;
import static io.bpfsh.engine.insn.Opcode.SOURCE_X;

import java.util.Locale;

/**
 * Prints one instruction in the text the kernel's verifier log and {@code bpftool prog dump xlated} use
 * (kernel/bpf/disasm.c): {@code (b7) r2 = 1}, {@code (63) *(u32 *)(r10 -4) = r2},
 * {@code (25) if r2 > 0x3f goto pc+1}, {@code (85) call bpf_map_lookup_elem#1}. Matching that text
 * lets a reader compare a listing with bpftool's line for line. Hand-written: the text is BPF's own.
 * Call targets and 64-bit immediates are named through {@link InstructionNames}.
 */
public final class InstructionPrinter {
    /** Operator text by ALU and jump operation ({@code operation >> 4}). */
    private static final String[] ALU_OPS = {"+=", "-=", "*=", "/=", "|=", "&=", "<<=", ">>=", "neg", "%=",
        "^=", "=", "s>>=", "endian", null, null};
    private static final String[] JMP_OPS = {"jmp", "==", ">", ">=", "&", "!=", "s>", "s>=", "call", "exit",
        "<", "<=", "s<", "s<=", null, null};
    /** By {@code size >> 3}: W, H, B, DW. */
    private static final String[] SIZES = {"u32", "u16", "u8", "u64"};
    private static final String[] SIGNED_SIZES = {"s32", "s16", "s8", null};

    private InstructionPrinter() {
    }

    /**
     * The text of {@code insn}, instruction {@code index} of its program; {@code next} is the second
     * half of an ld_imm64 (null for other instructions).
     */
    public static String format(Instruction insn, Instruction next, int index, InstructionNames names) {
        return f("(%02x) %s", insn.opcode(), body(insn, next, index, names));
    }

    private static String body(Instruction insn, Instruction next, int index, InstructionNames names) {
        int op = insn.opcode();
        switch (Opcode.instructionClass(op)) {
            case CLASS_ALU:
            case CLASS_ALU64:
                return alu(insn);
            case CLASS_STX:
                return stx(insn);
            case CLASS_ST:
                if (Opcode.mode(op) == MODE_MEM) {
                    return f("*(%s *)(r%d %+d) = %d", size(op), insn.dst(), insn.offset(), insn.imm());
                }
                return Opcode.mode(op) == MODE_ATOMIC ? "nospec" : f("BUG_st_%02x", op);
            case CLASS_LDX:
                if (Opcode.mode(op) != MODE_MEM && Opcode.mode(op) != MODE_MEMSX) {
                    return f("BUG_ldx_%02x", op);
                }
                return f("r%d = *(%s *)(r%d %+d)", insn.dst(),
                        Opcode.mode(op) == MODE_MEM ? size(op) : SIGNED_SIZES[Opcode.size(op) >> 3], insn.src(),
                        insn.offset());
            case CLASS_LD:
                if (Opcode.mode(op) == MODE_ABS) {
                    return f("r0 = *(%s *)skb[%d]", size(op), insn.imm());
                }
                if (Opcode.mode(op) == MODE_IND) {
                    return f("r0 = *(%s *)skb[r%d + %d]", size(op), insn.src(), insn.imm());
                }
                if (Opcode.mode(op) == MODE_IMM && Opcode.size(op) == SIZE_DW && next != null) {
                    return f("r%d = %s", insn.dst(), names.ldImm64(index, insn.src(), insn.imm(), next.imm()));
                }
                return f("BUG_ld_%02x", op);
            default:
                return jump(insn, index, names);
        }
    }

    private static String alu(Instruction insn) {
        int op = insn.opcode();
        boolean wide = Opcode.instructionClass(op) == CLASS_ALU64;
        char r = wide ? 'r' : 'w';
        int dst = insn.dst();
        int aluOp = Opcode.operation(op);
        if (aluOp == ALU_END) {
            return wide ? f("r%d = bswap%d r%d", dst, insn.imm(), dst)
                    : f("r%d = %s%d r%d", dst, Opcode.usesRegisterSource(op) ? "be" : "le", insn.imm(), dst);
        }
        if (aluOp == ALU_NEG) {
            return f("%c%d = -%c%d", r, dst, r, dst);
        }
        if (op == (CLASS_ALU64 | ALU_MOV | SOURCE_X) && insn.offset() == Opcode.OFFSET_ADDR_SPACE_CAST) {
            return f("r%d = addr_space_cast(r%d, %d, %d)", dst, insn.src(), insn.imm() >>> 16, insn.imm() & 0xffff);
        }
        if (op == (CLASS_ALU64 | ALU_MOV | SOURCE_X) && insn.offset() == Opcode.OFFSET_PERCPU_ADDR) {
            return f("r%d = &(void __percpu *)(r%d)", dst, insn.src());
        }
        boolean signed = (aluOp == ALU_DIV || aluOp == ALU_MOD) && insn.offset() == Opcode.OFFSET_SIGNED;
        String sym = signed ? (aluOp == ALU_DIV ? "s/=" : "s%=") : ALU_OPS[aluOp >> 4];
        if (Opcode.usesRegisterSource(op)) {
            int off = insn.offset();
            String cast = aluOp == ALU_MOV && (off == 8 || off == 16 || off == 32) ? "(s" + off + ")" : ""; // movsx
            return f("%c%d %s %s%c%d", r, dst, sym, cast, r, insn.src());
        }
        return f("%c%d %s %d", r, dst, sym, insn.imm());
    }

    private static String stx(Instruction insn) {
        int op = insn.opcode();
        String size = size(op);
        int dst = insn.dst();
        int src = insn.src();
        short off = insn.offset();
        if (Opcode.mode(op) == MODE_MEM) {
            return f("*(%s *)(r%d %+d) = r%d", size, dst, off, src);
        }
        if (Opcode.mode(op) != MODE_ATOMIC) {
            return f("BUG_%02x", op);
        }
        String bits = Opcode.size(op) == SIZE_DW ? "64" : "";
        int imm = insn.imm();
        int aluOp = imm & 0xf0;
        if ((imm & ~0xf0) == 0 && isAtomicAlu(aluOp)) {
            return f("lock *(%s *)(r%d %+d) %s r%d", size, dst, off, ALU_OPS[aluOp >> 4], src);
        }
        if ((imm & ~0xf0) == Opcode.ATOMIC_FETCH && isAtomicAlu(aluOp)) {
            String name = aluOp == Opcode.ALU_ADD ? "add" : aluOp == Opcode.ALU_AND ? "and"
                    : aluOp == Opcode.ALU_OR ? "or" : "xor";
            return f("r%d = atomic%s_fetch_%s((%s *)(r%d %+d), r%d)", src, bits, name, size, dst, off, src);
        }
        switch (imm) {
            case Opcode.ATOMIC_CMPXCHG:
                return f("r0 = atomic%s_cmpxchg((%s *)(r%d %+d), r0, r%d)", bits, size, dst, off, src);
            case Opcode.ATOMIC_XCHG:
                return f("r%d = atomic%s_xchg((%s *)(r%d %+d), r%d)", src, bits, size, dst, off, src);
            case Opcode.ATOMIC_LOAD_ACQ:
                return f("r%d = load_acquire((%s *)(r%d %+d))", dst, size, src, off);
            case Opcode.ATOMIC_STORE_REL:
                return f("store_release((%s *)(r%d %+d), r%d)", size, dst, off, src);
            default:
                return f("BUG_%02x", op);
        }
    }

    /** add, or, and, xor: the operations BPF_ATOMIC takes with and without FETCH. */
    private static boolean isAtomicAlu(int aluOp) {
        return aluOp == Opcode.ALU_ADD || aluOp == Opcode.ALU_OR || aluOp == Opcode.ALU_AND || aluOp == Opcode.ALU_XOR;
    }

    private static String jump(Instruction insn, int index, InstructionNames names) {
        int op = insn.opcode();
        char r = Opcode.instructionClass(op) == CLASS_JMP32 ? 'w' : 'r';
        if (Opcode.operation(op) == JMP_CALL) {
            String target = names.callTarget(index, insn.src(), insn.offset(), insn.imm());
            return insn.src() == Pseudo.CALL ? "call pc" + target : "call " + target + "#" + insn.imm();
        }
        if (op == (CLASS_JMP | JMP_JA)) {
            return f("goto pc%+d", insn.offset());
        }
        if (op == (CLASS_JMP | JMP_JA | SOURCE_X)) {
            return f("gotox r%d", insn.dst());
        }
        if (op == (CLASS_JMP | JMP_JCOND) && insn.src() == Pseudo.MAY_GOTO) {
            return f("may_goto pc%+d", insn.offset());
        }
        if (op == (CLASS_JMP32 | JMP_JA)) {
            return f("gotol pc%+d", insn.imm());
        }
        if (op == (CLASS_JMP | JMP_EXIT)) {
            return "exit";
        }
        String sym = JMP_OPS[Opcode.operation(op) >> 4];
        if (Opcode.usesRegisterSource(op)) {
            return f("if %c%d %s %c%d goto pc%+d", r, insn.dst(), sym, r, insn.src(), insn.offset());
        }
        return f("if %c%d %s 0x%x goto pc%+d", r, insn.dst(), sym, insn.imm(), insn.offset());
    }

    private static String size(int op) {
        return SIZES[Opcode.size(op) >> 3];
    }

    /** Formats with ASCII digits whatever the default locale. */
    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
