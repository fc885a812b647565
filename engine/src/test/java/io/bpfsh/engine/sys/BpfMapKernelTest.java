package io.bpfsh.engine.sys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpfsh.engine.fs.PinPath;
import io.bpfsh.engine.testing.Bpftool;
import io.bpfsh.engine.testing.KernelTest;
import io.bpfsh.engine.testing.TestBpffs;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every element operation, pinning and info for the common map types, checked against bpftool. */
@KernelTest
class BpfMapKernelTest {
    private static TestBpffs fs;

    @BeforeAll
    static void setUp() {
        fs = new TestBpffs("BpfMapKernelTest");
    }

    @AfterAll
    static void tearDown() {
        fs.close();
    }

    @ParameterizedTest
    @EnumSource(value = MapType.class, names = {"HASH", "ARRAY", "PERCPU_HASH", "LRU_HASH"})
    void createPinGetAndEveryElementOperation(MapType type) throws Exception {
        int max = 64;
        PinPath pin = fs.bpffs().resolve("ops/" + type.displayName());
        try (BpfMap created = BpfMap.create(MapAttributes.of(type, 4, 8, max).withName("t_" + type.displayName()))) {
            MapInfo info = created.info();
            assertEquals(type.number(), info.type());
            assertEquals(4, info.keySize());
            assertEquals(8, info.valueSize());
            assertEquals(max, info.maxEntries());
            assertTrue(info.id() > 0);
            assertEquals(("t_" + type.displayName()).substring(0, Math.min(15, 2 + type.displayName().length())), info.name());

            fs.bpffs().createParents(pin);
            fs.bpffs().pin(created, pin);

            String json = Bpftool.mapShowPinned(pin.toString());
            assertEquals(info.id(), Bpftool.number(json, "id"));
            assertEquals(type.displayName(), Bpftool.string(json, "type"));
            assertEquals(4, Bpftool.number(json, "bytes_key"));
            assertEquals(8, Bpftool.number(json, "bytes_value"));
            assertEquals(max, Bpftool.number(json, "max_entries"));

            try (BpfMap got = fs.bpffs().openMap(pin, PinAccess.READ_WRITE)) {
                assertEquals(info.id(), got.id(), "the pin opens the same map");
                assertEquals(info, got.info());

                int cpus = PossibleCpus.count();
                Map<Integer, byte[]> written = new HashMap<>();
                for (int k = 0; k < 40; k++) {
                    byte[] v = value(got, k * 1000L + 7);
                    got.update(Bytes.u32(k), v, UpdateMode.ANY);
                    written.put(k, v);
                }
                for (Map.Entry<Integer, byte[]> e : written.entrySet()) {
                    assertArrayEquals(e.getValue(), created.lookup(Bytes.u32(e.getKey())),
                            "value written through the pin is seen through the creating FD");
                }
                if (type.isPerCpu()) {
                    assertEquals(cpus * 8, got.valueBufferSize());
                }

                Map<Integer, byte[]> iterated = new HashMap<>();
                for (byte[] k = got.nextKey(null); k != null; k = got.nextKey(k)) {
                    iterated.put(Bytes.readU32(k), got.lookup(k));
                }
                Map<Integer, byte[]> batched = new HashMap<>();
                try (MapCursor c = got.entries(7)) {
                    while (c.next()) {
                        batched.put(Bytes.readU32(c.key()), c.value());
                    }
                    assertTrue(c.usesBatch(), "this kernel supports batch lookups on " + type.displayName());
                }
                Map<Integer, byte[]> expected = new HashMap<>(written);
                if (type == MapType.ARRAY) {
                    for (int k = 40; k < max; k++) {
                        expected.put(k, new byte[8]); // arrays hold every index, zero-filled
                    }
                }
                assertSameEntries(expected, iterated);
                assertSameEntries(expected, batched);

                if (type == MapType.ARRAY) {
                    assertThrowsErrno(Errno.EINVAL, () -> got.delete(Bytes.u32(3)));
                } else {
                    assertTrue(got.delete(Bytes.u32(3)));
                    assertFalse(got.delete(Bytes.u32(3)), "second delete finds nothing");
                    assertNull(got.lookup(Bytes.u32(3)));
                    assertThrowsErrno(Errno.EEXIST, () -> got.update(Bytes.u32(4), value(got, 1), UpdateMode.NOEXIST));
                    assertThrowsErrno(Errno.ENOENT, () -> got.update(Bytes.u32(3), value(got, 1), UpdateMode.EXIST));
                    got.update(Bytes.u32(3), value(got, 99), UpdateMode.NOEXIST);
                    assertArrayEquals(value(got, 99), got.lookup(Bytes.u32(3)));
                }
            }
        }
        // closing both FDs keeps the map alive through the pin
        String json = Bpftool.mapShowPinned(pin.toString());
        assertEquals(type.displayName(), Bpftool.string(json, "type"));
    }

