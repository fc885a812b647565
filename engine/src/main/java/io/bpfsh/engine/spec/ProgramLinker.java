package io.bpfsh.engine.spec;

import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.btf.BtfExt;
import io.bpfsh.engine.elf.ElfFile;
import io.bpfsh.engine.elf.ElfRelocation;
import io.bpfsh.engine.elf.ElfRelocationSection;
import io.bpfsh.engine.elf.ElfSection;
import io.bpfsh.engine.elf.ElfSymbol;
import io.bpfsh.engine.externs.ExternSpec;
import io.bpfsh.engine.externs.ObjectExterns;
import io.bpfsh.engine.insn.Instruction;
import io.bpfsh.engine.insn.InstructionBuffer;
import io.bpfsh.engine.insn.Pseudo;
import io.bpfsh.engine.sys.ProgType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Splits an object's executable sections into programs and links each: the {@code .text} functions a
 * program calls are appended to it and the calls patched pc-relative, and every relocation on an
 * ld_imm64 becomes a map relocation for the loader. Pure: no kernel.
 *
 * <p>Longer than most because it is one pass: splitting, appending callees and rewriting their relocations
 * share the per-section offsets and symbol tables, and apart they would have to pass that state around.
 */
final class ProgramLinker {
    private static final int INSN = Instruction.SIZE;

    private final ElfFile elf;
    private final String file;
    /** map sections by section index: what a relocation's symbol section must be to name a map */
    private final MapReferences mapReferences;
    /** The object's .BTF.ext, whose records move with the code they describe; null without one. */
    private final BtfExt ext;
    private final ObjectExterns externs;

    ProgramLinker(ElfFile elf, String file, Map<Integer, List<MapSpec>> mapsBySection, Map<String, Long> mapOffsets,
            Set<Integer> globalDataSections, BtfExt ext, ObjectExterns externs) {
        this.elf = elf;
        this.file = file;
        this.mapReferences = new MapReferences(elf, file, mapsBySection, mapOffsets, globalDataSections);
        this.ext = ext;
        this.externs = externs;
    }

    List<ProgramSpec> readPrograms() throws EngineException {
        ElfSection text = elf.section(".text").filter(s -> s.size() > 0).orElse(null);
        List<ProgramSpec> programs = new ArrayList<>();
        for (ElfSection s : elf.sections()) {
            if (!s.isExecutable() || s.size() == 0) {
                continue;
            }
            if (s.size() % INSN != 0) {
                throw error(s, s.size() + " bytes is not a whole number of 8-byte instructions");
            }
            if (!s.hasFileData()) {
                throw error(s, "executable section holds no instructions in the file (SHT_NOBITS)");
            }
            if (s.name().equals(".text")) {
                continue; // subprograms, linked into the programs that call them
            }
            // a name no convention knows is still linked (UNSPEC), so a caller can give its type at load
            var known = ProgramSections.lookup(s.name());
            ProgType type = known.map(ProgramSection::type).orElse(ProgType.UNSPEC);
            int attach = known.map(ProgramSection::expectedAttachType).orElse(0);
            for (long[] range : functionRanges(s)) {
                programs.add(program(s, text, type, attach, range));
            }
        }
        return programs;
    }

    /**
     * [start, end, symbol] of the programs in a section: one per global function (aliases at the same
     * offset count once), else the whole section.
     */
    private List<long[]> functionRanges(ElfSection s) throws ObjectSpecException {
        List<ElfSymbol> funcs = new ArrayList<>();
        for (ElfSymbol sym : elf.symbols()) {
            if (sym.sectionIndex() == s.index() && sym.type() == ElfSymbol.STT_FUNC
                    && sym.bind() != ElfSymbol.STB_LOCAL && Long.compareUnsigned(sym.value(), s.size()) < 0) {
                if (sym.value() % INSN != 0) {
                    throw error(s, "function '" + sym.name() + "' starts at offset " + sym.value()
                            + ", which is not on an 8-byte instruction");
                }
                if (funcs.stream().noneMatch(f -> f.value() == sym.value())) {
                    funcs.add(sym);
                }
            }
        }
        funcs.sort((a, b) -> Long.compare(a.value(), b.value()));
        if (!funcs.isEmpty() && funcs.get(0).value() != 0) {
            throw error(s, funcs.get(0).value() + " bytes before the first function '" + funcs.get(0).name()
                    + "' belong to no program");
        }
        List<long[]> ranges = new ArrayList<>();
        if (funcs.size() <= 1) {
            ranges.add(new long[] {0, s.size(), funcs.isEmpty() ? -1 : funcs.get(0).index()});
            return ranges;
        }
        for (int i = 0; i < funcs.size(); i++) {
            long start = funcs.get(i).value();
            long end = i + 1 < funcs.size() ? funcs.get(i + 1).value() : s.size();
            ranges.add(new long[] {start, end, funcs.get(i).index()});
        }
        return ranges;
    }

