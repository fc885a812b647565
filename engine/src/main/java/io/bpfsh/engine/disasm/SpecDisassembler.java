package io.bpfsh.engine.disasm;

import io.bpfsh.engine.insn.InstructionNames;
import io.bpfsh.engine.btf.Btf;
import io.bpfsh.engine.btf.BtfFuncInfo;
import io.bpfsh.engine.btf.BtfLineInfo;
import io.bpfsh.engine.insn.Instruction;
import io.bpfsh.engine.insn.Pseudo;
import io.bpfsh.engine.spec.ObjectSpec;
import io.bpfsh.engine.spec.ObjectSpecException;
import io.bpfsh.engine.spec.ProgramSpec;
import io.bpfsh.engine.spec.Relocation;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Disassembles a program of an object file without loading it: its instructions after linking (the
 * subprograms it calls appended, calls pointing at them), as the loader would send them, with helper
 * numbers named from the running kernel's BTF and map references by the map's name
 * ({@code map[name:packets]}); there are no ids before the kernel creates the maps.
 */
public final class SpecDisassembler {
    private SpecDisassembler() {
    }

    /**
     * The program of {@code spec} in {@code section} (or, where a section holds several, the one whose
     * function has that name).
     *
     * @throws ObjectSpecException naming the file and the section when there is no such program
     */
    public static Disassembly of(ObjectSpec spec, String section) throws ObjectSpecException {
        return of(spec, program(spec, section));
    }

    /**
     * The program's listing; with the object's BTF and .BTF.ext, its functions' prototypes and source
     * lines stand above their instructions as they will for the loaded program.
     */
    public static Disassembly of(ObjectSpec spec, ProgramSpec program) {
        byte[] code = program.instructions();
        Map<Integer, Relocation> relocations = new HashMap<>();
        for (Relocation r : program.relocations()) {
            relocations.put(r.instruction(), r);
        }
        InstructionNames names = new InstructionNames() {
            @Override
            public String callTarget(int index, int src, short off, int imm) {
                if (src == Pseudo.HELPER) {
                    return HelperNames.ofKernel().helper(imm).orElse("unknown");
                }
                if (src == Pseudo.CALL) {
                    return String.format(Locale.ROOT, "%+d", imm);
                }
                return HelperNames.ofKernel().kfunc(imm).orElse("kernel-function");
            }

            @Override
            public String ldImm64(int index, int src, int imm, int nextImm) {
                Relocation r = relocations.get(index);
                if (r == null) {
                    return "0x" + Long.toHexString((long) nextImm << 32 | (imm & 0xffffffffL));
                }
                return r.kind() == Relocation.Kind.MAP_FD ? "map[name:" + r.mapName() + "]"
                        : "map[name:" + r.mapName() + "][0]+" + r.offset();
            }
        };
        Map<Integer, String> functions = new HashMap<>();
        Map<Integer, SourceLine> lines = new HashMap<>();
        Btf btf = spec.btf();
        if (btf != null) {
            for (BtfFuncInfo f : program.funcInfo()) {
                ProgramDisassembler.prototype(btf, f.typeId())
                        .ifPresent(p -> functions.put((int) (f.insnOffset() / Instruction.SIZE), p));
            }
            for (BtfLineInfo l : program.lineInfo()) {
                lines.putIfAbsent((int) (l.insnOffset() / Instruction.SIZE), new SourceLine(btf.string(l.fileNameOffset()),
                        l.line(), l.column(), btf.string(l.lineOffset()).stripLeading()));
            }
        }
        functions.putIfAbsent(0, program.name());
        return Disassembly.decode(code, names, functions, lines, i -> {
            Relocation r = relocations.get(i);
            return r == null ? null
                    : new MapReference(0, r.mapName(), r.kind() == Relocation.Kind.MAP_VALUE ? (int) r.offset() : -1);
        }, i -> i + 1 + Instruction.decode(code, i * Instruction.SIZE).imm());
    }

    private static ProgramSpec program(ObjectSpec spec, String section) throws ObjectSpecException {
        List<ProgramSpec> inSection = spec.programs().stream().filter(p -> p.section().equals(section)).toList();
        if (inSection.size() == 1) {
            return inSection.get(0);
        }
        return spec.programs().stream().filter(p -> p.name().equals(section)).findFirst()
                .orElseThrow(() -> new ObjectSpecException(spec.file() + ": no program in section " + section
                        + (inSection.size() > 1 ? " by that function name (it holds "
                        + inSection.stream().map(ProgramSpec::name).collect(Collectors.joining(", ")) + ")"
                        : " (its programs: " + spec.programs().stream().map(ProgramSpec::section).distinct()
                        .collect(Collectors.joining(", ")) + ")")));
    }
}
