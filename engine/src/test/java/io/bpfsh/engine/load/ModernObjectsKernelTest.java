package io.bpfsh.engine.load;

import static io.bpfsh.engine.load.ModuleKernelTest.u32;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpfsh.engine.spec.MapLayout;
import io.bpfsh.engine.spec.Pinning;
import io.bpfsh.engine.sys.BpfMap;
import io.bpfsh.engine.sys.MapAttributes;
import io.bpfsh.engine.sys.MapType;
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

/** libbpf-style objects: BTF-defined maps pinned by name, BTF in the kernel, global data, subprograms. */
@KernelTest
class ModernObjectsKernelTest {
    @RegisterExtension
    final TestBpffs fs = new TestBpffs();

    private Module open(String sample) throws Exception {
        return Module.open(Samples.object(sample), fs.bpffs());
    }

    static byte[] counter(long pkts, long bytes) {
        return ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(pkts).putLong(bytes).array();
    }

    @Test
    void pinByNameWithBtfTypesVisibleToBpftool() throws Exception {
        Path pin = fs.root().resolve("pkt_counts");
        int id;
        try (Module m = open("modern_counter.o")) {
            LoadReport r = m.load(Map.of());
            assertTrue(r.events().stream().noneMatch(e -> e.kind() == LoadEvent.Kind.NOTE), r.toString());
            LoadedMap lm = m.map("pkt_counts").orElseThrow();
            assertEquals(MapLayout.BTF, lm.spec().layout());
            assertEquals(Pinning.BY_NAME, lm.pinning());
            assertEquals(pin, lm.pinPath().orElseThrow().path(), "libbpf's <pin root>/<map name>");
            id = lm.map().id();
            assertTrue(lm.map().info().btfId() > 0, "created with the object's BTF");

            var prog = m.program("xdp").orElseThrow().program();
            prog.testRun(new byte[100], 1);
            prog.testRun(new byte[100], 1);
            assertArrayEquals(counter(2, 200), lm.map().lookup(u32(7)));

            String dump = Bpftool.run("-j", "map", "dump", "pinned", pin.toString());
            assertTrue(dump.contains("\"formatted\":{\"key\":7,\"value\":{\"pkts\":2,\"bytes\":200}}"), dump);
        }
        try (Module again = open("modern_counter.o")) {
            again.load(Map.of());
            assertTrue(again.map("pkt_counts").orElseThrow().reused());
            assertEquals(id, again.map("pkt_counts").orElseThrow().map().id());
            again.close(Map.of("maps/pkt_counts", CloseOptions.unpinning()));
        }
        assertFalse(Files.exists(pin));
    }

    @Test
    void typedValuesFromTheObjectAndFromTheKernel() throws Exception {
        try (Module m = open("modern_counter.o")) {
            m.load(Map.of());
            LoadedMap lm = m.map("pkt_counts").orElseThrow();
            MapBtf types = MapBtf.of(m, lm).orElseThrow();
            assertEquals("__u32", types.keyTypeName());
            assertEquals("struct counter", types.valueTypeName());
            lm.map().update(types.parseKey("7"), types.parseValue("{pkts=5, bytes=1000}"), io.bpfsh.engine.sys.UpdateMode.ANY);
            assertEquals("{pkts=5, bytes=1000}", types.formatValue(lm.map().lookup(types.parseKey("7"))));

            // a second user that only has the pin gets the same types from the kernel
            try (BpfMap pinned = fs.bpffs().openMap(fs.bpffs().resolve("pkt_counts"), io.bpfsh.engine.sys.PinAccess.READ_ONLY)) {
                MapBtf kernel = MapBtf.fromKernel(pinned).orElseThrow();
                assertEquals("struct counter", kernel.valueTypeName());
                assertEquals("{pkts=5, bytes=1000}", kernel.formatValue(pinned.lookup(kernel.parseKey("7"))));
                assertEquals(Map.of("pkts", 5L, "bytes", 1000L), kernel.jsonValue(pinned.lookup(u32(7))));
            }
            var e = assertThrows(io.bpfsh.engine.EngineException.class, () -> types.parseValue("{pkts=1, drops=2}"));
            assertTrue(e.getMessage().contains("drops"), e.getMessage());
            try (BpfMap plain = BpfMap.create(MapAttributes.of(MapType.ARRAY, 4, 4, 1))) {
                assertTrue(MapBtf.fromKernel(plain).isEmpty(), "no BTF: raw values");
            }
        }
    }