    /** A run of instructions copied into a linked program: where it came from and where it went. */
    private record Piece(ElfSection section, int sectionStart, int linkedStart, int length) {
    }

    /**
     * One program, linked as libbpf links it: its own instructions, then each .text function it reaches, placed
     * once, depth first (a function's own callees follow it before the caller's later ones), so that the kernel
     * gets the same instructions in the same order as from libbpf. Reached means called (BPF-to-BPF call) or
     * taken as a callback address (an ld_imm64 of a .text function, which becomes BPF_PSEUDO_FUNC). Only
     * reachable code goes in, since the verifier refuses unreachable instructions. Map relocations of every
     * piece are collected for the loader, and the .BTF.ext records of every piece are moved to the program.
     */
    private ProgramSpec program(ElfSection s, ElfSection text, ProgType type, int attach, long[] range)
            throws EngineException {
        String name = range[2] >= 0 ? elf.symbols().get((int) range[2]).name() : s.name().replace('/', '_');
        InstructionBuffer code = InstructionBuffer.copyOf(ObjectSpecReader.bytes(s), (int) range[0], (int) (range[1] - range[0]));
        List<Piece> pieces = new ArrayList<>();
        pieces.add(new Piece(s, (int) (range[0] / INSN), 0, (int) ((range[1] - range[0]) / INSN)));
        Linking linking = new Linking(name, code, pieces, text, text == null ? List.of() : textFunctions(text),
                text == null ? null : ObjectSpecReader.bytes(text));
        // depth first without recursion: a stack of (piece, next instruction), as deep as the call graph
        java.util.ArrayDeque<int[]> stack = new java.util.ArrayDeque<>();
        stack.push(new int[] {0, 0});
        List<Map<Long, ElfRelocation>> relocsByPiece = new ArrayList<>();
        while (!stack.isEmpty()) {
            int[] top = stack.peek();
            Piece piece = pieces.get(top[0]);
            if (top[1] == 0 && relocsByPiece.size() <= top[0]) relocsByPiece.add(relocationsOf(piece));
            if (top[1] >= piece.length()) {
                stack.pop();
                continue;
            }
            int placedBefore = pieces.size();
            linkInstruction(linking, piece, top[1]++, relocsByPiece.get(top[0]));
            if (pieces.size() > placedBefore) stack.push(new int[] {placedBefore, 0}); // its callees come next
        }
        List<LinkedPiece> linked = new ArrayList<>();
        for (Piece p : pieces) linked.add(new LinkedPiece(p.section().name(), p.sectionStart(), p.linkedStart(),
                p.length()));
        return new ProgramSpec(s.name(), name, type, attach, code.toArray(), List.copyOf(linking.relocations),
                List.copyOf(linked), ext == null ? List.of() : LinkedBtfExt.funcInfo(ext, linked),
                ext == null ? List.of() : LinkedBtfExt.lineInfo(ext, linked));
    }

    /** The state of linking one program. */
    private static final class Linking {
        final String name;
        final InstructionBuffer code;
        final List<Piece> pieces;
        final ElfSection text;
        final List<long[]> textFunctions;
        final byte[] textBytes;
        final Map<Long, Integer> placed = new HashMap<>(); // .text function start -> linked instruction index
        final List<Relocation> relocations = new ArrayList<>();

        Linking(String name, InstructionBuffer code, List<Piece> pieces, ElfSection text, List<long[]> textFunctions,
                byte[] textBytes) {
            this.name = name;
            this.code = code;
            this.pieces = pieces;
            this.text = text;
            this.textFunctions = textFunctions;
            this.textBytes = textBytes;
        }
    }

    private Map<Long, ElfRelocation> relocationsOf(Piece piece) throws ObjectSpecException {
        Map<Long, ElfRelocation> relocs = new HashMap<>();
        for (ElfRelocation r : relocations(piece.section(), (long) piece.sectionStart() * INSN,
                (long) (piece.sectionStart() + piece.length()) * INSN)) {
            if (r.offset() % INSN != 0) {
                throw error(piece.section(), "relocation at offset " + r.offset() + " for symbol '"
                        + symbol(piece.section(), r).name() + "' is not on an instruction boundary");
            }
            relocs.put(r.offset(), r);
        }
        return relocs;
    }

