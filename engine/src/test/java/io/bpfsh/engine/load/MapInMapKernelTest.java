package io.bpfsh.engine.load;

import static io.bpfsh.engine.load.ModuleKernelTest.u32;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bpfsh.engine.testing.Bpftool;
import io.bpfsh.engine.testing.KernelTest;
import io.bpfsh.engine.testing.Samples;
import io.bpfsh.engine.testing.TestBpffs;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Maps of maps and program arrays declared in .maps: created with their inner maps and programs in place. */
@KernelTest
class MapInMapKernelTest {
    @RegisterExtension
    final TestBpffs fs = new TestBpffs();

    private static long u64(byte[] v) {
        return ByteBuffer.wrap(v).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    private static int i32(byte[] v) {
        return ByteBuffer.wrap(v).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }

    @Test
    void outerMapsHoldTheirInnerMapsAndProgramsReachThem() throws Exception {
        try (Module m = Module.open(Samples.object("modern_mapinmap.o"), fs.bpffs())) {
            m.load(Map.of());
            LoadedMap outerArray = m.map("outer_array").orElseThrow();
            LoadedMap outerHash = m.map("outer_hash").orElseThrow();
            int innerA = m.map("inner_a").orElseThrow().map().id();
            int innerB = m.map("inner_b").orElseThrow().map().id();
            // from user space, a map of maps' value is the inner map's id
            assertEquals(innerA, i32(outerArray.map().lookup(u32(0))));
            assertEquals(innerB, i32(outerHash.map().lookup(u32(7))));
            assertEquals(null, outerArray.map().lookup(u32(1)), "slot 1 is empty");
            String json = Bpftool.mapShowPinned(fs.root().resolve("outer_hash").toString());
            assertEquals("hash_of_maps", Bpftool.string(json, "type"));
            assertEquals(List.of("outer_hash"), fs.tree(), "the pinned outer map only: inner maps are not pinned");

            m.programs().get(0).program().testRun(new byte[64], 1);
            m.programs().get(0).program().testRun(new byte[64], 1);
            assertEquals(2, u64(m.map("inner_a").orElseThrow().map().lookup(u32(0))), "through outer_array[0]");
            assertEquals(20, u64(m.map("inner_b").orElseThrow().map().lookup(u32(0))), "through outer_hash[7]");
        }
    }

    @Test
    void aTestRunOfTheEntryReachesTheTailCalledPrograms() throws Exception {
        try (Module m = Module.open(Samples.object("modern_tailcall.o"), fs.bpffs())) {
            m.load(Map.of());
            var entry = m.programs().stream().filter(p -> p.name().equals("entry")).findFirst().orElseThrow();
            var table = m.map("jump_table").orElseThrow().map();
            int even = m.programs().stream().filter(p -> p.name().equals("tail_even")).findFirst().orElseThrow()
                    .program().id();
            assertEquals(even, i32(table.lookup(u32(0))), "slot 0 holds tail_even (its id, seen from user space)");
            List<Integer> verdicts = List.of(entry.program().testRun(new byte[64], 1).returnValue(),
                    entry.program().testRun(new byte[64], 1).returnValue(),
                    entry.program().testRun(new byte[64], 1).returnValue());
            assertEquals(List.of(1, 2, 0), verdicts, "tail_even, tail_odd, then the empty slot falls through");
            var hits = m.map("hits").orElseThrow().map();
            assertEquals(3, u64(hits.lookup(u32(0))));
            assertEquals(1, u64(hits.lookup(u32(1))), "tail_even ran once");
            assertEquals(1, u64(hits.lookup(u32(2))), "tail_odd ran once");
        }
    }

    @Test
    void iproute2InnerIdAndInnerIdxPlaceTheInnerMap() throws Exception {
        try (Module m = Module.open(Samples.object("iproute2_mapinmap.o"), fs.bpffs())) {
            m.load(Map.of());
            int inner = m.map("inner").orElseThrow().map().id();
            assertEquals(inner, i32(m.map("outer").orElseThrow().map().lookup(u32(0))), "inner_idx 0 of outer");
            m.programs().get(0).program().testRun(new byte[64], 1);
            assertEquals(1, i32(m.map("inner").orElseThrow().map().lookup(u32(0))), "reached through outer[0]");
        }
    }
}
