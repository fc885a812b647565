package io.bpfsh.engine.disasm;

import io.bpfsh.engine.insn.Instruction;
import io.bpfsh.engine.insn.InstructionNames;
import io.bpfsh.engine.insn.InstructionPrinter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.IntFunction;

/**
 * A program's instructions decoded for reading: bpftool's text per instruction, with the functions,
 * source lines, map names and jump labels around it. {@link #listing} prints it as
 * {@code bpftool prog dump xlated [linum]} does, plus labels: a jump shows {@code <L2>} and the line
 * {@code L2:} stands above its target.
 */
public record Disassembly(List<DecodedInstruction> instructions) {

    public Disassembly {
        instructions = List.copyOf(instructions);
    }

    /**
     * Decodes {@code code}.
     *
     * @param functions  function names (or prototypes) by the instruction they start at
     * @param lines      source lines by the instruction they start at
     * @param maps       the map an ld_imm64 at an index refers to, or null
     * @param callTarget the index a BPF-to-BPF call at an index goes to
     */
    static Disassembly decode(byte[] code, InstructionNames names, Map<Integer, String> functions,
                              Map<Integer, SourceLine> lines, IntFunction<MapReference> maps,
                              IntFunction<Integer> callTarget) {
        Instruction[] insns = new Instruction[code.length / Instruction.SIZE];
        for (int i = 0; i < insns.length; i++) {
            insns[i] = Instruction.decode(code, i * Instruction.SIZE);
        }
        Map<Integer, Integer> targets = new TreeMap<>();
        for (int i = 0; i < insns.length; i++) {
            if (insns[i].isPseudoCall()) {
                targets.put(i, callTarget.apply(i));
            } else if (insns[i].jumpTarget(i) >= 0) {
                targets.put(i, insns[i].jumpTarget(i));
            }
            if (insns[i].isLdImm64()) {
                i++;
            }
        }
        Map<Integer, String> labels = new TreeMap<>();
        int next = 1;
        for (int target : new TreeSet<>(targets.values())) {
            String fn = functions.get(target);
            labels.put(target, fn != null ? functionName(fn) : "L" + next++);
        }
        List<DecodedInstruction> out = new ArrayList<>();
        for (int i = 0; i < insns.length; i++) {
            Instruction insn = insns[i];
            Instruction second = insn.isLdImm64() && i + 1 < insns.length ? insns[i + 1] : null;
            long imm = second == null ? insn.imm() : (long) second.imm() << 32 | (insn.imm() & 0xffffffffL);
            out.add(new DecodedInstruction(i, insn.opcode(), insn.dst(), insn.src(), insn.offset(), imm,
                    second != null, InstructionPrinter.format(insn, second, i, names), targets.getOrDefault(i, -1),
                    functions.get(i), labels.get(i), Optional.ofNullable(second != null ? maps.apply(i) : null),
                    Optional.ofNullable(lines.get(i))));
            if (second != null) {
                i++;
            }
        }
        return new Disassembly(out);
    }

    /** "large_tag" from "__u32 large_tag(__u32 len)" or from "large_tag". */
    private static String functionName(String function) {
        int paren = function.indexOf('(');
        String head = (paren < 0 ? function : function.substring(0, paren)).trim();
        int space = Math.max(head.lastIndexOf(' '), head.lastIndexOf('*'));
        return head.substring(space + 1);
    }

    /**
     * The listing: each function's prototype (or name) above its first instruction, each source line
     * above the instructions it produced ({@code ; text}, with {@code [file:F line_num:N line_col:C]}
     * when {@code lineNumbers}), labels above jump targets, and the instructions as
     * {@code   5: (2d) if r4 > r2 goto pc+23 <L1>}.
     */
    public String listing(boolean lineNumbers) {
        Map<Integer, String> labels = new TreeMap<>();
        for (DecodedInstruction i : instructions) {
            if (i.label() != null) {
                labels.put(i.index(), i.label());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (DecodedInstruction i : instructions) {
            if (i.function() != null) {
                sb.append(i.function()).append(":\n");
            } else if (i.label() != null) {
                sb.append(i.label()).append(":\n");
            }
            i.source().ifPresent(s -> {
                sb.append("; ").append(s.text());
                if (lineNumbers) {
                    sb.append(" [file:").append(s.file()).append(" line_num:").append(s.line())
                            .append(" line_col:").append(s.column()).append(']');
                }
                sb.append('\n');
            });
            sb.append(String.format("%4d: ", i.index())).append(i.text());
            if (i.jumpTarget() >= 0 && labels.containsKey(i.jumpTarget())) {
                sb.append(" <").append(labels.get(i.jumpTarget())).append('>');
            }
            i.map().ifPresent(m -> {
                if (m.id() != 0 && !m.name().isEmpty()) {
                    sb.append("  ; ").append(m.name());
                }
            });
            sb.append('\n');
        }
        return sb.toString();
    }
}
