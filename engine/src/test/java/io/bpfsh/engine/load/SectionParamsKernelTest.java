package io.bpfsh.engine.load;

import static io.bpfsh.engine.load.FailedLoad.assertRefused;
import static io.bpfsh.engine.load.FailedLoad.gobpfMaps;
import static io.bpfsh.engine.spec.CraftedObject.gobpfArray;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.bpfsh.engine.sys.BpfMap;
import io.bpfsh.engine.sys.MapAttributes;
import io.bpfsh.engine.sys.MapType;
import io.bpfsh.engine.testing.KernelTest;
import io.bpfsh.engine.testing.TestBpffs;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * SectionParams.maxEntries: unsigned, like the kernel's u32, 0 keeps the definition's, and an
 * override is part of what a reused pin must match (gobpf silently ignored it on reuse).
 */
@KernelTest
class SectionParamsKernelTest {
    private static final int CUSTOM_NS = 3;
    @TempDir
    Path dir;
    @RegisterExtension
    final TestBpffs fs = new TestBpffs();
    private Path object;

    @BeforeAll
    static void warmUp() throws Exception {
        FailedLoad.warmUp();
    }

    @BeforeEach
    void setUp() {
        object = gobpfMaps(dir, "a.o", "a", gobpfArray(CUSTOM_NS, "")); // array u32 -> u32, 4 entries
    }

    /** max_entries is a u32: -1 is 4294967295 entries, which the memory limit refuses before the kernel sees it. */
    @Test
    void maxEntriesIsUnsigned() throws Exception {
        assertRefused(fs, object, Map.of("maps/a", new SectionParams("p", -1)), object + ": map a: would take about "
                + "32.0 GiB of kernel memory up front (4294967295 entries x 8-byte elements), over the limit of 1 GiB"
                + " per map (raise it with load --max-map-memory SIZE)");
        assertRefused(fs, object, Map.of("maps/a", new SectionParams("p", Integer.MIN_VALUE)), object + ": map a: would "
                + "take about 16 GiB of kernel memory up front (2147483648 entries x 8-byte elements), over the limit of"
                + " 1 GiB per map (raise it with load --max-map-memory SIZE)");
    }

    @Test
    void zeroKeepsTheDefinitionsMaxEntries() throws Exception {
        try (Module m = Module.open(object, fs.bpffs())) {
            m.load(Map.of("maps/a", new SectionParams("p", 0)));
            assertEquals(4, m.map("a").orElseThrow().map().info().maxEntries());
            m.close(Map.of("maps/a", CloseOptions.unpinning("p")));
        }
    }

    @Test
    void overrideMustMatchAReusedPin() throws Exception {
        try (BpfMap pinned = BpfMap.create(MapAttributes.of(MapType.ARRAY, 4, 4, 4))) {
            fs.bpffs().pinCreatingParents(pinned, fs.bpffs().resolve("p"));
            var e = assertRefused(fs, object, Map.of("maps/a", new SectionParams("p", 8)),
                    object + ": map a: the map pinned at " + fs.root().resolve("p")
                            + " is incompatible: max_entries: 8 in object, 4 pinned");
            assertInstanceOf(MapIncompatibleException.class, e);
        }
    }
}
