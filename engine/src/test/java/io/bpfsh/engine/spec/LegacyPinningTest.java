package io.bpfsh.engine.spec;

import static io.bpfsh.engine.spec.CraftedObject.concat;
import static io.bpfsh.engine.spec.CraftedObject.iproute2Map;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * iproute2's pinning field: 0 none, 1 object and 2 global namespace (both under tc's own "tc"), and any id
 * above 2, a custom id of /etc/iproute2/bpf_pinning, is read as PIN_CUSTOM_NS, which needs a pin path.
 */
class LegacyPinningTest {

    @Test
    void iproute2PinningValues() throws Exception {
        int[] values = {0, 1, 2, 3, 4, 255, -1};
        CraftedObject o = new CraftedObject();
        byte[][] defs = new byte[values.length][];
        for (int i = 0; i < values.length; i++) {
            defs[i] = iproute2Map(2, 4, 4, 1, 0, 0, values[i]);
        }
        int s = o.data("maps", concat(defs));
        for (int i = 0; i < values.length; i++) {
            o.object("m" + i, s, 36L * i, 36);
        }
        List<MapSpec> maps = o.spec().maps();
        assertEquals(List.of(Pinning.NONE, Pinning.OBJECT_NS, Pinning.GLOBAL_NS, Pinning.CUSTOM_NS, Pinning.CUSTOM_NS,
                Pinning.CUSTOM_NS, Pinning.CUSTOM_NS), maps.stream().map(MapSpec::pinning).toList());
        assertEquals(List.of("", "tc", "tc", "", "", "", ""), maps.stream().map(MapSpec::namespace).toList());
    }
}
