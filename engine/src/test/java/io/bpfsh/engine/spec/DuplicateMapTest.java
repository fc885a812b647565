package io.bpfsh.engine.spec;

import static io.bpfsh.engine.spec.CraftedObject.concat;
import static io.bpfsh.engine.spec.CraftedObject.gobpfArray;
import static io.bpfsh.engine.spec.CraftedObject.iproute2Map;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bpfsh.engine.elf.ElfSymbol;
import org.junit.jupiter.api.Test;

/** Map names are the SectionParams keys ("maps/NAME"), so one name defined twice is refused, naming both sections. */
class DuplicateMapTest {
    private final CraftedObject o = new CraftedObject();

    @Test
    void gobpfSectionThenIproute2Symbol() {
        o.data("maps/x", gobpfArray(0, ""));
        o.object("x", o.data("maps", iproute2Map(2, 4, 4, 1, 0, 0, 0)), 0, 36);
        assertEquals("crafted.o: map 'x' is defined twice (sections maps/x and maps)", o.specError());
    }

    @Test
    void iproute2SymbolThenGobpfSection() {
        o.object("x", o.data("maps", iproute2Map(2, 4, 4, 1, 0, 0, 0)), 0, 36);
        o.data("maps/x", gobpfArray(0, ""));
        assertEquals("crafted.o: map 'x' is defined twice (sections maps and maps/x)", o.specError());
    }

    @Test
    void twoSymbolsOfOneNameInTheSharedSection() {
        int s = o.data("maps", concat(iproute2Map(2, 4, 4, 1, 0, 0, 0), iproute2Map(2, 4, 4, 1, 0, 0, 0)));
        o.symbol("x", ElfSymbol.STB_LOCAL, ElfSymbol.STT_OBJECT, s, 0, 36);
        o.symbol("x", ElfSymbol.STB_LOCAL, ElfSymbol.STT_OBJECT, s, 36, 36);
        assertEquals("crafted.o: map 'x' is defined twice (sections maps and maps)", o.specError());
    }
}
