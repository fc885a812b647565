package io.bpfsh.engine.elf;

import java.util.List;

/**
 * A relocation table (SHT_REL, or SHT_RELA) and the section it applies to.
 *
 * <p>eBPF objects use SHT_REL; an SHT_RELA table is read and checked the same way so that callers
 * see it and can refuse it by {@link #hasAddends()} rather than silently skip it.
 *
 * @param section the relocation table's own section
 * @param target the section the entries patch (sh_info)
 */
public record ElfRelocationSection(ElfSection section, ElfSection target,
        List<ElfRelocation> relocations) {

    public ElfRelocationSection {
        relocations = List.copyOf(relocations);
    }

    /** sh_info: the index of the section the entries patch. */
    public int targetIndex() {
        return target.index();
    }

    /** Whether this is an SHT_RELA table, whose entries carry explicit addends. */
    public boolean hasAddends() {
        return section.type() == ElfSection.SHT_RELA;
    }
}