    /** Links instruction {@code k} of a piece: a call or callback address to its target, else a map relocation. */
    private void linkInstruction(Linking l, Piece piece, int k, Map<Long, ElfRelocation> relocs)
            throws EngineException {
        int sectionIndex = piece.sectionStart() + k;
        int at = piece.linkedStart() + k;
        ElfRelocation r = relocs.get((long) sectionIndex * INSN);
        Instruction insn = l.code.get(at);
        if (r != null && symbol(piece.section(), r).sectionIndex() == ElfSymbol.SHN_UNDEF) {
            linkExtern(l, piece, at, r);
            return;
        }
        if (!insn.isPseudoCall()) {
            if (r != null && insn.isLdImm64() && l.text != null && isTextFunction(symbol(piece.section(), r), l.text)) {
                linkCallback(l, piece, at, r);
            } else if (r != null) {
                l.relocations.add(mapReferences.resolve(piece.section(), l.code, at, r, symbol(piece.section(), r)));
            }
            return;
        }
        int imm = insn.imm();
        long target; // the callee, as an instruction index in its section
        ElfSection targetSection;
        String callee = "";
        if (r != null) {
            ElfSymbol sym = symbol(piece.section(), r);
            if (sym.sectionIndex() == ElfSymbol.SHN_UNDEF) {
                throw error(piece.section(), "relocation at offset " + r.offset() + " refers to '"
                        + sym.name() + "', an undefined (extern) symbol; bpfsh does not resolve externs");
            }
            targetSection = elf.section(sym.sectionIndex()).orElse(null);
            callee = " to '" + sym.name() + "'";
            if (targetSection == null || !targetSection.isExecutable()) {
                throw error(piece.section(), "call at offset " + r.offset() + callee
                        + ", which is not a function in .text");
            }
            if (sym.value() % INSN != 0) {
                throw error(piece.section(), "call at offset " + r.offset() + callee + " points outside .text");
            }
            target = sym.value() / INSN + imm + 1;
        } else {
            targetSection = piece.section(); // a call inside the same section needs no relocation
            target = sectionIndex + imm + 1;
        }
        int linkedTarget;
        if (targetSection == piece.section() && targetSection != l.text) {
            if (target < piece.sectionStart() || target >= piece.sectionStart() + piece.length()) {
                throw error(piece.section(), "call at offset " + (long) sectionIndex * INSN
                        + " leaves the program '" + l.name + "'");
            }
            linkedTarget = piece.linkedStart() + (int) (target - piece.sectionStart());
        } else if (targetSection == l.text) {
            linkedTarget = place(l, piece, target, "call at offset " + (long) sectionIndex * INSN + callee);
        } else {
            throw error(piece.section(), "call at offset " + (long) sectionIndex * INSN
                    + " into section " + targetSection.name() + ", which is another program");
        }
        l.code.set(at, insn.withImm(linkedTarget - (at + 1))); // pc-relative
    }

    /**
     * A callback: {@code r2 = func ll} with a relocation against a .text function (its section symbol and an offset
     * for a static one, its own symbol for a global one). As libbpf, it becomes BPF_PSEUDO_FUNC with the
     * pc-relative index of the placed function.
     */
    private void linkCallback(Linking l, Piece piece, int at, ElfRelocation r) throws ObjectSpecException {
        ElfSymbol sym = symbol(piece.section(), r);
        Instruction insn = l.code.get(at);
        String what = "callback address at offset " + r.offset() + " ('" + sym.name() + "')";
        if (sym.value() % INSN != 0 || insn.imm() % INSN != 0) {
            throw error(piece.section(), what + " is not on an instruction of .text");
        }
        if (!l.code.isCompleteLdImm64(at)) {
            throw error(piece.section(), what + ": its 64-bit load (ld_imm64) is cut off by the end of the program");
        }
        long target = (sym.value() + Integer.toUnsignedLong(insn.imm())) / INSN;
        int linkedTarget = place(l, piece, target, what);
        l.code.set(at, insn.withSrc(Pseudo.FUNC).withImm(linkedTarget - (at + 1)));
    }

