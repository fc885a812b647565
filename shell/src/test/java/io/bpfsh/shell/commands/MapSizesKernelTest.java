package io.bpfsh.shell.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpfsh.engine.spec.CraftedObject;
import io.bpfsh.engine.testing.Bpftool;
import io.bpfsh.engine.testing.KernelTest;
import io.bpfsh.engine.testing.TestBpffs;
import io.bpfsh.shell.TestShell;
import io.bpfsh.shell.output.JsonReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 10.4: u32 sizes are unsigned in every output, and load refuses maps that would cost too much memory. */
@KernelTest
class MapSizesKernelTest {
    private static final int HASH = 1;
    private static final int ARRAY = 2;
    private static final int LPM_TRIE = 11;
    private static final int CUSTOM_NS = 3;
    private static final int NO_PREALLOC = 1;
    @TempDir
    Path dir;
    private TestBpffs fs;
    private TestShell sh;

    @BeforeEach
    void setUp() {
        fs = new TestBpffs("shell-map-sizes");
        sh = new TestShell(fs.root());
    }

    @AfterEach
    void tearDown() {
        sh.close();
        fs.close();
    }

    private Path object(String file, int type, int keySize, int maxEntries, int flags) {
        CraftedObject o = new CraftedObject();
        o.object("m", o.data("maps/m", CraftedObject.gobpfMap(type, keySize, 8, maxEntries, flags, CUSTOM_NS, "")), 0, 280);
        return o.write(dir, file);
    }

    @Test
    void maxEntriesAbove2To31IsShownUnsignedAndTheLoadIsRefusedByTheMemoryLimit() {
        Path big = object("big.o", ARRAY, 4, 0x80000400, 0);
        // the dry run plans the pins as the load would, so the PIN_CUSTOM_NS map needs its path here too
        String table = sh.ok("load " + big + " --pin-path m=m --dry-run");
        assertTrue(table.contains("maps/m   array  4    8      2147484672  0x0"), table);
        try (TestShell json = new TestShell(fs.root(), true)) {
            Map<String, Object> spec = JsonReader.object(JsonReader.parse(json.ok("load " + big + " --pin-path m=m --dry-run")));
            Map<String, Object> m = JsonReader.object(JsonReader.array(spec.get("maps")).get(0));
            assertEquals(2147484672L, ((Number) m.get("max_entries")).longValue());
        }
        assertEquals("error: " + big + ": map m: would take about 16.0 GiB of kernel memory up front (2147484672 entries"
                + " x 8-byte elements), over the limit of 1 GiB per map (raise it with load --max-map-memory SIZE)",
                sh.fails("load " + big + " --pin-path m=m"));
        assertEquals("error: " + big + ": map m: would take about 16.0 GiB of kernel memory up front (2147484672 entries"
                + " x 8-byte elements), over the limit of 512 MiB per map (raise it with load --max-map-memory SIZE)",
                sh.fails("load " + big + " --pin-path m=m --max-map-memory 512M"));
        assertEquals("error: load " + big + ": --max-map-memory 1X: not a size (bytes, or a number with K, M, G or T)",
                sh.fails("load " + big + " --pin-path m=m --max-map-memory 1X"));
        assertEquals(List.of(), fs.tree());
    }

    @Test
    void e2bigNamesTheMapAndItsSizesAndAnOverrideAbove2To31IsUnsigned() throws Exception {
        Path hash = object("hash.o", HASH, 4, 16, NO_PREALLOC); // only the buckets cost up front
        String e = sh.fails("load " + hash + " --pin-path m=m --max-entries m=4294967295 --max-map-memory 100T");
        assertTrue(e.startsWith("error: " + hash + ": map m: the kernel refuses its size (max_entries 4294967295,"
                + " key_size 4, value_size 8): "), e);
        assertTrue(e.endsWith("(E2BIG)"), e);
        assertEquals(List.of(), fs.tree());
        // an LPM trie allocates nothing up front: 2^31 entries cost nothing until they are used
        Path trie = object("trie.o", LPM_TRIE, 8, 16, NO_PREALLOC);
        sh.ok("load " + trie + " --as h --pin-path m=m --max-entries m=2147483648");
        String ls = sh.ok("ls -l");
        assertTrue(ls.contains("  8    8      2147483648  m"), ls);
        String maps = sh.ok("maps");
        assertTrue(maps.contains("2147483648"), maps);
        assertTrue(Bpftool.mapShowPinned(fs.root().resolve("m").toString()).contains("\"max_entries\":2147483648"));
        sh.ok("close h --unpin-all");
    }
}
