package io.bpfsh.engine.load;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.spec.Pinning;
import io.bpfsh.engine.sys.BpfMap;
import io.bpfsh.engine.sys.MapAttributes;
import io.bpfsh.engine.sys.MapType;
import io.bpfsh.engine.sys.UpdateMode;
import io.bpfsh.engine.testing.Bpftool;
import io.bpfsh.engine.testing.KernelTest;
import io.bpfsh.engine.testing.Samples;
import io.bpfsh.engine.testing.TestBpffs;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** gobpf's pinning options end to end on the real kernel, checked on bpffs and with bpftool. */
@KernelTest
class ModuleKernelTest {
    @RegisterExtension
    final TestBpffs fs = new TestBpffs();

    private Module open(String sample) throws EngineException {
        return Module.open(Samples.object(sample), fs.bpffs());
    }

    static byte[] u32(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
    }

    static byte[] u64(long v) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array();
    }

    private static void assertPinnedMap(Path path, BpfMap map) {
        assertTrue(Files.isRegularFile(path), path + " is a pin");
        String json = Bpftool.mapShowPinned(path.toString());
        assertEquals(map.id(), Bpftool.number(json, "id"), "bpftool sees the same map at " + path);
        assertEquals(map.info().typeName(), Bpftool.string(json, "type"));
    }

    @Test
    void seedScenarioCustomNamespace() throws Exception {
        Path pin = fs.root().resolve("ns1/test1");
        int id;
        try (Module m = open("gobpf_custom.o")) {
            LoadReport report = m.load(Map.of("maps/dummy_array_custom", SectionParams.pinPath("ns1/test1")));
            LoadedMap lm = m.map("dummy_array_custom").orElseThrow();
            assertEquals(Pinning.CUSTOM_NS, lm.pinning());
            assertEquals(pin, lm.pinPath().orElseThrow().path());
            assertFalse(lm.reused());
            assertPinnedMap(pin, lm.map());
            id = lm.map().id();
            assertTrue(report.events().stream().anyMatch(e -> e.toString().equals(
                    "pinned map dummy_array_custom at " + pin + " (PIN_CUSTOM_NS)")), report.toString());
            assertEquals("socket_filter", m.program("socket/dummy").orElseThrow().program().info().typeName());

            CloseReport closed = m.close(Map.of("maps/dummy_array_custom", CloseOptions.unpinning("ns1/test1")));
            assertEquals(List.of(pin.toString()), closed.unpinned());
        }
        assertFalse(Files.exists(pin), "close with unpin removed the pin");
        assertEquals(List.of(), fs.tree(), "and the ns1 directory the load created");
        // the kernel frees a map asynchronously (after its programs' RCU grace period): wait for it
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (io.bpfsh.engine.sys.KernelObjects.mapIds().contains(id) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertFalse(io.bpfsh.engine.sys.KernelObjects.mapIds().contains(id), "the map is gone with its last reference");
    }

    @Test
    void theUnpinPathIsThePathTheLoadPinnedAtForNamedPinsOnly() throws Exception {
        Path pin = fs.root().resolve("ns1/test1");
        try (Module custom = open("gobpf_custom.o"); Module global = open("gobpf_global.o")) {
            custom.load(Map.of("maps/dummy_array_custom", SectionParams.pinPath("ns1/test1")));
            global.load(Map.of());
            LoadedMap lm = custom.map("dummy_array_custom").orElseThrow();
            assertEquals(pin.toString(), lm.unpinPath().orElseThrow());
            LoadedMap g = global.maps().get(0);
            assertTrue(g.pinPath().isPresent());
            assertTrue(g.unpinPath().isEmpty(), "PIN_GLOBAL_NS: close computes the path itself");

            CloseReport r = custom.close(Map.of(lm.key(), CloseOptions.unpinning(lm.unpinPath().orElseThrow())));
            assertEquals(List.of(pin.toString()), r.unpinned());
            assertFalse(Files.exists(pin));
            global.close(Map.of(g.key(), CloseOptions.unpinning()));
        }
    }

    @Test
    void closingWithUnpinKeepsARootTheLoadHadToCreate() throws Exception {
        var root = fs.root().resolve("fresh");
        var bpffs = new io.bpfsh.engine.fs.Bpffs(root);
        try (Module m = Module.open(Samples.object("gobpf_global.o"), bpffs)) {
            m.load(Map.of());
            m.close(Map.of("maps/dummy_hash", CloseOptions.unpinning(), "maps/dummy_array", CloseOptions.unpinning()));
        }
        assertEquals(List.of("fresh"), fs.tree(), "ns1/globals went, the root stayed");
    }

    @Test
    void customNamespaceAbsolutePathInsideRootAndRefusedOutside() throws Exception {
        try (Module m = open("gobpf_custom.o")) {
            m.load(Map.of("maps/dummy_array_custom", SectionParams.pinPath(fs.root() + "/abs/pin")));
            assertTrue(Files.exists(fs.root().resolve("abs/pin")));
            m.close(Map.of("maps/dummy_array_custom", CloseOptions.unpinning(fs.root() + "/abs/pin")));
        }
        try (Module m = open("gobpf_custom.o")) {
            EngineException e = assertThrows(EngineException.class,
                    () -> m.load(Map.of("maps/dummy_array_custom", SectionParams.pinPath("/tmp/outside"))));
            assertEquals(Samples.object("gobpf_custom.o") + ": map dummy_array_custom: pin path /tmp/outside is outside the bpffs root "
                    + fs.root(), e.getMessage());
            EngineException none = assertThrows(EngineException.class, () -> m.load(Map.of()));
            assertTrue(none.getMessage().endsWith("map dummy_array_custom: PIN_CUSTOM_NS needs a pin path, and none was given for maps/dummy_array_custom"),
                    none.getMessage());
        }
        assertEquals(List.of(), fs.tree());
    }

    @Test
    void closeWithoutUnpinKeepsThePinAndASecondModuleReusesIt() throws Exception {
        Path pin = fs.root().resolve("keep/me");
        Map<String, SectionParams> params = Map.of("maps/dummy_array_custom", SectionParams.pinPath("keep/me"));
        int id;
        try (Module first = open("gobpf_custom.o")) {
            first.load(params);
            BpfMap map = first.map("dummy_array_custom").orElseThrow().map();
            id = map.id();
            map.update(u32(5), u32(55), UpdateMode.ANY);
        }
        assertTrue(Files.exists(pin), "close() never unpins");
        try (Module second = open("gobpf_custom.o")) {
            LoadReport r = second.load(params);
            LoadedMap lm = second.map("dummy_array_custom").orElseThrow();
            assertTrue(lm.reused());
            assertEquals(id, lm.map().id(), "same map id");
            assertArrayEquals(u32(55), lm.map().lookup(u32(5)), "sees the value the first module wrote");
            assertTrue(r.events().stream().anyMatch(e -> e.kind() == LoadEvent.Kind.REUSED));
            CloseReport c = second.close(Map.of("maps/dummy_array_custom", CloseOptions.unpinning("keep/me")));
            assertEquals(1, c.notes().size());
            assertTrue(c.notes().get(0).contains("which this module reused rather than created"), c.notes().get(0));
        }
        assertFalse(Files.exists(pin));
    }

    @Test
    void globalNamespaceSharedBetweenModules() throws Exception {
        Path hash = fs.root().resolve("ns1/globals/dummy_hash");
        Path array = fs.root().resolve("ns1/globals/dummy_array");
        try (Module a = open("gobpf_global.o"); Module b = open("gobpf_global.o")) {
            a.load(Map.of());
            assertPinnedMap(hash, a.map("dummy_hash").orElseThrow().map());
            assertPinnedMap(array, a.map("dummy_array").orElseThrow().map());
            a.map("dummy_hash").orElseThrow().map().update(u32(1), u64(42), UpdateMode.ANY);
            b.load(Map.of());
            assertEquals(a.map("dummy_hash").orElseThrow().map().id(), b.map("dummy_hash").orElseThrow().map().id());
            assertArrayEquals(u64(42), b.map("dummy_hash").orElseThrow().map().lookup(u32(1)));
            a.close();
            assertTrue(Files.exists(hash));
            b.close(Map.of("maps/dummy_hash", CloseOptions.unpinning(), "maps/dummy_array", CloseOptions.unpinning()));
        }
        assertFalse(Files.exists(hash));
        assertFalse(Files.exists(array));
    }

    @Test
    void objectNamespaceUsesTheSha1OfTheFile() throws Exception {
        try (Module a = open("gobpf_object.o")) {
            a.load(Map.of());
            assertEquals(40, a.objectId().length());
            Path pin = fs.root().resolve("ns1/" + a.objectId() + "/dummy_object");
            assertEquals(pin, a.map("dummy_object").orElseThrow().pinPath().orElseThrow().path());
            assertPinnedMap(pin, a.map("dummy_object").orElseThrow().map());
            assertTrue(a.map("dummy_private").orElseThrow().pinPath().isEmpty(), "PIN_NONE is not pinned");
            try (Module same = open("gobpf_object.o")) {
                same.load(Map.of());
                assertEquals(a.map("dummy_object").orElseThrow().map().id(), same.map("dummy_object").orElseThrow().map().id(),
                        "two loads of the same object share the map");
                assertNotEquals(a.map("dummy_private").orElseThrow().map().id(), same.map("dummy_private").orElseThrow().map().id());
            }
            // a rebuilt object (other bytes) gets its own directory
            Path rebuilt = Files.createTempFile("bpfsh-rebuilt", ".o");
            try {
                byte[] bytes = Files.readAllBytes(Samples.object("gobpf_object.o"));
                Files.write(rebuilt, java.util.Arrays.copyOf(bytes, bytes.length + 8));
                try (Module other = Module.open(rebuilt, fs.bpffs())) {
                    other.load(Map.of());
                    assertNotEquals(a.objectId(), other.objectId());
                    assertNotEquals(a.map("dummy_object").orElseThrow().map().id(), other.map("dummy_object").orElseThrow().map().id());
                    other.close(Map.of("maps/dummy_object", CloseOptions.unpinning()));
                }
            } finally {
                Files.delete(rebuilt);
            }
            a.close(Map.of("maps/dummy_object", CloseOptions.unpinning()));
            assertFalse(Files.exists(pin));
        }
        assertEquals(List.of(), fs.tree(), "unpinning removed the directories the loads created");
    }

    @Test
    void iproute2ObjectsPinGlobalsUnderTc() throws Exception {
        try (Module m = open("iproute2_tc.o")) {
            m.load(Map.of());
            Path pin = fs.root().resolve("tc/globals/tc_counts");
            assertPinnedMap(pin, m.map("tc_counts").orElseThrow().map());
            assertEquals("sched_cls", m.program("classifier").orElseThrow().program().info().typeName());
            m.close(Map.of("maps/tc_counts", CloseOptions.unpinning()));
        }
    }

    @Test
    void xdpCounterUpdatesItsMapThroughTheRelocation() throws Exception {
        try (Module m = open("xdp_counter.o")) {
            m.load(Map.of());
            BpfMap packets = m.map("packets").orElseThrow().map();
            var prog = m.program("xdp/count").orElseThrow().program();
            assertEquals(List.of(packets.id()), prog.info().mapIds(), "the program references the map");
            for (int run = 1; run <= 3; run++) {
                assertEquals(2, prog.testRun(new byte[64], 1).returnValue(), "XDP_PASS");
                assertArrayEquals(u64(run), packets.lookup(u32(0)), "one more packet counted");
            }
            m.close(Map.of("maps/packets", CloseOptions.unpinning()));
        }
    }

    @Test
    void libbpfLegacyAndGlobalDataLoad() throws Exception {
        try (Module m = open("libbpf_legacy.o")) {
            m.load(Map.of());
            var prog = m.program("xdp").orElseThrow().program();
            prog.testRun(new byte[64], 1);
            assertArrayEquals(u64(1), m.map("legacy_counts").orElseThrow().map().lookup(u32(0)));
        }
        try (Module m = open("modern_config.o")) {
            m.load(Map.of());
            BpfMap bss = m.map(".bss").orElseThrow().map();
            BpfMap data = m.map(".data").orElseThrow().map();
            assertArrayEquals(u32(5), data.lookup(u32(0)), ".data starts with its initial value");
            m.programs().get(0).program().testRun(new byte[64], 1);
            m.programs().get(0).program().testRun(new byte[64], 1);
            assertArrayEquals(u64(2), bss.lookup(u32(0)), "hits += cfg_divisor (1) per run");
            assertArrayEquals(u32(1), data.lookup(u32(0)));
            BpfMap rodata = m.map(".rodata").orElseThrow().map();
            assertEquals("bpfsh", new String(rodata.lookup(u32(0)), 4, 5));
            assertThrows(EngineException.class, () -> rodata.update(u32(0), new byte[20], UpdateMode.ANY),
                    ".rodata is frozen");
        }
    }

    @Test
    void maxEntriesOverride() throws Exception {
        try (Module m = open("gobpf_custom.o")) {
            m.load(Map.of("maps/dummy_array_custom", new SectionParams("big", 4096)));
            assertEquals(4096, m.map("dummy_array_custom").orElseThrow().map().info().maxEntries());
            m.close(Map.of("maps/dummy_array_custom", CloseOptions.unpinning("big")));
        }
    }

    @Test
    void badParamsAndCloseOptionsChangeNothing() throws Exception {
        try (Module m = open("gobpf_custom.o")) {
            EngineException e = assertThrows(EngineException.class, () -> m.load(Map.of("maps/nope", SectionParams.pinPath("x"))));
            assertTrue(e.getMessage().endsWith("SectionParams for 'maps/nope': the object has no such map (its maps: maps/dummy_array_custom)"),
                    e.getMessage());
            m.load(Map.of("maps/dummy_array_custom", SectionParams.pinPath("ns1/test1")));
            EngineException noPath = assertThrows(EngineException.class,
                    () -> m.close(Map.of("maps/dummy_array_custom", CloseOptions.unpinning())));
            assertTrue(noPath.getMessage().endsWith("close: map dummy_array_custom has PIN_CUSTOM_NS; give the pin path it was loaded with"),
                    noPath.getMessage());
            assertFalse(m.isClosed(), "a bad option leaves the module open");
            try (BpfMap other = BpfMap.create(MapAttributes.of(MapType.ARRAY, 4, 4, 1024))) {
                fs.bpffs().pinCreatingParents(other, fs.bpffs().resolve("elsewhere"));
                EngineException wrong = assertThrows(EngineException.class,
                        () -> m.close(Map.of("maps/dummy_array_custom", CloseOptions.unpinning("elsewhere"))));
                assertTrue(wrong.getMessage().contains("holds map id " + other.id() + ", not map dummy_array_custom"), wrong.getMessage());
            }
            assertTrue(Files.exists(fs.root().resolve("elsewhere")), "the other map's pin is untouched");
            assertTrue(Files.exists(fs.root().resolve("ns1/test1")));
            m.close(Map.of("maps/dummy_array_custom", CloseOptions.unpinning("ns1/test1")));
        }
    }
}
