package io.bpfsh.engine.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.sys.BpfMap;
import io.bpfsh.engine.sys.UpdateMode;
import io.bpfsh.engine.sys.ValueSlots;
import io.bpfsh.engine.testing.Bpftool;
import io.bpfsh.engine.testing.KernelTest;
import io.bpfsh.engine.testing.Samples;
import io.bpfsh.engine.testing.TestBpffs;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Migration between two versions of struct flow_stats (stats_v1.o to stats_v2.o: members reordered,
 * bytes widened from __u32 to __u64, drops added): 100,000 entries arrive exactly, as bpftool reads them
 * back through the new map's BTF; per-CPU values arrive CPU by CPU; the way back (a narrowing) is
 * refused naming the member, with nothing written.
 */
@KernelTest
class MapMigrationKernelTest {
    private static final int ENTRIES = 100_000;
    private static final Pattern ENTRY = Pattern.compile("\"formatted\":\\{\"key\":\\{\"addr\":(\\d+),\"port\":(\\d+),"
            + "\"proto\":(\\d+)\\},\"value\":\\{\"last_seen\":(\\d+),\"bytes\":(\\d+),\"packets\":(\\d+),\"drops\":(\\d+)\\}\\}");

    @RegisterExtension
    final TestBpffs fs = new TestBpffs();

    @Test
    void migratePolicyCopiesEveryEntryByMemberName() throws Exception {
        try (Module v1 = Module.open(Samples.object("stats_v1.o"), fs.bpffs())) {
            v1.load(Map.of());
            fill(v1.map("flows").orElseThrow().map());
            BpfMap cpuFlows = v1.map("cpu_flows").orElseThrow().map();
            ValueSlots slots = cpuFlows.valueSlots();
            ByteBuffer perCpu = ByteBuffer.allocate(slots.bufferSize()).order(ByteOrder.LITTLE_ENDIAN);
            for (int cpu = 0; cpu < slots.count(); cpu++) {
                perCpu.putInt(slots.offset(cpu), cpu + 1).putInt(slots.offset(cpu) + 4, 100 + cpu)
                        .putLong(slots.offset(cpu) + 8, 1000L + cpu);
            }
            cpuFlows.update(new byte[] {9, 0, 0, 0}, perCpu.array(), UpdateMode.ANY);
            int oldId = v1.map("flows").orElseThrow().map().id();

            try (Module v2 = Module.open(Samples.object("stats_v2.o"), fs.bpffs())) {
                LoadReport report = v2.load(Map.of(), LoadOptions.defaults().withOnIncompatible(IncompatiblePolicy.MIGRATE));
                String flowsPin = fs.root().resolve("flows").toString();
                assertNotEquals(oldId, Bpftool.number(Bpftool.mapShowPinned(flowsPin), "id"));
                LoadEvent migrated = report.events().stream().filter(e -> e.kind() == LoadEvent.Kind.MIGRATED
                        && e.subject().equals("map flows")).findFirst().orElseThrow();
                assertTrue(migrated.detail().contains("100000 entries copied; zero-filled: drops"), migrated.detail());

                Matcher m = ENTRY.matcher(Bpftool.run("-j", "map", "dump", "pinned", flowsPin));
                boolean[] seen = new boolean[ENTRIES];
                int count = 0;
                while (m.find()) {
                    int i = Integer.parseInt(m.group(1));
                    assertEquals(i & 0xffff, Integer.parseInt(m.group(2)));
                    assertEquals(6, Integer.parseInt(m.group(3)));
                    assertEquals(i * 1000L, Long.parseLong(m.group(4)));
                    assertEquals(0xffffffffL - i, Long.parseLong(m.group(5)));
                    assertEquals(i, Long.parseLong(m.group(6)));
                    assertEquals(0, Long.parseLong(m.group(7)));
                    seen[i] = true;
                    count++;
                }
                assertEquals(ENTRIES, count);
                for (boolean s : seen) {
                    assertTrue(s);
                }

                BpfMap newCpu = v2.map("cpu_flows").orElseThrow().map();
                ByteBuffer got = ByteBuffer.wrap(newCpu.lookup(new byte[] {9, 0, 0, 0})).order(ByteOrder.LITTLE_ENDIAN);
                ValueSlots now = newCpu.valueSlots();
                for (int cpu = 0; cpu < now.count(); cpu++) {
                    int at = now.offset(cpu);
                    assertEquals(List.of(1000L + cpu, 100L + cpu, (long) cpu + 1, 0L), List.of(got.getLong(at),
                            got.getLong(at + 8), (long) got.getInt(at + 16), (long) got.getInt(at + 20)), "CPU " + cpu);
                }
            }
        }
    }

    @Test
    void aNarrowingIsRefusedNamingTheMemberAndNothingIsWritten() throws Exception {
        try (Module v2 = Module.open(Samples.object("stats_v2.o"), fs.bpffs());
             Module v1 = Module.open(Samples.object("stats_v1.o"), fs.bpffs())) {
            v2.load(Map.of(), new LoadOptions("v2"));
            v1.load(Map.of(), new LoadOptions("v1"));
            BpfMap wide = v2.map("flows").orElseThrow().map();
            ByteBuffer value = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < 10; i++) {
                value.putLong(0, i).putLong(8, i == 7 ? 1L << 40 : i).putInt(16, i);
                wide.update(key(i), value.array(), UpdateMode.ANY);
            }
            BpfMap narrow = v1.map("flows").orElseThrow().map();
            MapMigration back = MapMigration.between(wide, narrow, Map.of());
            assertEquals(List.of("drops"), back.members().dropped());
            assertEquals(List.of("bytes"), back.members().narrowed());
            EngineException e = assertThrows(EngineException.class, back::copy);
            assertTrue(e.getMessage().contains("member bytes = 1099511627776 does not fit __u32"), e.getMessage());
            assertNull(narrow.nextKey(null), "nothing was written");
            assertEquals("[]", Bpftool.run("-j", "map", "dump", "pinned", fs.root().resolve("v1/flows").toString()).strip());
        }
    }

    @Test
    void withoutBtfOnBothSidesSizesMustBeEqual() throws Exception {
        try (Module v1 = Module.open(Samples.object("stats_v1.o"), fs.bpffs());
             BpfMap plain = BpfMap.create(io.bpfsh.engine.sys.MapAttributes.of(io.bpfsh.engine.sys.MapType.HASH, 8, 8,
                     16))) {
            v1.load(Map.of());
            EngineException e = assertThrows(EngineException.class, () -> MapMigration.between(
                    v1.map("flows").orElseThrow().map(), plain, Map.of()));
            assertTrue(e.getMessage().contains("the value is copied as bytes and needs equal sizes: 16 bytes in the "
                    + "old map, 8 in the new one"), e.getMessage());
        }
    }

    private static byte[] key(int i) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(i).putShort((short) i).putShort((short) 6)
                .array();
    }

    /** v1's flow_stats {u32 packets; u32 bytes; u64 last_seen} for keys 0..ENTRIES-1, in batches. */
    private static void fill(BpfMap flows) throws EngineException {
        int batch = 10_000;
        for (int start = 0; start < ENTRIES; start += batch) {
            ByteBuffer keys = ByteBuffer.allocate(batch * 8).order(ByteOrder.LITTLE_ENDIAN);
            ByteBuffer values = ByteBuffer.allocate(batch * 16).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = start; i < start + batch; i++) {
                keys.put(key(i));
                values.putInt(i).putInt((int) (0xffffffffL - i)).putLong(i * 1000L);
            }
            flows.updateBatch(keys.array(), values.array(), UpdateMode.ANY);
        }
    }
}
