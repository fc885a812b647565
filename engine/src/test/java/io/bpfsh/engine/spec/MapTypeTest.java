package io.bpfsh.engine.spec;

import static io.bpfsh.engine.spec.CraftedObject.concat;
import static io.bpfsh.engine.spec.CraftedObject.gobpfMap;
import static io.bpfsh.engine.spec.CraftedObject.iproute2Map;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A map type the kernel would not know (or map-in-map, not supported yet) is refused, naming map and section. */
class MapTypeTest {

    @ParameterizedTest
    @CsvSource({"0, 0", "9999, 9999", "-1, 4294967295"})
    void unknownTypeInAGobpfSection(int type, String shown) {
        CraftedObject o = new CraftedObject();
        o.data("maps/x", gobpfMap(type, 4, 4, 4, 0, 0, ""));
        assertEquals("crafted.o: section maps/x: map 'x' has unknown map type " + shown, o.specError());
    }

    @Test
    void unknownTypeInTheSharedSectionNamesTheSymbol() {
        CraftedObject o = new CraftedObject();
        int s = o.data("maps", concat(iproute2Map(2, 4, 4, 1, 0, 0, 0), iproute2Map(77, 4, 4, 1, 0, 0, 0)));
        o.object("good", s, 0, 36);
        o.object("bad", s, 36, 36);
        assertEquals("crafted.o: section maps: map 'bad' has unknown map type 77", o.specError());
    }

    @ParameterizedTest
    @CsvSource({"12, array_of_maps", "13, hash_of_maps"})
    void mapInMapWithoutAnInnerMapDefinition(int type, String name) {
        CraftedObject o = new CraftedObject();
        o.data("maps/outer", gobpfMap(type, 4, 4, 4, 0, 0, ""));
        assertEquals("crafted.o: section maps/outer: map 'outer' is a " + name + ", which only iproute2's layout "
                + "(inner_id) and .maps can define", o.specError());
    }
}
