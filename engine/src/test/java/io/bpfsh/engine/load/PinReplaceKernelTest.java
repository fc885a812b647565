package io.bpfsh.engine.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpfsh.engine.fs.PinPath;
import io.bpfsh.engine.sys.BpfMap;
import io.bpfsh.engine.sys.KernelObjects;
import io.bpfsh.engine.sys.MapAttributes;
import io.bpfsh.engine.sys.MapType;
import io.bpfsh.engine.sys.PinAccess;
import io.bpfsh.engine.testing.Bpftool;
import io.bpfsh.engine.testing.KernelTest;
import io.bpfsh.engine.testing.Samples;
import io.bpfsh.engine.testing.TestBpffs;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Replacing a pin in one step: a reader process (bpftool in a shell loop) that opens the pin again and
 * again while it is replaced back and forth never finds it missing, and sees both maps; a load with
 * {@code --on-incompatible replace} leaves the new map pinned and the old one alive through a held FD,
 * with no temporary name left behind.
 */
@KernelTest
class PinReplaceKernelTest {
    private static final int READS = 300;

    @RegisterExtension
    final TestBpffs fs = new TestBpffs();

    @Test
    void readersNeverSeeTheSwap() throws Exception {
        PinPath pin = fs.bpffs().resolve("swap/m");
        try (BpfMap a = BpfMap.create(MapAttributes.of(MapType.ARRAY, 4, 8, 1));
             BpfMap b = BpfMap.create(MapAttributes.of(MapType.ARRAY, 4, 8, 1))) {
            fs.bpffs().createParents(pin);
            fs.bpffs().pin(a, pin);
            String loop = "for i in $(seq " + READS + "); do bpftool -j map show pinned " + pin
                    + " || echo MISSING; echo; done";
            Process reader = new ProcessBuilder("sh", "-c", loop).redirectErrorStream(true).start();
            int swaps = 0;
            while (reader.isAlive() && swaps < 1_000_000) {
                fs.bpffs().replacePin(swaps % 2 == 0 ? b : a, pin);
                swaps++;
            }
            String out = new String(reader.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(reader.waitFor(60, TimeUnit.SECONDS));
            assertFalse(out.contains("MISSING"), out.lines().filter(l -> !l.startsWith("{")).limit(5).toList()
                    .toString());
            assertEquals(READS, out.lines().filter(l -> l.startsWith("{")).count());
            assertTrue(out.contains("\"id\":" + a.id() + ",") && out.contains("\"id\":" + b.id() + ","),
                    "the reader saw both maps over " + swaps + " swaps");
            assertEquals(List.of("swap", "swap/m"), fs.tree());
        }
    }

    @Test
    void replaceAndMigrateCyclesLeakNoFd() throws Exception {
        try (Module v1 = Module.open(Samples.object("stats_v1.o"), fs.bpffs())) {
            v1.load(Map.of());
            int fds = io.bpfsh.engine.testing.OpenFds.count();
            for (int i = 0; i < 20; i++) {
                IncompatiblePolicy policy = i % 2 == 0 ? IncompatiblePolicy.REPLACE : IncompatiblePolicy.MIGRATE;
                try (Module v2 = Module.open(Samples.object("stats_v2.o"), fs.bpffs())) {
                    v2.load(Map.of(), LoadOptions.defaults().withOnIncompatible(policy));
                }
                // and back: the pins hold v1's layout again
                fs.bpffs().replacePin(v1.map("flows").orElseThrow().map(), fs.bpffs().resolve("flows"));
                fs.bpffs().replacePin(v1.map("cpu_flows").orElseThrow().map(), fs.bpffs().resolve("cpu_flows"));
            }
            assertEquals(fds, io.bpfsh.engine.testing.OpenFds.count());
            assertEquals(List.of("cpu_flows", "flows"), fs.tree());
        }
    }

    @Test
    void replacePolicyPinsTheNewMapAndTheOldLivesOn() throws Exception {
        try (Module v1 = Module.open(Samples.object("stats_v1.o"), fs.bpffs())) {
            v1.load(Map.of());
            int oldId = v1.map("flows").orElseThrow().map().id();
            List<String> tree = fs.tree();
            try (Module v2 = Module.open(Samples.object("stats_v2.o"), fs.bpffs())) {
                LoadReport report = v2.load(Map.of(), LoadOptions.defaults().withOnIncompatible(IncompatiblePolicy.REPLACE));
                int newId = v2.map("flows").orElseThrow().map().id();
                assertNotEquals(oldId, newId);
                assertEquals(newId, Bpftool.number(Bpftool.mapShowPinned(fs.root().resolve("flows").toString()), "id"));
                assertEquals(24, Bpftool.number(Bpftool.mapShowPinned(fs.root().resolve("flows").toString()),
                        "bytes_value"));
                assertEquals(tree, fs.tree()); // the same names: no temporary pin left
                assertTrue(report.events().stream().anyMatch(e -> e.kind() == LoadEvent.Kind.REPLACED), report.events().toString());
                try (BpfMap old = KernelObjects.openMap(oldId, PinAccess.READ_ONLY)) {
                    assertEquals(16, old.valueSize()); // v1's map, alive through v1's FD
                }
            }
        }
    }

    @Test
    void aFailedReplaceLeavesThePinAsItWas() throws Exception {
        try (Module v1 = Module.open(Samples.object("stats_v1.o"), fs.bpffs())) {
            v1.load(Map.of());
            int oldId = v1.map("flows").orElseThrow().map().id();
            List<String> tree = fs.tree();
            // migrate refuses (the old map holds more entries than the new one can): nothing is renamed
            try (Module v2 = Module.open(Samples.object("stats_v2.o"), fs.bpffs())) {
                Map<String, SectionParams> small = Map.of("maps/flows", new SectionParams(null, 1));
                BpfMap flows = v1.map("flows").orElseThrow().map();
                for (int i = 0; i < 2; i++) {
                    flows.update(new byte[] {(byte) i, 0, 0, 0, 0, 0, 0, 0}, new byte[16], io.bpfsh.engine.sys.UpdateMode.ANY);
                }
                Exception e = assertThrows(io.bpfsh.engine.EngineException.class, () -> v2.load(small,
                        LoadOptions.defaults().withOnIncompatible(IncompatiblePolicy.MIGRATE)));
                assertTrue(e.getMessage().contains("max entries (1)"), e.getMessage());
                assertEquals(tree, fs.tree());
                assertEquals(oldId, Bpftool.number(Bpftool.mapShowPinned(fs.root().resolve("flows").toString()), "id"));
            }
        }
    }
}