    @ParameterizedTest
    @EnumSource(value = MapType.class, names = {"HASH", "ARRAY"})
    void batchLookupStreamsLargeMapsInSmallBatches(MapType type) throws Exception {
        int n = 5000;
        try (BpfMap m = BpfMap.create(MapAttributes.of(type, 4, 8, n))) {
            for (int k = 0; k < n; k++) {
                m.update(Bytes.u32(k), Bytes.u64(k * 3L), UpdateMode.ANY);
            }
            long sum = 0;
            int count = 0;
            try (MapCursor c = m.entries(128)) {
                while (c.next()) {
                    assertEquals(Bytes.readU32(c.key()) * 3L, Bytes.readU64(c.value(), 0));
                    sum += Bytes.readU64(c.value(), 0);
                    count++;
                }
            }
            assertEquals(n, count);
            assertEquals(3L * n * (n - 1) / 2, sum);
        }
    }

    /** Every entry nextBatch returns, key and value buffer (all CPUs' slots), read from its packed arrays. */
    private static Map<Integer, byte[]> byBatches(MapCursor c, BpfMap m) throws Exception {
        Map<Integer, byte[]> seen = new HashMap<>();
        int ks = m.keySize();
        int vs = m.valueBufferSize();
        for (int n = c.nextBatch(); n > 0; n = c.nextBatch()) {
            for (int i = 0; i < n; i++) {
                byte[] k = java.util.Arrays.copyOfRange(c.batchKeys(), i * ks, i * ks + ks);
                byte[] v = java.util.Arrays.copyOfRange(c.batchValues(), i * vs, i * vs + vs);
                assertNull(seen.put(Bytes.readU32(k), v), "each entry once");
            }
        }
        assertEquals(0, c.nextBatch(), "the end stays the end");
        return seen;
    }

    @ParameterizedTest
    @EnumSource(value = MapType.class, names = {"HASH", "ARRAY", "PERCPU_HASH"})
    void batchesHoldWhatEntryByEntryReadingReturns(MapType type) throws Exception {
        int n = 3000;
        try (BpfMap m = BpfMap.create(MapAttributes.of(type, 4, 8, n))) {
            Map<Integer, byte[]> one = new HashMap<>();
            for (int k = 0; k < n; k++) {
                m.update(Bytes.u32(k), value(m, k * 5L + 1), UpdateMode.ANY);
            }
            try (MapCursor c = m.entries(128)) {
                while (c.next()) {
                    one.put(Bytes.readU32(c.key()), c.value());
                }
            }
            try (MapCursor c = m.entries(128)) {
                assertSameEntries(one, byBatches(c, m));
                assertTrue(c.usesBatch());
            }
            assertEquals(n, one.size());
        }
    }

    @org.junit.jupiter.api.Test
    void withoutBatchLookupBatchesAreReadKeyByKey() throws Exception {
        // more slots than one key-by-key batch holds
        try (BpfMap devmap = BpfMap.create(MapAttributes.of(MapType.DEVMAP, 4, 4, 600))) {
            Map<Integer, byte[]> written = new HashMap<>();
            for (int slot = 0; slot < 600; slot += 2) {
                devmap.update(Bytes.u32(slot), Bytes.u32(1), UpdateMode.ANY);
                written.put(slot, Bytes.u32(1));
            }
            try (MapCursor c = devmap.entries()) {
                assertSameEntries(written, byBatches(c, devmap));
                assertFalse(c.usesBatch());
            }
        }
    }

