package io.bpfsh.engine.disasm;

import io.bpfsh.engine.btf.Btf;
import io.bpfsh.engine.btf.BtfFormatException;
import io.bpfsh.engine.btf.BtfParam;
import io.bpfsh.engine.btf.BtfType;
import io.bpfsh.engine.insn.InstructionNames;
import io.bpfsh.engine.insn.Instruction;
import io.bpfsh.engine.insn.Pseudo;
import io.bpfsh.engine.sys.BpfBtf;
import io.bpfsh.engine.sys.BpfException;
import io.bpfsh.engine.sys.BpfMap;
import io.bpfsh.engine.sys.BpfProgram;
import io.bpfsh.engine.sys.KernelObjects;
import io.bpfsh.engine.sys.PinAccess;
import io.bpfsh.engine.sys.XlatedProgram;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * Disassembles a loaded program from what the kernel reports (its xlated instructions), naming what
 * {@code bpftool prog dump xlated} names: helper and kernel functions through kallsyms, JITed BPF
 * functions, maps by id (and here by name too), and, when the program was loaded with BTF line info,
 * its functions' prototypes and source lines.
 */
public final class ProgramDisassembler {
    private ProgramDisassembler() {
    }

    public static Disassembly of(BpfProgram program) throws BpfException {
        XlatedProgram x = program.xlated();
        byte[] code = x.instructions();
        KernelSymbols symbols = KernelSymbols.read();
        Map<Integer, String> mapNames = mapNames(program);
        Optional<Btf> btf = programBtf(x.btfId());
        Map<Integer, String> functions = new HashMap<>();
        Map<Integer, SourceLine> lines = new HashMap<>();
        btf.ifPresent(b -> {
            for (XlatedProgram.Function f : x.functions()) {
                prototype(b, f.typeId()).ifPresent(p -> functions.put(f.insn(), p));
            }
            for (XlatedProgram.Line l : x.lines()) {
                lines.putIfAbsent(l.insn(), new SourceLine(b.string(l.fileNameOffset()), l.line(), l.column(),
                        b.string(l.lineOffset()).stripLeading()));
            }
        });
        if (!functions.containsKey(0) && !program.info().name().isEmpty()) {
            functions.put(0, program.info().name()); // without BTF: the name the program was loaded with
        }
        long[] jited = x.jitedSymbols();
        InstructionNames names = new InstructionNames() {
            @Override
            public String callTarget(int index, int src, short off, int imm) {
                if (src == Pseudo.HELPER && imm >= 0 && imm < 1024) { // only tail calls keep their number (bpf_tail_call#12)
                    Optional<String> helper = HelperNames.ofKernel().helper(imm);
                    if (helper.isPresent()) {
                        return helper.get();
                    }
                }
                long address = symbols.callBase() + imm;
                if (src == Pseudo.CALL && imm >= 0 && imm < jited.length) {
                    address = jited[imm]; // JITed: imm is the callee's function index, off its distance
                }
                Optional<String> sym = symbols.callBase() == 0 ? Optional.empty() : symbols.at(address);
                if (src == Pseudo.CALL) {
                    if (jited.length == 0) {
                        return String.format(Locale.ROOT, "%+d", off);
                    }
                    return String.format(Locale.ROOT, "%+d#", off) + sym.orElse(hex(address));
                }
                return sym.orElse(hex(address));
            }

            @Override
            public String ldImm64(int index, int src, int imm, int nextImm) {
                switch (src) {
                    case Pseudo.MAP_FD:
                        return "map[id:" + imm + "]";
                    case Pseudo.MAP_VALUE:
                        return "map[id:" + imm + "][0]+" + nextImm;
                    case Pseudo.MAP_IDX_VALUE:
                        return "map[idx:" + imm + "]+" + nextImm;
                    case Pseudo.FUNC:
                        return String.format(Locale.ROOT, "subprog[%+d]", imm);
                    default:
                        return "0x" + Long.toHexString((long) nextImm << 32 | (imm & 0xffffffffL));
                }
            }
        };
        return Disassembly.decode(code, names, functions, lines, i -> {
            Instruction insn = Instruction.decode(code, i * Instruction.SIZE);
            if (insn.src() != Pseudo.MAP_FD && insn.src() != Pseudo.MAP_VALUE) {
                return null;
            }
            return new MapReference(insn.imm(), mapNames.getOrDefault(insn.imm(), ""), insn.src() == Pseudo.MAP_VALUE
                    ? Instruction.decode(code, (i + 1) * Instruction.SIZE).imm() : -1);
        }, i -> {
            // JITed programs hold the callee's distance in off; interpreted ones keep it in imm
            Instruction call = Instruction.decode(code, i * Instruction.SIZE);
            return i + 1 + (jited.length > 0 ? call.offset() : call.imm());
        });
    }

    private static String hex(long address) {
        return "0x" + Long.toHexString(address);
    }

    /** Map names by id for the maps the program uses (the kernel's list, as bpftool's map ids). */
    private static Map<Integer, String> mapNames(BpfProgram program) throws BpfException {
        Map<Integer, String> names = new HashMap<>();
        for (int id : program.queryInfo().mapIds()) {
            try (BpfMap m = KernelObjects.openMap(id, PinAccess.READ_ONLY)) {
                names.put(id, m.info().name());
            } catch (BpfException e) {
                // the map went away between the two calls; the listing shows its id alone
            }
        }
        return names;
    }

    private static Optional<Btf> programBtf(int btfId) throws BpfException {
        if (btfId == 0) {
            return Optional.empty();
        }
        try (BpfBtf btf = BpfBtf.open(btfId)) {
            return Optional.of(Btf.parse("BTF id " + btfId, btf.bytes()));
        } catch (BtfFormatException e) {
            return Optional.empty(); // the listing goes on without source lines
        }
    }

    /** "int count(struct xdp_md * ctx)", as bpftool spells a function's BTF prototype. */
    static Optional<String> prototype(Btf btf, int funcTypeId) {
        if (funcTypeId <= 0 || funcTypeId > btf.typeCount() || !(btf.type(funcTypeId) instanceof BtfType.Func f)
                || !(btf.type(f.protoType()) instanceof BtfType.FuncProto proto)) {
            return Optional.empty();
        }
        StringJoiner params = new StringJoiner(", ", "(", ")");
        for (BtfParam p : proto.params()) {
            params.add(btf.typeName(p.type()) + (p.name().isEmpty() ? "" : " " + p.name()));
        }
        return Optional.of(btf.typeName(proto.returnType()) + " " + f.name() + params);
    }
}
