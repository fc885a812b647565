package io.bpfsh.engine.spec;

import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.elf.ElfFile;
import io.bpfsh.engine.elf.ElfRelocation;
import io.bpfsh.engine.elf.ElfRelocationSection;
import io.bpfsh.engine.elf.ElfSection;
import io.bpfsh.engine.elf.ElfSymbol;
import io.bpfsh.engine.insn.Instruction;
import io.bpfsh.engine.insn.InstructionBuffer;
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
 */
final class ProgramLinker {
    private static final int INSN = Instruction.SIZE;

    private final ElfFile elf;
    private final String file;
    /** map sections by section index: what a relocation's symbol section must be to name a map */
    private final Map<Integer, List<MapSpec>> mapsBySection;
    private final Map<String, Long> mapOffsets;
    private final Set<Integer> globalDataSections;

    ProgramLinker(ElfFile elf, String file, Map<Integer, List<MapSpec>> mapsBySection, Map<String, Long> mapOffsets,
            Set<Integer> globalDataSections) {
        this.elf = elf;
        this.file = file;
        this.mapsBySection = mapsBySection;
        this.mapOffsets = mapOffsets;
        this.globalDataSections = globalDataSections;
    }

    List<ProgramSpec> readPrograms(List<String> skipped) throws EngineException {
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
            ProgType type = ProgramTypes.of(s.name());
            if (type == null) {
                skipped.add(s.name() + ": unknown program type (section name not recognised)");
                continue;
            }
            int attach = ProgramTypes.expectedAttachType(s.name());
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
     * One program, linked: its own instructions, then each .text function it reaches through BPF-to-BPF
     * calls (transitively), each placed once, as libbpf does. Only reachable code goes in, since the
     * verifier refuses unreachable instructions. Calls are fixed to the placed copies; map relocations
     * of every piece are collected for the loader.
     */
    private ProgramSpec program(ElfSection s, ElfSection text, ProgType type, int attach, long[] range)
            throws EngineException {
        String name = range[2] >= 0 ? elf.symbols().get((int) range[2]).name() : s.name().replace('/', '_');
        InstructionBuffer code = InstructionBuffer.copyOf(ObjectSpecReader.bytes(s), (int) range[0], (int) (range[1] - range[0]));
        List<Piece> pieces = new ArrayList<>();
        pieces.add(new Piece(s, (int) (range[0] / INSN), 0, (int) ((range[1] - range[0]) / INSN)));
        List<long[]> textFunctions = text == null ? List.of() : textFunctions(text);
        Map<Long, Integer> placed = new HashMap<>(); // .text function start -> linked instruction index
        List<Relocation> out = new ArrayList<>();
        byte[] textBytes = text == null ? null : ObjectSpecReader.bytes(text);
        for (int p = 0; p < pieces.size(); p++) { // pieces grows as calls reach more functions
            Piece piece = pieces.get(p);
            Map<Long, ElfRelocation> relocs = new HashMap<>();
            for (ElfRelocation r : relocations(piece.section(), (long) piece.sectionStart() * INSN,
                    (long) (piece.sectionStart() + piece.length()) * INSN)) {
                if (r.offset() % INSN != 0) {
                    throw error(piece.section(), "relocation at offset " + r.offset() + " for symbol '"
                            + symbol(piece.section(), r).name() + "' is not on an instruction boundary");
                }
                relocs.put(r.offset(), r);
            }
            for (int k = 0; k < piece.length(); k++) {
                int sectionIndex = piece.sectionStart() + k;
                int at = piece.linkedStart() + k;
                ElfRelocation r = relocs.get((long) sectionIndex * INSN);
                if (!code.get(at).isPseudoCall()) {
                    if (r != null) {
                        resolveMap(piece.section(), code, at, r, out);
                    }
                    continue;
                }
                int imm = code.get(at).imm();
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
                if (targetSection == piece.section() && targetSection != text) {
                    if (target < piece.sectionStart() || target >= piece.sectionStart() + piece.length()) {
                        throw error(piece.section(), "call at offset " + (long) sectionIndex * INSN
                                + " leaves the program '" + name + "'");
                    }
                    linkedTarget = piece.linkedStart() + (int) (target - piece.sectionStart());
                } else if (targetSection == text) {
                    long[] f = functionAt(textFunctions, target);
                    if (f == null) {
                        throw error(piece.section(), "call at offset " + (long) sectionIndex * INSN + callee
                                + " points outside .text");
                    }
                    Integer start = placed.get(f[0]);
                    if (start == null) {
                        start = code.append(textBytes, (int) (f[0] * INSN), (int) ((f[1] - f[0]) * INSN));
                        placed.put(f[0], start);
                        pieces.add(new Piece(text, (int) f[0], start, (int) (f[1] - f[0])));
                    }
                    linkedTarget = start + (int) (target - f[0]);
                } else {
                    throw error(piece.section(), "call at offset " + (long) sectionIndex * INSN
                            + " into section " + targetSection.name() + ", which is another program");
                }
                code.set(at, code.get(at).withImm(linkedTarget - (at + 1))); // pc-relative
            }
        }
        return new ProgramSpec(s.name(), name, type, attach, code.toArray(), List.copyOf(out));
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

    /** Turns one ELF relocation on an ld_imm64 into a map relocation at linked instruction {@code at}. */
    private void resolveMap(ElfSection s, InstructionBuffer code, int at, ElfRelocation r, List<Relocation> out)
            throws ObjectSpecException {
        ElfSymbol sym = symbol(s, r);
        int symSection = sym.sectionIndex();
        if (symSection == ElfSymbol.SHN_UNDEF) {
            throw error(s, "relocation at offset " + r.offset() + " refers to '" + sym.name()
                    + "', an undefined (extern) symbol; bpfsh does not resolve externs");
        }
        Instruction insn = code.get(at);
        int imm = insn.imm();
        if (!insn.isLdImm64()) {
            throw error(s, String.format("relocation at offset %d for symbol '%s' is on instruction 0x%02x, not a 64-bit load (ld_imm64)",
                    r.offset(), sym.name(), insn.opcode()));
        }
        if (!code.isCompleteLdImm64(at)) {
            throw error(s, "relocation at offset " + r.offset() + " for symbol '" + sym.name()
                    + "': its 64-bit load (ld_imm64) is cut off by the end of the program");
        }
        List<MapSpec> maps = mapsBySection.get(symSection);
        if (maps == null) {
            String where = elf.section(symSection).map(ElfSection::name).orElse("section " + symSection);
            throw error(s, "relocation at offset " + r.offset() + " refers to '" + sym.name() + "' in " + where
                    + ", which holds no map");
        }
        long offset = Integer.toUnsignedLong(imm) + sym.value();
        if (globalDataSections.contains(symSection)) {
            MapSpec m = maps.get(0);
            if (offset >= m.valueSize()) {
                throw error(s, "relocation at offset " + r.offset() + " points " + offset + " bytes into "
                        + m.name() + ", which is " + m.valueSize() + " bytes");
            }
            out.add(new Relocation(at, Relocation.Kind.MAP_VALUE, m.name(), offset));
            return;
        }
        out.add(new Relocation(at, Relocation.Kind.MAP_FD, mapAt(s, r, sym, maps, offset), 0));
    }

    private String mapAt(ElfSection s, ElfRelocation r, ElfSymbol sym, List<MapSpec> maps, long offset)
            throws ObjectSpecException {
        if (maps.size() == 1 && Long.valueOf(-1L).equals(mapOffsets.get(maps.get(0).name()))) {
            return maps.get(0).name(); // gobpf: the section is the map
        }
        if (sym.type() != ElfSymbol.STT_SECTION) {
            for (MapSpec m : maps) {
                if (m.name().equals(sym.name())) {
                    return m.name();
                }
            }
        }
        for (MapSpec m : maps) {
            Long o = mapOffsets.get(m.name());
            if (o != null && o == offset) {
                return m.name();
            }
        }
        throw error(s, "relocation at offset " + r.offset() + " refers to '" + sym.name() + "' (offset " + offset
                + "), which is not the start of a map definition");
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