    @org.junit.jupiter.api.Test
    void fallsBackToPerKeyIterationWhereBatchLookupIsMissing() throws Exception {
        // devmaps have no batch operations: the cursor must still return every entry, and skip empty slots
        try (BpfMap devmap = BpfMap.create(MapAttributes.of(MapType.DEVMAP, 4, 4, 8))) {
            Map<Integer, byte[]> written = new HashMap<>();
            for (int slot : new int[] {0, 3, 7}) {
                devmap.update(Bytes.u32(slot), Bytes.u32(1), UpdateMode.ANY); // ifindex 1: loopback
                written.put(slot, Bytes.u32(1));
            }
            Map<Integer, byte[]> seen = new HashMap<>();
            try (MapCursor c = devmap.entries()) {
                while (c.next()) {
                    seen.put(Bytes.readU32(c.key()), c.value());
                }
                assertFalse(c.usesBatch(), "devmap has no batch lookup");
            }
            assertSameEntries(written, seen);
        }
    }

    @org.junit.jupiter.api.Test
    void openProgramById() throws Exception {
        try (BpfProgram p = BpfProgram.load(ProgramLoadAttributes.of(ProgType.SOCKET_FILTER,
                ProgramKernelTest.returnConstant(0), "GPL"), "test");
             BpfProgram byId = KernelObjects.openProgram(p.id())) {
            assertEquals(p.info().tag(), byId.info().tag());
        }
    }

    @org.junit.jupiter.api.Test
    void mapsThatCannotBeIteratedSaySo() throws Exception {
        try (BpfMap q = BpfMap.create(MapAttributes.of(MapType.QUEUE, 0, 4, 8))) {
            var e = org.junit.jupiter.api.Assertions.assertThrows(io.bpfsh.engine.EngineException.class, q::entries);
            assertTrue(e.getMessage().contains("queue map cannot be read element by element"), e.getMessage());
        }
    }

    @org.junit.jupiter.api.Test
    void openById() throws Exception {
        try (BpfMap m = BpfMap.create(MapAttributes.of(MapType.HASH, 4, 4, 4));
             BpfMap byId = KernelObjects.openMap(m.id(), PinAccess.READ_WRITE)) {
            assertEquals(m.info(), byId.info());
            assertTrue(KernelObjects.mapIds().contains(m.id()));
            byId.update(Bytes.u32(1), Bytes.u32(2), UpdateMode.ANY);
            assertArrayEquals(Bytes.u32(2), m.lookup(Bytes.u32(1)));
        }
    }

    private static byte[] value(BpfMap m, long v) {
        if (!m.isPerCpu()) {
            return Bytes.u64(v);
        }
        byte[] all = new byte[m.valueBufferSize()];
        for (int cpu = 0; cpu < PossibleCpus.count(); cpu++) {
            System.arraycopy(Bytes.u64(v + cpu), 0, all, cpu * m.perCpuSlotSize(), 8);
        }
        return all;
    }

    private static void assertSameEntries(Map<Integer, byte[]> expected, Map<Integer, byte[]> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        for (Integer k : expected.keySet()) {
            assertNotNull(actual.get(k));
            assertArrayEquals(expected.get(k), actual.get(k), "value of key " + k);
        }
    }

    interface Op {
        void run() throws Exception;
    }

    static BpfException assertThrowsErrno(Errno errno, Op op) {
        try {
            op.run();
        } catch (BpfException e) {
            assertEquals(errno.number(), e.errno(), e.getMessage());
            assertTrue(e.getMessage().contains("(" + errno.name() + ")"), e.getMessage());
            return e;
        } catch (Exception e) {
            throw new AssertionError("expected " + errno + " but got " + e, e);
        }
        throw new AssertionError("expected " + errno + " but nothing was thrown");
    }
}
