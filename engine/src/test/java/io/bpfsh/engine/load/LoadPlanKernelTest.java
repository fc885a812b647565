package io.bpfsh.engine.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpfsh.engine.btf.BtfLayoutChange;
import io.bpfsh.engine.load.MapIncompatibleException.Difference;
import io.bpfsh.engine.testing.Bpftool;
import io.bpfsh.engine.testing.KernelTest;
import io.bpfsh.engine.testing.Samples;
import io.bpfsh.engine.testing.TestBpffs;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The load plan against what the load then does, for each pinning option and each outcome: a fresh root
 * plans create and the load creates there; a second load plans reuse of the first one's ids and reuses
 * them; other max entries plan fail for every pinned map, with the difference the load then refuses
 * with; the same sizes with another BTF layout, or a new version of the layout, plan fail with the
 * layout diff member by member. A plan changes nothing: the tree and every pinned id (seen by bpftool)
 * are the same after it.
 */
@KernelTest
class LoadPlanKernelTest {
    @RegisterExtension
    final TestBpffs fs = new TestBpffs();

    static Stream<Arguments> pinningOptions() {
        return Stream.of(
                Arguments.of("gobpf_global.o", Map.of()),                         // PIN_GLOBAL_NS
                Arguments.of("gobpf_object.o", Map.of()),                         // PIN_OBJECT_NS and PIN_NONE
                Arguments.of("gobpf_custom.o", Map.of("maps/dummy_array_custom",   // PIN_CUSTOM_NS
                        SectionParams.pinPath("custom/a"))),
                Arguments.of("stats_v1.o", Map.of()));                           // LIBBPF_PIN_BY_NAME
    }

    @ParameterizedTest
    @MethodSource("pinningOptions")
    void planIsWhatTheLoadDoes(String sample, Map<String, SectionParams> params) throws Exception {
        try (Module first = Module.open(Samples.object(sample), fs.bpffs())) {
            LoadPlan plan = unchanged(() -> first.plan(params, LoadOptions.defaults()));
            for (PlannedMap m : plan.maps()) {
                assertEquals(PlannedMap.Action.CREATE, m.action(), m.name());
            }
            first.load(params);
            for (PlannedMap m : plan.maps()) {
                LoadedMap loaded = first.map(m.name()).orElseThrow();
                assertFalse(loaded.reused(), m.name());
                assertEquals(m.pinPath(), loaded.pinPath(), m.name());
                m.pinPath().ifPresent(p -> assertEquals(loaded.map().id(),
                        Bpftool.number(Bpftool.mapShowPinned(p.toString()), "id"), m.name()));
            }
            try (Module second = Module.open(Samples.object(sample), fs.bpffs())) {
                LoadPlan again = unchanged(() -> second.plan(params, LoadOptions.defaults()));
                for (PlannedMap m : again.maps()) {
                    LoadedMap before = first.map(m.name()).orElseThrow();
                    assertEquals(m.pin() == null ? PlannedMap.Action.CREATE : PlannedMap.Action.REUSE, m.action());
                    assertEquals(m.pin() == null ? 0 : before.map().id(), m.pinnedId(), m.name());
                }
                second.load(params);
                for (PlannedMap m : again.maps()) {
                    LoadedMap loaded = second.map(m.name()).orElseThrow();
                    assertEquals(m.action() == PlannedMap.Action.REUSE, loaded.reused(), m.name());
                    if (m.action() == PlannedMap.Action.REUSE) {
                        assertEquals(m.pinnedId(), loaded.map().id(), m.name());
                    }
                }
            }
            // other max entries for every map: each pinned one is incompatible, and the load refuses the first
            Map<String, SectionParams> bigger = new LinkedHashMap<>();
            for (PlannedMap m : plan.maps()) {
                SectionParams given = params.get(m.spec().key());
                bigger.put(m.spec().key(), new SectionParams(given == null ? null : given.pinPath(),
                        m.spec().maxEntries() + 1));
            }
            try (Module third = Module.open(Samples.object(sample), fs.bpffs())) {
                LoadPlan incompatible = unchanged(() -> third.plan(bigger, LoadOptions.defaults()));
                PlannedMap firstPinned = null;
                for (PlannedMap m : incompatible.maps()) {
                    if (m.pin() == null) {
                        assertEquals(PlannedMap.Action.CREATE, m.action(), m.name());
                        continue;
                    }
                    firstPinned = firstPinned == null ? m : firstPinned;
                    assertEquals(PlannedMap.Action.FAIL, m.action(), m.name());
                    assertEquals(first.map(m.name()).orElseThrow().map().id(), m.pinnedId(), m.name());
                    assertEquals(List.of(new Difference("max_entries", Integer.toString(m.spec().maxEntries()),
                            Integer.toString(m.spec().maxEntries() - 1))), m.differences(), m.name());
                }
                List<String> tree = fs.tree();
                PlannedMap refused = firstPinned;
                MapIncompatibleException e = assertThrows(MapIncompatibleException.class, () -> third.load(bigger));
                assertEquals(refused.differences(), e.differences());
                assertTrue(e.getMessage().contains("map " + refused.name() + ": the map pinned at " + refused.pin()),
                        e.getMessage());
                assertEquals(tree, fs.tree());
            }
        }
    }

