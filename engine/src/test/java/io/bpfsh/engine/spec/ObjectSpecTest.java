package io.bpfsh.engine.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpfsh.engine.sys.MapType;
import io.bpfsh.engine.sys.ProgType;
import io.bpfsh.engine.testing.Samples;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What each sample object asks for, read without the kernel. */
class ObjectSpecTest {

    private static ObjectSpec read(String sample) throws Exception {
        return ObjectSpec.read(Samples.object(sample));
    }

    private static void assertMap(MapSpec m, String name, MapLayout layout, MapType type, int key, int value, int max,
                                  Pinning pinning, String namespace) {
        assertEquals(name, m.name());
        assertEquals("maps/" + name, m.key());
        assertEquals(layout, m.layout());
        assertEquals(type, m.type());
        assertEquals(key, m.keySize());
        assertEquals(value, m.valueSize());
        assertEquals(max, m.maxEntries());
        assertEquals(pinning, m.pinning());
        assertEquals(namespace, m.namespace());
    }

    @Test
    void gobpfSeed() throws Exception {
        ObjectSpec s = read("gobpf_custom.o");
        assertEquals("GPL", s.license());
        assertEquals(ObjectSpec.CURRENT_KERNEL_VERSION, s.kernelVersion());
        assertEquals(1, s.maps().size());
        assertMap(s.maps().get(0), "dummy_array_custom", MapLayout.GOBPF, MapType.ARRAY, 4, 4, 1024, Pinning.CUSTOM_NS, "");
        assertEquals(1, s.programs().size());
        ProgramSpec p = s.programs().get(0);
        assertEquals("socket/dummy", p.section());
        assertEquals(ProgType.SOCKET_FILTER, p.type());
        assertTrue(p.relocations().stream().allMatch(r -> r.kind() == Relocation.Kind.MAP_FD
                && r.mapName().equals("dummy_array_custom")));
        assertTrue(!p.relocations().isEmpty());
    }

    @Test
    void gobpfGlobalAndObjectNamespaces() throws Exception {
        ObjectSpec g = read("gobpf_global.o");
        assertMap(g.map("dummy_hash").orElseThrow(), "dummy_hash", MapLayout.GOBPF, MapType.HASH, 4, 8, 128, Pinning.GLOBAL_NS, "ns1");
        assertMap(g.map("dummy_array").orElseThrow(), "dummy_array", MapLayout.GOBPF, MapType.ARRAY, 4, 4, 16, Pinning.GLOBAL_NS, "ns1");
        ObjectSpec o = read("gobpf_object.o");
        assertMap(o.map("dummy_object").orElseThrow(), "dummy_object", MapLayout.GOBPF, MapType.ARRAY, 4, 8, 8, Pinning.OBJECT_NS, "ns1");
        assertMap(o.map("dummy_private").orElseThrow(), "dummy_private", MapLayout.GOBPF, MapType.HASH, 4, 4, 32, Pinning.NONE, "");
    }

    @Test
    void iproute2Layout() throws Exception {
        ObjectSpec s = read("iproute2_tc.o");
        assertMap(s.map("tc_counts").orElseThrow(), "tc_counts", MapLayout.IPROUTE2, MapType.HASH, 4, 8, 64, Pinning.GLOBAL_NS, "tc");
        assertMap(s.map("tc_scratch").orElseThrow(), "tc_scratch", MapLayout.IPROUTE2, MapType.ARRAY, 4, 4, 4, Pinning.NONE, "");
        assertEquals(List.of("classifier"), s.programs().stream().map(ProgramSpec::section).toList());
        assertEquals(ProgType.SCHED_CLS, s.programs().get(0).type());
        assertEquals(java.util.Set.of("tc_counts", "tc_scratch"),
                s.programs().get(0).relocations().stream().map(Relocation::mapName).collect(java.util.stream.Collectors.toSet()));
    }

    @Test
    void libbpfLegacyLayout() throws Exception {
        ObjectSpec s = read("libbpf_legacy.o");
        assertMap(s.maps().get(0), "legacy_counts", MapLayout.LIBBPF_LEGACY, MapType.ARRAY, 4, 8, 4, Pinning.NONE, "");
        assertEquals(ProgType.XDP, s.programs().get(0).type());
    }

    @Test
    void globalData() throws Exception {
        ObjectSpec c = read("modern_config.o");
        MapSpec rodata = c.map(".rodata").orElseThrow();
        assertEquals(MapLayout.GLOBAL_DATA, rodata.layout());
        assertEquals(20, rodata.valueSize());
        assertTrue(rodata.frozen());
        assertEquals(8, c.map(".bss").orElseThrow().valueSize());
        assertEquals(4, c.map(".data").orElseThrow().valueSize());
        assertTrue(c.programs().get(0).relocations().stream().anyMatch(r -> r.kind() == Relocation.Kind.MAP_VALUE));
    }
}
