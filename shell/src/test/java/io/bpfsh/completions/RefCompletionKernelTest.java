package io.bpfsh.completions;

import static io.bpfsh.completions.Completion.partial;
import static io.bpfsh.completions.Completion.sorted;
import static io.bpfsh.completions.Completion.whole;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpfsh.engine.sys.BpfMap;
import io.bpfsh.engine.sys.BpfProgram;
import io.bpfsh.engine.sys.KernelObjects;
import io.bpfsh.engine.sys.MapType;
import io.bpfsh.engine.testing.KernelTest;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** REF arguments against the kernel: live ids with type and name, and pin paths next to modules and handles. */
@KernelTest
class RefCompletionKernelTest {
    private BpffsTree tree;
    private Completion completion;
    private BpfshCompleter completer;

    @BeforeEach
    void setUp() throws Exception {
        tree = new BpffsTree("RefCompletionKernelTest");
        completer = ShellCommandTable.completer(new FakeSessionView(tree.root)
                .module("m", List.of("counter"), List.of("xdp"), List.of("maps/counter")).handle("h"));
        completion = new Completion();
    }

    @AfterEach
    void tearDown() {
        completion.close();
        tree.close();
    }

    /** The candidate for one id among those completion offers for {@code id:N}. */
    private List<Completion.Cand> forId(String command, int id) {
        return completion.complete(completer, command + " id:" + id).stream()
                .filter(c -> c.value().equals("id:" + id)).toList();
    }

    @Test
    void mapIdsWithTypeAndName() throws Exception {
        BpfMap m = tree.map(MapType.PERCPU_HASH);
        assertEquals(List.of(whole("id:" + m.id(), "id:" + m.id(), "map percpu_hash t_percpu_hash")), forId("dump", m.id()));
        assertEquals(List.of(whole("id:" + m.id(), "id:" + m.id(), "map percpu_hash t_percpu_hash")), forId("info", m.id()));
    }

    @Test
    void programIdsOnlyWhereAnyObjectIsWanted() throws Exception {
        BpfProgram p = tree.program();
        boolean alsoAMapId = KernelObjects.mapIds().contains(p.id());
        List<Completion.Cand> info = forId("info", p.id());
        assertEquals(1, info.size(), info.toString());
        assertTrue(info.get(0).description().endsWith("prog socket_filter"), info.toString());
        assertEquals(alsoAMapId, info.get(0).description().contains("; "), "a number that is both ids names both");
        List<Completion.Cand> dump = forId("dump", p.id());
        assertFalse(dump.stream().anyMatch(c -> c.description() != null && c.description().contains("prog ")),
                "dump wants a map: " + dump);
        assertEquals(alsoAMapId ? 1 : 0, dump.size());
    }

    @Test
    void idsAreListedInNumericOrder() throws Exception {
        tree.map(MapType.HASH);
        List<Integer> listed = completion.listed(completer, "info id:").stream()
                .map(c -> Integer.parseInt(c.value().substring("id:".length()))).toList();
        assertTrue(listed.size() > 1, listed.toString());
        assertEquals(listed.stream().sorted().toList(), listed, "id:9 before id:10");
    }

    @Test
    void everyLiveIdIsOffered() throws Exception {
        // other processes create and free maps meanwhile: those that lived before and after must be offered
        List<Integer> before = KernelObjects.mapIds();
        List<Integer> progsBefore = KernelObjects.progIds();
        List<String> offered = completion.values(completer, "info id:");
        List<Integer> after = KernelObjects.mapIds();
        List<Integer> progsAfter = KernelObjects.progIds();
        for (int id : before) {
            assertTrue(!after.contains(id) || offered.contains("id:" + id), "map id " + id);
        }
        List<String> maps = completion.values(completer, "dump id:");
        for (int id : progsBefore) {
            assertTrue(!progsAfter.contains(id) || offered.contains("id:" + id), "prog id " + id);
            if (!KernelObjects.mapIds().contains(id)) {
                assertFalse(maps.contains("id:" + id), "prog id " + id + " offered to dump");
            }
        }
    }

    @Test
    void anEmptyReferenceOffersModulesHandlesIdsAndTheRoot() {
        assertEquals(sorted(partial("m:", "m:", "module"), whole("@h", "@h", "handle"),
                        partial("id:", "id:", "a live map or program by id"),
                        partial("alias/", "alias/", "dir"), whole("counters", "counters", "map hash"),
                        whole("dangling", "dangling", null), partial("empty/", "empty/", "dir"),
                        whole("filter", "filter", "prog socket_filter"), partial("ns1/", "ns1/", "dir"),
                        whole("table", "table", "map array")),
                completion.complete(completer, "info "));
        assertEquals(sorted(partial("m:", "m:", "module"), whole("@h", "@h", "handle"),
                        partial("id:", "id:", "a live map by id"),
                        partial("alias/", "alias/", "dir"), whole("counters", "counters", "map hash"),
                        whole("dangling", "dangling", null), partial("empty/", "empty/", "dir"),
                        partial("ns1/", "ns1/", "dir"), whole("table", "table", "map array")),
                completion.complete(completer, "update "), "no program pin for update");
    }

    @Test
    void aColonAfterAnUnknownModuleIsAPinPath() throws Exception {
        tree.pin(tree.map(MapType.ARRAY), "ns1/a:b");
        assertEquals(sorted(whole("ns1/a:b", "a:b", "map array"), partial("ns1/deep/", "deep/", "dir"),
                        whole("ns1/inner", "inner", null)),
                completion.complete(completer, "dump ns1/a:"));
        assertEquals(sorted(whole("m:counter", "counter", "map"), whole("m:xdp", "xdp", "prog")),
                completion.complete(completer, "info m:"));
    }
}