    @Test
    void sameSizesWithSwappedMembersAreIncompatible() throws Exception {
        try (Module v1 = Module.open(Samples.object("stats_v1.o"), fs.bpffs())) {
            v1.load(Map.of());
            try (Module swapped = Module.open(Samples.object("stats_v1_swapped.o"), fs.bpffs())) {
                LoadPlan plan = unchanged(() -> swapped.plan(Map.of(), LoadOptions.defaults()));
                PlannedMap flows = plan.map("flows").orElseThrow();
                assertEquals(PlannedMap.Action.FAIL, flows.action());
                assertEquals(v1.map("flows").orElseThrow().map().id(), flows.pinnedId());
                assertEquals(1, flows.differences().size(), flows.toString()); // every size is the same
                Difference layout = flows.differences().get(0);
                assertEquals("value layout", layout.field());
                assertEquals(List.of("bytes moved", "packets moved"),
                        layout.layout().stream().map(c -> c.member() + " " + c.kind().displayName()).toList());
                List<String> before = fs.tree();
                MapIncompatibleException e = assertThrows(MapIncompatibleException.class, () -> swapped.load(Map.of()));
                assertEquals(flows.differences(), e.differences());
                assertTrue(e.getMessage().contains("bytes moved (__u32 at byte 4 pinned, __u32 at byte 0 in object)"),
                        e.getMessage());
                assertEquals(before, fs.tree());
            }
        }
    }

    @Test
    void newVersionPlansEveryDifference() throws Exception {
        try (Module v1 = Module.open(Samples.object("stats_v1.o"), fs.bpffs())) {
            v1.load(Map.of());
            try (Module v2 = Module.open(Samples.object("stats_v2.o"), fs.bpffs())) {
                LoadPlan plan = unchanged(() -> v2.plan(Map.of(), LoadOptions.defaults()));
                PlannedMap flows = plan.map("flows").orElseThrow();
                assertEquals(PlannedMap.Action.FAIL, flows.action());
                Map<String, Difference> byField = new LinkedHashMap<>();
                flows.differences().forEach(d -> byField.put(d.field(), d));
                assertEquals(List.of("value_size", "value layout"), List.copyOf(byField.keySet()));
                assertEquals("24", byField.get("value_size").inObject());
                assertEquals("16", byField.get("value_size").pinned());
                assertEquals(List.of("last_seen moved", "bytes resized", "packets moved", "drops added"),
                        byField.get("value layout").layout().stream()
                                .map(c -> c.member() + " " + c.kind().displayName()).toList());
                BtfLayoutChange bytes = byField.get("value layout").layout().get(1);
                assertEquals("__u32 at byte 4", bytes.older().describe());
                assertEquals("__u64 at byte 8", bytes.newer().describe());
                assertEquals(PlannedMap.Action.REPLACE, unchanged(() -> v2.plan(Map.of(),
                        LoadOptions.defaults().withOnIncompatible(IncompatiblePolicy.REPLACE))).map("flows")
                        .orElseThrow().action());
                assertEquals(PlannedMap.Action.MIGRATE, unchanged(() -> v2.plan(Map.of(),
                        LoadOptions.defaults().withOnIncompatible(IncompatiblePolicy.MIGRATE))).map("flows")
                        .orElseThrow().action());
            }
        }
    }

    interface Planning {
        LoadPlan plan() throws Exception;
    }

    /** Runs a plan and checks that the tree under the root and the id of every pin there are as before. */
    private LoadPlan unchanged(Planning planning) throws Exception {
        List<String> tree = fs.tree();
        Map<String, Long> ids = pinnedIds(tree);
        LoadPlan plan = planning.plan();
        assertEquals(tree, fs.tree());
        assertEquals(ids, pinnedIds(fs.tree()));
        return plan;
    }

    private Map<String, Long> pinnedIds(List<String> tree) {
        Map<String, Long> ids = new LinkedHashMap<>();
        for (String p : tree) {
            if (!java.nio.file.Files.isDirectory(fs.root().resolve(p))) {
                ids.put(p, Bpftool.number(Bpftool.mapShowPinned(fs.root().resolve(p).toString()), "id"));
            }
        }
        return ids;
    }

    @Test
    void migratePlansTheMembersOrFailsWhenTheEntriesCannotGo() throws Exception {
        try (Module v1 = Module.open(Samples.object("stats_v1.o"), fs.bpffs());
             Module legacy = Module.open(Samples.object("gobpf_custom.o"), fs.bpffs())) {
            v1.load(Map.of());
            legacy.load(Map.of("maps/dummy_array_custom", SectionParams.pinPath("legacy")));
            LoadOptions migrate = LoadOptions.defaults().withOnIncompatible(IncompatiblePolicy.MIGRATE);
            try (Module v2 = Module.open(Samples.object("stats_v2.o"), fs.bpffs())) {
                PlannedMap flows = unchanged(() -> v2.plan(Map.of(), migrate)).map("flows").orElseThrow();
                assertEquals(PlannedMap.Action.MIGRATE, flows.action());
                assertEquals(List.of("drops"), flows.migrationReport().orElseThrow().zeroFilled());
                assertTrue(flows.toString().endsWith("; migrating zero-filled: drops"), flows.toString());
            }
            // a map without BTF and with other sizes: its entries cannot go into flows, and the plan says so
            try (Module v2 = Module.open(Samples.object("stats_v2.o"), fs.bpffs())) {
                Map<String, SectionParams> there = Map.of("maps/flows", SectionParams.pinPath("legacy"));
                PlannedMap flows = unchanged(() -> v2.plan(there, migrate)).map("flows").orElseThrow();
                assertEquals(PlannedMap.Action.FAIL, flows.action());
                assertTrue(flows.toString().contains("its entries cannot be migrated: without BTF types on both maps "
                        + "the key is copied as bytes and needs equal sizes: 4 bytes in the old map, 8 in the new one"),
                        flows.toString());
                List<String> tree = fs.tree();
                MapIncompatibleException e = assertThrows(MapIncompatibleException.class, () -> v2.load(there, migrate));
                assertTrue(e.getMessage().contains("its entries cannot be migrated"), e.getMessage());
                assertEquals(tree, fs.tree());
            }
        }
    }
}