    @Test
    void theTypeViewSaysWhereItsTypesCameFrom() throws Exception {
        try (Module m = open("modern_counter.o")) {
            m.load(Map.of());
            LoadedMap lm = m.map("pkt_counts").orElseThrow();
            MapTypeView fromObject = MapTypeView.of(m, lm, "the object");
            assertEquals(MapTypeView.Source.OBJECT, fromObject.source());
            assertEquals("the object", fromObject.sourceText().orElseThrow());
            assertEquals("struct counter", fromObject.btf().orElseThrow().valueTypeName());
            assertTrue(fromObject.rawReason().isEmpty());

            MapTypeView fromKernel = MapTypeView.of(lm.map());
            assertEquals(MapTypeView.Source.KERNEL, fromKernel.source());
            assertEquals("the kernel's BTF (id " + lm.map().info().btfId() + ")", fromKernel.sourceText().orElseThrow());
            assertEquals("struct counter", fromKernel.btf().orElseThrow().valueTypeName());
        }
        try (BpfMap plain = BpfMap.create(MapAttributes.of(MapType.ARRAY, 4, 4, 1))) {
            MapTypeView none = MapTypeView.of(plain);
            assertEquals(MapTypeView.Source.NONE, none.source());
            assertTrue(none.btf().isEmpty() && none.sourceText().isEmpty());
            assertTrue(none.rawReason().isEmpty(), "no types at all is no problem to report");
        }
    }

    @Test
    void aRefusedBtfStillLoadsTheMapsWithoutTypesAndSaysSo() throws Exception {
        // 'pk-s' is a string our reader takes, but not a C identifier, so the kernel refuses the BTF
        byte[] bytes = Files.readAllBytes(Samples.object("modern_counter.o"));
        var btf = io.bpfsh.engine.elf.ElfFile.parse("x.o", bytes).section(".BTF").orElseThrow();
        byte[] needle = "pkts\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        int at = -1;
        for (int i = (int) btf.offset(); i + needle.length <= btf.offset() + btf.size(); i++) {
            if (java.util.Arrays.equals(bytes, i, i + needle.length, needle, 0, needle.length)) {
                at = i;
            }
        }
        assertTrue(at > 0, "member name found in .BTF");
        bytes[at + 2] = '-';
        Path object = Files.createTempFile("bpfsh-badbtf", ".o");
        try {
            Files.write(object, bytes);
            try (Module m = Module.open(object, fs.bpffs())) {
                LoadReport r = m.load(Map.of());
                List<LoadEvent> notes = r.events().stream().filter(e -> e.kind() == LoadEvent.Kind.NOTE).toList();
                assertEquals(1, notes.size(), r.toString());
                String note = notes.get(0).toString();
                assertTrue(note.startsWith("maps created without BTF: the kernel refused the object's BTF (load BTF "
                        + object + ": .BTF: "), note);
                assertFalse(note.contains("\n"), note);
                BpfMap map = m.map("pkt_counts").orElseThrow().map();
                assertEquals(0, map.info().btfId(), "created without BTF");
                var prog = m.program("xdp").orElseThrow().program();
                prog.testRun(new byte[100], 1);
                assertArrayEquals(counter(1, 100), map.lookup(u32(7)), "and it works");
                m.close(Map.of("maps/pkt_counts", CloseOptions.unpinning()));
            }
        } finally {
            Files.delete(object);
        }
    }

