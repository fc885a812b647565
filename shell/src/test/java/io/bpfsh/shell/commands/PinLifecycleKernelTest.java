package io.bpfsh.shell.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpfsh.engine.testing.Bpftool;
import io.bpfsh.engine.testing.KernelTest;
import io.bpfsh.engine.testing.Samples;
import io.bpfsh.engine.testing.TestBpffs;
import io.bpfsh.shell.TestShell;
import io.bpfsh.shell.output.JsonReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** load --dry-run's plan, --on-incompatible, pin --replace and migrate through the shell, on the real kernel. */
@KernelTest
class PinLifecycleKernelTest {
    private TestBpffs fs;
    private TestShell sh;
    private Path root;

    @BeforeEach
    void setUp() {
        fs = new TestBpffs("shell-pinlife");
        root = fs.root();
        sh = new TestShell(root);
    }

    @AfterEach
    void tearDown() {
        sh.close();
        fs.close();
    }

    private static String obj(String name) {
        return Samples.object(name).toString();
    }

    private long pinnedId(String name) {
        return Bpftool.number(Bpftool.mapShowPinned(root.resolve(name).toString()), "id");
    }

    @Test
    void dryRunPrintsThePlanAndChangesNothing() {
        String fresh = sh.ok("load " + obj("stats_v1.o") + " --dry-run");
        assertTrue(fresh.contains("plan: map flows (LIBBPF_PIN_BY_NAME) at " + root.resolve("flows") + ": create\n"), fresh);
        assertEquals(List.of(), fs.tree());
        sh.ok("load " + obj("stats_v1.o") + " --as v1");
        long id = pinnedId("flows");
        List<String> tree = fs.tree();
        String again = sh.ok("load " + obj("stats_v1.o") + " --dry-run");
        assertTrue(again.contains("plan: map flows (LIBBPF_PIN_BY_NAME) at " + root.resolve("flows") + ": reuse id " + id),
                again);
        String swapped = sh.ok("load " + obj("stats_v1_swapped.o") + " --dry-run");
        assertTrue(swapped.contains("plan: map flows (LIBBPF_PIN_BY_NAME) at " + root.resolve("flows") + ": fail id " + id
                + ": value layout of struct flow_stats: bytes moved"), swapped);
        assertEquals(tree, fs.tree());
        assertEquals(id, pinnedId("flows"));
    }

    @Test
    void dryRunJsonGivesThePlanAsData() {
        sh.ok("load " + obj("stats_v1.o") + " --as v1");
        TestShell json = new TestShell(root, true);
        try {
            Map<String, Object> doc = JsonReader.object(JsonReader.parse(json.ok("load " + obj("stats_v2.o")
                    + " --dry-run --on-incompatible migrate")));
            Map<String, Object> plan = JsonReader.object(doc.get("plan"));
            assertEquals("migrate", plan.get("on_incompatible"));
            Map<String, Object> flows = JsonReader.object(JsonReader.array(plan.get("maps")).get(0));
            assertEquals("flows", flows.get("name"));
            assertEquals("migrate", flows.get("action"));
            assertEquals(root.resolve("flows").toString(), flows.get("pin_path"));
            assertEquals(pinnedId("flows"), ((Number) flows.get("pinned_id")).longValue());
            assertEquals(List.of("drops"), JsonReader.object(flows.get("migration")).get("zero_filled"));
            List<Object> differences = JsonReader.array(flows.get("differences"));
            Map<String, Object> layout = JsonReader.object(differences.get(differences.size() - 1));
            assertEquals("value layout", layout.get("field"));
            Map<String, Object> bytes = JsonReader.object(JsonReader.array(layout.get("members")).get(1));
            assertEquals(Map.of("member", "bytes", "change", "resized", "in_object", "__u64 at byte 8",
                    "pinned", "__u32 at byte 4"), bytes);
        } finally {
            json.close();
        }
    }

    @Test
    void onIncompatibleMigrateKeepsTheEntries() {
        sh.ok("load " + obj("stats_v1.o") + " --as v1");
        sh.ok("update v1:cpu_flows 3 '{packets=1, bytes=2, last_seen=3}'");
        String e = sh.fails("load " + obj("stats_v2.o") + " --as v2");
        assertTrue(e.contains("is incompatible"), e);
        String out = sh.ok("load " + obj("stats_v2.o") + " --as v2 --on-incompatible migrate");
        assertTrue(out.contains("migrated map cpu_flows pinned at " + root.resolve("cpu_flows")), out);
        assertTrue(out.contains("replaced the pin of map flows at " + root.resolve("flows")), out);
        String got = sh.ok("lookup cpu_flows 3");
        assertTrue(got.contains("last_seen=3") && got.contains("bytes=2") && got.contains("drops=0"), got);
    }

    @Test
    void pinReplaceSwapsTheObjectAtAPath() {
        sh.ok("load " + obj("stats_v1.o") + " --as v1 --pin-root a");
        sh.ok("load " + obj("stats_v2.o") + " --as v2 --pin-root b");
        long v2 = pinnedId("b/flows");
        String refused = sh.fails("pin v2:flows a/flows");
        assertTrue(refused.contains("a/flows"), refused);
        String out = sh.ok("pin --replace v2:flows a/flows");
        assertTrue(out.startsWith("replaced the pin at " + root.resolve("a/flows") + " with map flows (id " + v2 + ", hash"), out);
        assertEquals(v2, pinnedId("a/flows"));
        assertFalse(fs.tree().stream().anyMatch(p -> p.contains("_bpfsh_new_")), fs.tree().toString());
    }

    @Test
    void pinReplaceWorksForPrograms() {
        sh.ok("load " + obj("gobpf_global.o") + " --as g");
        sh.ok("load " + obj("gobpf_custom.o") + " --as c --pin-path dummy_array_custom=c/a");
        sh.ok("pin g:socket/global progs/p");
        long custom = sh.session().modules().get("c").program("socket/dummy").orElseThrow().program().id();
        String out = sh.ok("pin --replace c:socket/dummy progs/p");
        assertTrue(out.startsWith("replaced the pin at " + root.resolve("progs/p")), out);
        assertEquals(custom, Bpftool.number(Bpftool.progShowPinned(root.resolve("progs/p").toString()), "id"));
    }

    @Test
    void migrateCommandReportsMembers() {
        sh.ok("load " + obj("stats_v1.o") + " --as v1 --pin-root a");
        sh.ok("load " + obj("stats_v2.o") + " --as v2 --pin-root b");
        sh.ok("update v1:flows '{addr=1, port=2, proto=3}' '{packets=4, bytes=5, last_seen=6}'");
        String out = sh.ok("migrate v1:flows v2:flows");
        assertTrue(out.endsWith(": 1 entry copied; zero-filled: drops\n"), out);
        String got = sh.ok("lookup v2:flows '{addr=1, port=2, proto=3}'");
        assertTrue(got.contains("last_seen=6") && got.contains("bytes=5") && got.contains("packets=4"), got);
        String back = sh.fails("migrate v2:flows v1:flows --map drops=nosuch");
        assertTrue(back.contains("--map drops=nosuch: neither the key nor the value has an old member drops and a new member nosuch"), back);
    }
}
