package io.bpfsh.engine.core;

import io.bpfsh.engine.insn.Instruction;
import io.bpfsh.engine.insn.InstructionBuffer;
import io.bpfsh.engine.insn.Opcode;

/**
 * Writes a CO-RE resolution into its instruction, as libbpf's {@code bpf_core_patch_insn}: the immediate of an ALU
 * instruction, the offset (and if need be the width) of a load or store, or both halves of an ld_imm64; or poisons
 * it. Before writing, the instruction must hold the value the object's own types give, so that a relocation pointing
 * at the wrong instruction is an error rather than a silent rewrite.
 */
public final class CorePatcher {
    /** libbpf's poison: {@code call 0xbad2310}, an unknown helper the verifier reports as "invalid func unknown#195896080". */
    public static final int POISON_HELPER = 0xbad2310;

    private CorePatcher() {
    }

    /**
     * @param at    the instruction's index in {@code code}
     * @param where names the program and instruction in messages
     * @return whether the instruction was poisoned
     * @throws CoreException if the instruction cannot take the value
     */
    public static boolean apply(InstructionBuffer code, int at, CoreResolution r, String where) throws CoreException {
        Instruction insn = code.get(at);
        boolean ldImm64 = insn.isLdImm64();
        if (r.poisoned()) {
            poison(code, at, ldImm64);
            return true;
        }
        String what = where + ": " + r.kind().label() + " " + r.local();
        switch (Opcode.instructionClass(insn.opcode())) {
            case Opcode.CLASS_ALU:
            case Opcode.CLASS_ALU64: {
                if (Opcode.usesRegisterSource(insn.opcode())) {
                    throw new CoreException(what + ": the instruction takes a register, not an immediate");
                }
                check(r, insn.imm(), what);
                if (r.value() != (int) r.value() && r.value() != Integer.toUnsignedLong((int) r.value())) {
                    throw new CoreException(what + ": value " + r.value() + " does not fit a 32-bit immediate");
                }
                code.set(at, insn.withImm((int) r.value()));
                return false;
            }
            case Opcode.CLASS_LDX:
            case Opcode.CLASS_ST:
            case Opcode.CLASS_STX: {
                check(r, insn.offset(), what);
                if (r.value() > Short.MAX_VALUE) {
                    throw new CoreException(what + ": offset " + r.value() + " is beyond a load's 32767");
                }
                if (r.unsafeSizeChange()) { // libbpf: the field changed width and type; reading it would be wrong
                    poison(code, at, false);
                    return true;
                }
                Instruction patched = insn.withOffset((short) r.value());
                if (r.localSize() != r.targetSize()) {
                    if (Opcode.memorySize(insn.opcode()) != r.localSize()) {
                        throw new CoreException(what + ": the instruction accesses " + Opcode.memorySize(insn.opcode())
                                + " bytes, not the field's " + r.localSize());
                    }
                    if (!Opcode.isMemorySize(r.targetSize())) {
                        throw new CoreException(what + ": the kernel's field is " + r.targetSize()
                                + " bytes, which no load or store accesses");
                    }
                    patched = patched.withOpcode(Opcode.withMemorySize(insn.opcode(), r.targetSize()));
                }
                code.set(at, patched);
                return false;
            }
            case Opcode.CLASS_LD: {
                if (!ldImm64 || insn.src() != 0 || insn.offset() != 0 || !code.isCompleteLdImm64(at)
                        || !code.get(at + 1).equals(new Instruction(0, 0, 0, (short) 0, code.get(at + 1).imm()))) {
                    throw new CoreException(what + ": the 64-bit load has an unexpected form");
                }
                long imm = Integer.toUnsignedLong(insn.imm()) | ((long) code.get(at + 1).imm() << 32);
                check(r, imm, what);
                code.set(at, insn.withImm((int) r.value()));
                code.set(at + 1, code.get(at + 1).withImm((int) (r.value() >>> 32)));
                return false;
            }
            default:
                throw new CoreException(what + ": instruction with opcode 0x" + Integer.toHexString(insn.opcode())
                        + " cannot be relocated");
        }
    }

    private static void check(CoreResolution r, long current, String what) throws CoreException {
        if (r.validate() && current != r.expected()) {
            throw new CoreException(what + ": the instruction holds " + current + ", but the object's types give "
                    + r.expected() + " (the relocation does not fit this instruction)");
        }
    }

    private static void poison(InstructionBuffer code, int at, boolean ldImm64) {
        Instruction call = new Instruction(Opcode.CALL, 0, 0, (short) 0, POISON_HELPER);
        code.set(at, call);
        if (ldImm64) code.set(at + 1, call); // so that the verifier reports the call, not "unknown opcode 00"
    }
}