    @Test
    void pinRootAndPinPathOverride() throws Exception {
        try (Module m = open("modern_counter.o")) {
            m.load(Map.of(), new LoadOptions("apps/counter"));
            assertEquals(fs.root().resolve("apps/counter/pkt_counts"), m.map("pkt_counts").orElseThrow().pinPath().orElseThrow().path());
            m.close(Map.of("maps/pkt_counts", CloseOptions.unpinning()));
        }
        try (Module m = open("modern_counter.o")) {
            m.load(Map.of("maps/pkt_counts", SectionParams.pinPath("custom/place")));
            assertTrue(Files.exists(fs.root().resolve("custom/place")));
            m.close(Map.of("maps/pkt_counts", CloseOptions.unpinning("custom/place")));
        }
        assertEquals(List.of(), fs.tree());
    }

    @Test
    void incompatiblePinByNameIsRefused() throws Exception {
        try (BpfMap squatter = BpfMap.create(MapAttributes.of(MapType.HASH, 4, 8, 256))) {
            fs.bpffs().pin(squatter, fs.bpffs().resolve("pkt_counts"));
            try (Module m = open("modern_counter.o")) {
                MapIncompatibleException e = assertThrows(MapIncompatibleException.class, () -> m.load(Map.of()));
                assertTrue(e.getMessage().endsWith("is incompatible: value_size: 16 in object, 8 pinned"), e.getMessage());
            }
            assertEquals(List.of("pkt_counts"), fs.tree());
        }
    }

    @Test
    void globalDataIsTypedForBpftool() throws Exception {
        try (Module m = open("modern_config.o")) {
            m.load(Map.of());
            BpfMap data = m.map(".data").orElseThrow().map();
            assertTrue(data.info().btfId() > 0);
            String dump = Bpftool.run("-j", "map", "dump", "id", Integer.toString(data.id()));
            assertTrue(dump.contains("\"name\":\"seen\"") || dump.contains("seen"), dump);
            // the module's own types describe global data too (DATASEC sizes filled in)
            LoadedMap rodata = m.map(".rodata").orElseThrow();
            MapBtf types = MapBtf.of(m, rodata).orElseThrow();
            assertEquals("{cfg_divisor=1, cfg_name=\"bpfsh\"}", types.formatValue(rodata.map().lookup(u32(0))));
        }
    }

    @Test
    void eachProgramGetsOnlyTheSubprogramsItReaches() throws Exception {
        try (Module m = open("modern_subprogs.o")) {
            m.load(Map.of());
            BpfMap results = m.map("results").orElseThrow().map();
            m.program("xdp/tag_small").orElseThrow().program().testRun(new byte[32], 1);
            m.program("xdp/tag_large").orElseThrow().program().testRun(new byte[100], 1);
            assertArrayEquals(u32(11), results.lookup(u32(0)), "small_tag(32) = 10 + 1");
            assertArrayEquals(u32(42), results.lookup(u32(1)), "large_tag(100) = double_it(21)");
            int smallLength = m.program("xdp/tag_small").orElseThrow().spec().instructionCount();
            int largeLength = m.program("xdp/tag_large").orElseThrow().spec().instructionCount();
            assertTrue(smallLength < largeLength, "tag_small carries small_tag only; tag_large two functions");
        }
    }

    @Test
    void perfEventArrayWithoutSizesGetsOneSlotPerPossibleCpu() throws Exception {
        try (Module m = open("modern_events.o")) {
            m.load(Map.of());
            var events = m.map("events").orElseThrow().map().info();
            assertEquals("perf_event_array", events.typeName());
            assertEquals(4, events.keySize());
            assertEquals(4, events.valueSize());
            assertEquals(io.bpfsh.engine.sys.PossibleCpus.count(), events.maxEntries());
            assertEquals("ringbuf", m.map("ring").orElseThrow().map().info().typeName());
            m.program("push_length").orElseThrow().program().testRun(new byte[60], 1);
            assertEquals("queue", m.map("lengths").orElseThrow().map().info().typeName());
        }
    }

    @Test
    void subprogramsAreLinked() throws Exception {
        try (Module m = open("modern_subprog.o")) {
            m.load(Map.of());
            var prog = m.program("xdp").orElseThrow().program();
            assertEquals(2, prog.testRun(new byte[100], 1).returnValue());
            assertArrayEquals(u32(1), m.map("results").orElseThrow().map().lookup(u32(0)), "the subprogram's size class");
        }
    }
}
