package io.bpfsh.engine.load;

import static io.bpfsh.engine.load.FailedLoad.assertRefused;
import static io.bpfsh.engine.load.FailedLoad.gobpfMaps;
import static io.bpfsh.engine.load.FailedLoad.refused;
import static io.bpfsh.engine.spec.CraftedObject.gobpfMap;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpfsh.engine.spec.MapLayout;
import io.bpfsh.engine.spec.MapSpec;
import io.bpfsh.engine.spec.Pinning;
import io.bpfsh.engine.sys.BpfMap;
import io.bpfsh.engine.sys.MapAttributes;
import io.bpfsh.engine.sys.MapType;
import io.bpfsh.engine.sys.PossibleCpus;
import io.bpfsh.engine.testing.Bpftool;
import io.bpfsh.engine.testing.KernelTest;
import io.bpfsh.engine.testing.TestBpffs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10.4: a max_entries of 2^31 and more was shown negative and sent to the kernel, which then tried to
 * allocate ~16 GiB. The estimate is checked against the kernel's own accounting (memlock in fdinfo).
 */
@KernelTest
class MapMemoryKernelTest {
    private static final int CUSTOM_NS = 3;
    private static final int HASH = 1;
    private static final int ARRAY = 2;
    @TempDir
    Path dir;
    private TestBpffs fs;

    @BeforeAll
    static void warmUp() throws Exception {
        FailedLoad.warmUp();
    }

    @BeforeEach
    void setUp() {
        fs = new TestBpffs("MapMemoryKernelTest");
    }

    @AfterEach
    void tearDown() {
        fs.close();
    }

    @Test
    void aPreallocatedMapAboveTheLimitIsRefusedBeforeTheKernelSeesIt() throws Exception {
        Path object = gobpfMaps(dir, "big.o", "big", gobpfMap(ARRAY, 4, 8, 0x80000400, 0, CUSTOM_NS, ""));
        try (Module m = Module.open(object, fs.bpffs())) {
            assertEquals(2147484672L, Integer.toUnsignedLong(m.spec().maps().get(0).maxEntries()));
        }
        assertRefused(fs, object, Map.of("maps/big", SectionParams.pinPath("p")), object + ": map big: would take "
                + "about 16.0 GiB of kernel memory up front (2147484672 entries x 8-byte elements), over the limit of 1 GiB"
                + " per map (raise it with load --max-map-memory SIZE)");
        Path hash = gobpfMaps(dir, "hash.o", "h", gobpfMap(HASH, 4, 1 << 20, 1 << 20, 0, CUSTOM_NS, ""));
        assertRefused(fs, hash, Map.of("maps/h", SectionParams.pinPath("p")), hash + ": map h: would take about "
                + "1.0 TiB of kernel memory up front (1048576 entries x 1048632-byte elements + 1048576 buckets x 16 bytes),"
                + " over the limit of 1 GiB per map (raise it with load --max-map-memory SIZE)");
    }

    @Test
    void aNoPreallocHashCostsOnlyItsBucketsAndE2bigNamesTheSizes() throws Exception {
        Path lazy = gobpfMaps(dir, "lazy.o", "h", gobpfMap(HASH, 4, 1 << 20, 1 << 20, MapMemory.BPF_F_NO_PREALLOC,
                CUSTOM_NS, ""));
        try (Module m = Module.open(lazy, fs.bpffs())) {
            m.load(Map.of("maps/h", SectionParams.pinPath("h")));
            String shown = Bpftool.mapShowPinned(fs.root().resolve("h").toString());
            assertTrue(shown.contains("\"max_entries\":1048576"), shown);
            m.close(Map.of("maps/h", CloseOptions.unpinning("h")));
        }
        // 2^32 - 1 entries: 2^32 buckets, 64 GiB; with the limit lifted the kernel refuses it before allocating
        Path huge = gobpfMaps(dir, "huge.o", "h", gobpfMap(HASH, 4, 8, -1, MapMemory.BPF_F_NO_PREALLOC, CUSTOM_NS, ""));
        assertRefused(fs, huge, Map.of("maps/h", SectionParams.pinPath("h")), huge + ": map h: would take about 64 GiB"
                + " of kernel memory up front (4294967296 buckets x 16 bytes), over the limit of 1 GiB per map (raise it"
                + " with load --max-map-memory SIZE)");
        String e = refused(fs, huge, Map.of("maps/h", SectionParams.pinPath("h")),
                LoadOptions.defaults().withMaxMapMemory(Long.MAX_VALUE)).getMessage();
        assertTrue(e.startsWith(huge + ": map h: the kernel refuses its size (max_entries 4294967295, key_size 4,"
                + " value_size 8): "), e);
        assertTrue(e.endsWith("(E2BIG)"), e);
    }

    /** The estimate against the kernel's own figure (fdinfo memlock, map_mem_usage): same order, never far below. */
    @Test
    void theEstimateFollowsTheKernelsAccounting() throws Exception {
        Object[][] maps = {
            {MapType.ARRAY, 4, 64, 65536, 0}, {MapType.PERCPU_ARRAY, 4, 64, 16384, 0},
            {MapType.HASH, 8, 64, 65536, 0}, {MapType.PERCPU_HASH, 8, 16, 16384, 0},
            {MapType.LRU_HASH, 8, 64, 65536, 0}, {MapType.HASH, 8, 64, 65536, MapMemory.BPF_F_NO_PREALLOC},
            {MapType.QUEUE, 0, 64, 65536, 0}, {MapType.RINGBUF, 0, 0, 1 << 22, 0},
        };
        for (Object[] d : maps) {
            MapType type = (MapType) d[0];
            int key = (int) d[1];
            int value = (int) d[2];
            int entries = (int) d[3];
            int flags = (int) d[4];
            MapSpec spec = new MapSpec("m", "maps/m", "maps/m", MapLayout.GOBPF, type, key, value, entries, flags,
                    Pinning.NONE, "", 0, 0, 0, 0, null, false);
            long estimate = MapMemory.of(spec, PossibleCpus.count()).bytes();
            try (BpfMap map = BpfMap.create(MapAttributes.of(type, key, value, entries).withFlags(flags))) {
                long kernel = memlock(map.fd().get());
                String what = type + " flags " + flags + ": estimate " + estimate + ", kernel " + kernel;
                assertTrue(estimate >= kernel * 0.8 && estimate <= kernel * 1.5 + 65536, what);
            }
        }
    }

    private static long memlock(int fd) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/fdinfo/" + fd))) {
            if (line.startsWith("memlock:")) {
                return Long.parseLong(line.substring(8).trim());
            }
        }
        throw new AssertionError("no memlock in fdinfo of fd " + fd);
    }
}
