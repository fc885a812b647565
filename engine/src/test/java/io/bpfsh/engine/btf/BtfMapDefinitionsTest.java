package io.bpfsh.engine.btf;

import static io.bpfsh.engine.btf.BtfTest.assertOneLine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Map definitions assembled by hand, for the shapes clang would not produce from valid source. */
class BtfMapDefinitionsTest {
    /** A builder with {@code int}, and helpers for the libbpf-style member encodings. */
    private static final class Maps {
        final BtfBuilder b = new BtfBuilder();
        final int integer = b.integer("int", 4, BtfBuilder.SIGNED);

        /** {@code int (*)[n]}, what {@code __uint(name, n)} declares. */
        int uint(int n) {
            return b.ref(BtfKind.PTR, "", b.array(integer, integer, n));
        }

        int pointerTo(int type) {
            return b.ref(BtfKind.PTR, "", type);
        }

        /** A {@code .maps} section with one var {@code name} of a struct with these (name, type) members. */
        byte[] map(String name, Object... members) {
            Object[] quads = new Object[members.length * 2];
            for (int i = 0, j = 0; i < members.length; i += 2, j += 4) {
                quads[j] = members[i];
                quads[j + 1] = members[i + 1];
                quads[j + 2] = i * 32;
                quads[j + 3] = 0;
            }
            int struct = b.struct("", members.length * 4, quads);
            int var = b.var(name, struct, 1);
            b.datasec(".maps", 0, var, 0, members.length * 4);
            return b.build();
        }
    }

    @Test
    void readsEveryMember() throws Exception {
        Maps m = new Maps();
        int key = m.b.integer("long", 8, BtfBuilder.SIGNED);
        byte[] section = m.map("all", "type", m.uint(1), "key", m.pointerTo(key), "value", m.pointerTo(m.integer),
                "max_entries", m.uint(10), "map_flags", m.uint(3), "pinning", m.uint(1), "numa_node", m.uint(2),
                "map_extra", m.uint(9), "key_size", m.uint(8), "value_size", m.uint(4));
        assertEquals(List.of(new BtfMapDefinition("all", 1, key, 8, m.integer, 4, 10, 3, 1, 2, 9, 0)),
                BtfMapDefinitions.read(Btf.parse("t", section)));
    }

    @Test
    void noMapsSectionMeansNoMaps() throws Exception {
        assertEquals(List.of(), BtfMapDefinitions.read(new BtfBuilder().parse()));
    }

    @Test
    void refusesUnknownMember() {
        Maps m = new Maps();
        assertMapError(m.map("counters", "type", m.uint(1), "colour", m.uint(2)),
                "t: map counters: unknown member 'colour' (known: type, key, value, max_entries, map_flags, pinning, "
                        + "numa_node, map_extra, key_size, value_size, values)");
    }

    @Test
    void refusesMissingType() {
        Maps m = new Maps();
        assertMapError(m.map("counters", "max_entries", m.uint(2)), "t: map counters: definition has no 'type' member");
    }

    @Test
    void refusesMembersNotEncodedAsPointers() {
        Maps m = new Maps();
        assertMapError(m.map("m", "type", m.integer), "map m: member 'type' is int, expected a pointer to an array "
                + "as declared by __uint(type, n)");
        Maps v = new Maps();
        assertMapError(v.map("m", "type", v.uint(1), "key", v.integer), "map m: member 'key' is int, expected a "
                + "pointer to a type as declared by __type(key, T)");
        Maps w = new Maps();
        assertMapError(w.map("m", "type", w.uint(1), "values", w.pointerTo(w.integer)), "map m: member 'values' is "
                + "int *, expected an array of pointers as declared by __array(values, T)");
    }

    @Test
    void refusesKeySizeContradictingKeyType() {
        Maps m = new Maps();
        assertMapError(m.map("m", "type", m.uint(1), "key", m.pointerTo(m.integer), "key_size", m.uint(8)),
                "map m: key type int is 4 bytes but key_size says 8");
    }

    @Test
    void refusesDuplicateMember() {
        Maps m = new Maps();
        assertMapError(m.map("m", "type", m.uint(1), "type", m.uint(2)), "map m: member 'type' appears twice");
    }

    @Test
    void refusesNonStructDefinition() {
        BtfBuilder b = new BtfBuilder();
        int i = b.integer("int", 4, 0);
        int var = b.var("m", i, 1);
        b.datasec(".maps", 4, var, 0, 4);
        assertMapError(b.build(), "map m: definition is type 1 (INT int), expected a struct");
    }

    private static void assertMapError(byte[] section, String expected) {
        assertOneLine(assertThrows(BtfFormatException.class, () -> BtfMapDefinitions.read(Btf.parse("t", section))),
                expected);
    }
}
