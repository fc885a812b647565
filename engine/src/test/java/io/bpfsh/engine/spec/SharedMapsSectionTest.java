package io.bpfsh.engine.spec;

import static io.bpfsh.engine.spec.CraftedObject.concat;
import static io.bpfsh.engine.spec.CraftedObject.iproute2Map;
import static io.bpfsh.engine.spec.CraftedObject.libbpfMap;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shared {@code maps} section (iproute2 36-byte, libbpf 20-byte entries): the entry size is the section
 * size over the number of map symbols, and each symbol must start an entry.
 */
class SharedMapsSectionTest {
    private final CraftedObject o = new CraftedObject();

    private int maps(int size) {
        return o.data("maps", new byte[size]);
    }

    @Test
    void sizeThatDoesNotDivideBySymbols() {
        int s = maps(100);
        o.object("a", s, 0, 36);
        o.object("b", s, 36, 36);
        o.object("c", s, 72, 28);
        assertEquals("crafted.o: section maps: 100 bytes do not divide into 3 map definitions", o.specError());
    }

    @Test
    void entrySizeNeither36Nor20() {
        int s = maps(48);
        o.object("a", s, 0, 24);
        o.object("b", s, 24, 24);
        assertEquals("crafted.o: section maps: 48 bytes for 2 map symbols gives 24-byte entries; expected 36 (iproute2"
                + " struct bpf_elf_map) or 20 (libbpf struct bpf_map_def)", o.specError());
    }

    @Test
    void symbolNotAtAnEntryBoundary() {
        int s = o.data("maps", concat(iproute2Map(2, 4, 4, 1, 0, 0, 0), iproute2Map(2, 4, 4, 1, 0, 0, 0)));
        o.object("a", s, 0, 36);
        o.object("b", s, 30, 36);
        assertEquals("crafted.o: section maps: map symbol 'b' at offset 30 is not the start of a 36-byte entry",
                o.specError());
    }

    @Test
    void symbolAtTheEndOfTheSection() {
        o.object("a", maps(20), 20, 20);
        assertEquals("crafted.o: section maps: map symbol 'a' at offset 20 is not the start of a 20-byte entry",
                o.specError());
    }

    @Test
    void definitionsThatNoSymbolNames() {
        maps(36);
        assertEquals("crafted.o: section maps: no symbols name the 36 bytes of map definitions", o.specError());
    }

    @Test
    void sectionAndFileSymbolsAreNotMaps() throws Exception {
        int s = o.data("maps", iproute2Map(2, 4, 4, 1, 0, 0, 0));
        o.sectionSymbol(s);
        o.object("only", s, 0, 36);
        assertEquals(List.of("only"), o.spec().maps().stream().map(MapSpec::name).toList());
        assertEquals(MapLayout.IPROUTE2, o.spec().maps().get(0).layout());
    }

    @Test
    void emptySectionWithoutSymbolsHoldsNoMaps() throws Exception {
        maps(0);
        assertEquals(List.of(), o.spec().maps());
    }

    @Test
    void twentyByteEntriesAreLibbpfLegacyWithoutPinning() throws Exception {
        int s = o.data("maps", concat(libbpfMap(2, 4, 4, 1, 0), libbpfMap(1, 4, 8, 2, 0)));
        o.object("a", s, 0, 20);
        o.object("b", s, 20, 20);
        for (MapSpec m : o.spec().maps()) {
            assertEquals(MapLayout.LIBBPF_LEGACY, m.layout());
            assertEquals(Pinning.NONE, m.pinning());
        }
    }
}