    /**
     * A use of an extern: a .kconfig value becomes a load from the .kconfig map at its offset (as libbpf does), a
     * typeless ksym the kernel symbol's address, filled in at load.
     */
    private void linkExtern(Linking l, Piece piece, int at, ElfRelocation r) throws ObjectSpecException {
        ElfSymbol sym = symbol(piece.section(), r);
        String what = "relocation at offset " + r.offset() + " refers to '" + sym.name() + "', an extern";
        ExternSpec e = externs.byName(sym.name()).orElseThrow(() -> error(piece.section(), what
                + " that the object's BTF does not declare in .kconfig or .ksyms (compile with clang -g)"));
        Instruction insn = l.code.get(at);
        if (e.kind() == ExternSpec.Kind.KFUNC && insn.isPseudoCall()) {
            l.relocations.add(new Relocation(at, Relocation.Kind.KFUNC_CALL, e.name(), 0));
            return;
        }
        if (e.kind() == ExternSpec.Kind.KFUNC || insn.isPseudoCall()) {
            throw error(piece.section(), what + ": a kernel function (kfunc) can only be called");
        }
        if (!insn.isLdImm64() || !l.code.isCompleteLdImm64(at)) {
            throw error(piece.section(), what + ", but is not on a whole 64-bit load (ld_imm64)");
        }
        switch (e.kind()) {
            case KCONFIG:
                l.relocations.add(new Relocation(at, Relocation.Kind.MAP_VALUE, ObjectExterns.KCONFIG, e.dataOffset()));
                return;
            case KSYM_ADDRESS:
                l.relocations.add(new Relocation(at, Relocation.Kind.KSYM_ADDRESS, e.name(), 0));
                return;
            default:
                throw error(piece.section(), what + ": typed kernel variables (ksyms with a BTF type) are not "
                        + "supported yet");
        }
    }

    /** libbpf's subprogram address: a .text section symbol (a static function) or a global function in .text. */
    private static boolean isTextFunction(ElfSymbol sym, ElfSection text) {
        if (sym.sectionIndex() != text.index()) return false;
        return (sym.bind() == ElfSymbol.STB_LOCAL && sym.type() == ElfSymbol.STT_SECTION)
                || (sym.bind() == ElfSymbol.STB_GLOBAL && sym.type() == ElfSymbol.STT_FUNC);
    }

    /** The linked index of .text instruction {@code target}, appending its function on first use. */
    private int place(Linking l, Piece from, long target, String what) throws ObjectSpecException {
        long[] f = functionAt(l.textFunctions, target);
        if (f == null) throw error(from.section(), what + " points outside .text");
        Integer start = l.placed.get(f[0]);
        if (start == null) {
            start = l.code.append(l.textBytes, (int) (f[0] * INSN), (int) ((f[1] - f[0]) * INSN));
            l.placed.put(f[0], start);
            l.pieces.add(new Piece(l.text, (int) f[0], start, (int) (f[1] - f[0])));
        }
        return start + (int) (target - f[0]);
    }

    /** [start, end) instruction ranges of the functions in .text, by their symbols (any binding). */
    private List<long[]> textFunctions(ElfSection text) {
        java.util.TreeSet<Long> starts = new java.util.TreeSet<>();
        for (ElfSymbol sym : elf.symbols()) {
            if (sym.sectionIndex() == text.index() && sym.type() == ElfSymbol.STT_FUNC && sym.value() % INSN == 0
                    && Long.compareUnsigned(sym.value(), text.size()) < 0) {
                starts.add(sym.value() / INSN);
            }
        }
        starts.add(0L);
        List<long[]> out = new ArrayList<>();
        long end = text.size() / INSN;
        for (Long st : starts) {
            Long next = starts.higher(st);
            out.add(new long[] {st, next == null ? end : next});
        }
        return out;
    }

    private static long[] functionAt(List<long[]> functions, long index) {
        for (long[] f : functions) {
            if (index >= f[0] && index < f[1]) {
                return f;
            }
        }
        return null;
    }

    private ElfSymbol symbol(ElfSection s, ElfRelocation r) throws ObjectSpecException {
        if (r.symbolIndex() <= 0 || r.symbolIndex() >= elf.symbols().size()) {
            throw error(s, "relocation at offset " + r.offset() + " has no symbol");
        }
        return elf.symbols().get(r.symbolIndex());
    }

    /** The REL entries of a section that fall in [start, end); RELA is refused (BPF objects use REL). */
    private List<ElfRelocation> relocations(ElfSection target, long start, long end) throws ObjectSpecException {
        List<ElfRelocation> out = new ArrayList<>();
        for (ElfRelocationSection rs : elf.relocationSections()) {
            if (rs.target().index() != target.index()) {
                continue;
            }
            if (rs.hasAddends()) {
                throw error(target, "relocations in " + rs.section().name() + " are RELA; eBPF objects use REL");
            }
            for (ElfRelocation r : rs.relocations()) {
                if (r.offset() >= start && r.offset() < end) {
                    out.add(r);
                }
            }
        }
        return out;
    }

    private ObjectSpecException error(ElfSection s, String problem) {
        return ObjectSpecException.inSection(file, s, problem);
    }
}
