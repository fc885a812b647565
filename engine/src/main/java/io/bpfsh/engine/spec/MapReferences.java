package io.bpfsh.engine.spec;

import io.bpfsh.engine.elf.ElfFile;
import io.bpfsh.engine.elf.ElfRelocation;
import io.bpfsh.engine.elf.ElfSection;
import io.bpfsh.engine.elf.ElfSymbol;
import io.bpfsh.engine.insn.Instruction;
import io.bpfsh.engine.insn.InstructionBuffer;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which map an ld_imm64 relocation names: a map definition in one of the layouts (gobpf's section per map,
 * iproute2's and libbpf's shared sections, by symbol or offset), or a byte inside a global-data map. Pure.
 */
final class MapReferences {
    private final ElfFile elf;
    private final String file;
    /** map sections by section index: what a relocation's symbol section must be to name a map */
    private final Map<Integer, List<MapSpec>> mapsBySection;
    private final Map<String, Long> mapOffsets;
    private final Set<Integer> globalDataSections;

    MapReferences(ElfFile elf, String file, Map<Integer, List<MapSpec>> mapsBySection, Map<String, Long> mapOffsets,
            Set<Integer> globalDataSections) {
        this.elf = elf;
        this.file = file;
        this.mapsBySection = mapsBySection;
        this.mapOffsets = mapOffsets;
        this.globalDataSections = globalDataSections;
    }

    /** Turns one ELF relocation on an ld_imm64 into a map relocation at linked instruction {@code at}. */
    Relocation resolve(ElfSection s, InstructionBuffer code, int at, ElfRelocation r, ElfSymbol sym)
            throws ObjectSpecException {
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
            return new Relocation(at, Relocation.Kind.MAP_VALUE, m.name(), offset);
        }
        return new Relocation(at, Relocation.Kind.MAP_FD, mapAt(s, r, sym, maps, offset), 0);
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

    private ObjectSpecException error(ElfSection s, String problem) {
        return ObjectSpecException.inSection(file, s, problem);
    }
}
