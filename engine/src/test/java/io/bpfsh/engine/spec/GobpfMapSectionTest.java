package io.bpfsh.engine.spec;

import static io.bpfsh.engine.spec.CraftedObject.gobpfArray;
import static io.bpfsh.engine.spec.CraftedObject.gobpfMap;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** gobpf's layout: exactly one 280-byte bpf_map_def per maps/NAME section, NAME not empty. */
class GobpfMapSectionTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 20, 36, 279, 281, 560})
    void sectionThatIsNot280Bytes(int size) {
        CraftedObject o = new CraftedObject();
        o.data("maps/x", Arrays.copyOf(gobpfArray(0, ""), size));
        assertEquals("crafted.o: section maps/x: " + size + " bytes; a gobpf map definition (struct bpf_map_def with"
                + " pinning and namespace) is 280 bytes, one map per maps/<name> section", o.specError());
    }

    @Test
    void sectionWithAnEmptyName() {
        CraftedObject o = new CraftedObject();
        o.data("maps/", gobpfArray(0, ""));
        assertEquals("crafted.o: section maps/: map section has no name after 'maps/'", o.specError());
    }

    @Test
    void namespaceFillingAll256BytesNeedsNoNul() throws Exception {
        CraftedObject o = new CraftedObject();
        o.data("maps/x", gobpfMap(2, 4, 4, 4, 0, 2, "n".repeat(256)));
        assertEquals("n".repeat(256), o.spec().map("x").orElseThrow().namespace());
    }
}
