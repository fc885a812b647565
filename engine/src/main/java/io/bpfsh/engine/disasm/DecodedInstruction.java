package io.bpfsh.engine.disasm;

import java.util.Optional;

/**
 * One instruction of a listing, an ld_imm64 counted once (as bpftool counts it): its raw fields, the
 * text {@code bpftool prog dump xlated} prints for it, and what it refers to.
 *
 * @param index        instruction index (an ld_imm64 takes two; the next entry's index is two higher)
 * @param imm          the immediate; for an ld_imm64 the 64-bit value of both halves
 * @param text         e.g. {@code (18) r1 = map[id:12]}, as bpftool prints it
 * @param jumpTarget   index a jump or BPF-to-BPF call goes to, -1 for none
 * @param function     the function that starts at this instruction (its prototype where BTF has one), or null
 * @param label        the label of this instruction when something jumps or calls here, or null
 * @param map          the map an ld_imm64 refers to
 * @param source       the source line that starts at this instruction
 */
public record DecodedInstruction(int index, int opcode, int dst, int src, short offset, long imm, boolean wide,
                                 String text, int jumpTarget, String function, String label,
                                 Optional<MapReference> map, Optional<SourceLine> source) {
}
