package io.bpfsh.engine.spec;

import static io.bpfsh.engine.spec.CraftedObject.concat;
import static io.bpfsh.engine.spec.CraftedObject.gobpfMap;
import static io.bpfsh.engine.spec.CraftedObject.iproute2Map;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Legacy definitions that gobpf or iproute2 would take silently, and bpfsh refuses with a reason. */
class LegacyMapAmbiguityTest {

    @Test
    void gobpfPinningAboveThree() {
        CraftedObject o = new CraftedObject();
        o.data("maps/x", gobpfMap(2, 4, 4, 4, 0, 7, "ns"));
        assertEquals("crafted.o: section maps/x: map 'x' has pinning value 7; gobpf's are PIN_NONE 0, PIN_OBJECT_NS 1,"
                + " PIN_GLOBAL_NS 2, PIN_CUSTOM_NS 3", o.specError());
    }

    @Test
    void twoSymbolsForOneIproute2Entry() {
        CraftedObject o = new CraftedObject();
        int maps = o.data("maps", concat(iproute2Map(2, 4, 4, 1, 0, 0, 0), iproute2Map(2, 4, 4, 1, 0, 0, 0),
                iproute2Map(2, 4, 4, 1, 0, 0, 0)));
        o.object("a", maps, 0, 36);
        o.object("alias", maps, 0, 36);
        o.object("c", maps, 72, 36);
        assertEquals("crafted.o: section maps: map symbols 'a' and 'alias' name the same entry at offset 0", o.specError());
    }
}
