package io.bpfsh.engine.spec;

import io.bpfsh.engine.elf.ElfFile;
import io.bpfsh.engine.elf.ElfRelocation;
import io.bpfsh.engine.elf.ElfRelocationSection;
import io.bpfsh.engine.elf.ElfSection;
import io.bpfsh.engine.elf.ElfSymbol;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The initial slots of BTF-defined maps, as libbpf reads them: clang writes {@code .values = { [i] = &x }} as a
 * relocation in {@code .rel.maps} at {@code values + 8 * i} inside the outer map's variable, against the symbol of
 * map or program {@code x}. Pure; what each target must be is checked by the caller, which knows the maps and
 * programs.
 */
final class BtfMapSlots {
    /** Where one map variable lies in {@code .maps}, and where its {@code values} member starts within it. */
    record Layout(long offset, long size, long valuesOffset) {
    }

    private BtfMapSlots() {
    }

    /**
     * @param layouts the map variables that have a {@code values} member, by map name
     * @return slots per map name, in relocation order
     */
    static Map<String, List<MapSlot>> read(ElfFile elf, ElfSection maps, Map<String, Layout> layouts, String file)
            throws ObjectSpecException {
        Map<String, List<MapSlot>> out = new HashMap<>();
        ElfRelocationSection rels = elf.relocationsFor(maps).orElse(null);
        if (rels == null) return out;
        if (rels.hasAddends()) throw error(file, rels.section().name() + " is RELA; eBPF objects use REL");
        for (ElfRelocation r : rels.relocations()) {
            String owner = null;
            for (Map.Entry<String, Layout> e : layouts.entrySet()) {
                Layout l = e.getValue();
                if (r.offset() >= l.offset() && r.offset() + 8 <= l.offset() + l.size()) owner = e.getKey();
            }
            String what = "relocation at offset " + r.offset() + " of " + rels.section().name();
            if (owner == null) throw error(file, what + " lies in no map's initial values");
            if (r.symbolIndex() <= 0 || r.symbolIndex() >= elf.symbols().size()) {
                throw error(file, what + " has no symbol");
            }
            if (r.type() != ElfRelocation.R_BPF_64_ABS64 && r.type() != ElfRelocation.R_BPF_64_64) {
                throw error(file, what + " has type " + Integer.toUnsignedString(r.type())
                        + ", not a 64-bit address");
            }
            Layout l = layouts.get(owner);
            long within = r.offset() - l.offset() - l.valuesOffset();
            if (within < 0 || within % 8 != 0) {
                throw error(file, what + " for map '" + owner + "' is not on a slot of its values");
            }
            ElfSymbol sym = elf.symbols().get(r.symbolIndex());
            if (sym.name().isEmpty()) throw error(file, what + " for map '" + owner + "' names no symbol");
            out.computeIfAbsent(owner, k -> new ArrayList<>()).add(new MapSlot((int) (within / 8), sym.name()));
        }
        return out;
    }

    private static ObjectSpecException error(String file, String problem) {
        return new ObjectSpecException(file + ": section .maps: " + problem);
    }
}
