package io.bpfsh.completions;

import static io.bpfsh.completions.Completion.partial;
import static io.bpfsh.completions.Completion.sorted;
import static io.bpfsh.completions.Completion.whole;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpfsh.engine.fs.Tracefs;
import io.bpfsh.engine.sys.KernelObjects;
import io.bpfsh.engine.testing.KernelTest;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * attach completes programs only, detach links only; --dev completes the devices of the shell's network
 * namespace, --tracepoint the tracepoints of a mounted tracefs (completion never mounts one).
 */
@KernelTest
class ProgramAndLinkCompletionKernelTest {
    private BpffsTree tree;
    private Completion completion;
    private BpfshCompleter completer;

    @BeforeEach
    void setUp() throws Exception {
        tree = new BpffsTree("ProgramAndLinkCompletionKernelTest");
        completer = ShellCommandTable.completer(new FakeSessionView(tree.root)
                .module("m", List.of("counter"), List.of("xdp"), List.of("maps/counter")).handle("h"));
        completion = new Completion();
    }

    @AfterEach
    void tearDown() {
        completion.close();
        tree.close();
    }

    @Test
    void attachOffersProgramsOnly() {
        assertEquals(sorted(partial("m:", "m:", "module"), whole("@h", "@h", "handle"),
                        partial("id:", "id:", "a live program by id"),
                        partial("alias/", "alias/", "dir"), whole("dangling", "dangling", null),
                        partial("empty/", "empty/", "dir"), whole("filter", "filter", "prog socket_filter"),
                        partial("ns1/", "ns1/", "dir")),
                completion.complete(completer, "attach "));
        assertEquals(List.of(whole("m:xdp", "xdp", "prog")), completion.complete(completer, "attach m:"));
    }

    @Test
    void programIdsForAttachLinkIdsForDetach() throws Exception {
        // other processes create and free objects meanwhile: what lived before and after must be offered,
        // and nothing may be offered that lived at neither time
        List<Integer> progsBefore = KernelObjects.progIds();
        List<String> progIds = completion.values(completer, "attach id:");
        List<Integer> progsAfter = KernelObjects.progIds();
        for (int id : progsBefore) {
            assertTrue(!progsAfter.contains(id) || progIds.contains("id:" + id), "prog id " + id);
        }
        List<Integer> linksBefore = KernelObjects.linkIds();
        List<String> linkIds = completion.values(completer, "detach id:");
        List<Integer> linksAfter = KernelObjects.linkIds();
        for (int id : linksBefore) {
            assertTrue(!linksAfter.contains(id) || linkIds.contains("id:" + id), "link id " + id);
        }
        for (String offered : linkIds) {
            int id = Integer.parseInt(offered.substring("id:".length()));
            assertTrue(linksBefore.contains(id) || linksAfter.contains(id), "only link ids: " + offered);
        }
    }

    @Test
    void detachOffersNoMapOrProgramPins() {
        assertEquals(sorted(whole("@h", "@h", "handle"), partial("id:", "id:", "a live link by id"),
                        partial("alias/", "alias/", "dir"), whole("dangling", "dangling", null),
                        partial("empty/", "empty/", "dir"), partial("ns1/", "ns1/", "dir")),
                completion.complete(completer, "detach "));
    }

    @Test
    void devicesOfThisNamespace() {
        List<String> devs = completion.values(completer, "attach m:xdp --dev ");
        assertTrue(devs.contains("lo"), devs.toString());
        assertEquals(io.bpfsh.engine.sys.NetDevices.names(), devs.stream().sorted().toList());
    }

    @Test
    void cgroupsAreDirectoriesOnly() throws Exception {
        java.nio.file.Path cg = java.nio.file.Path.of("/sys/fs/cgroup");
        List<String> offered = completion.values(completer, "attach m:xdp --cgroup " + cg + "/");
        assertFalse(offered.isEmpty());
        assertTrue(offered.stream().allMatch(v -> v.endsWith("/")), "only directories: " + offered);
        try (var entries = java.nio.file.Files.list(cg)) {
            long dirs = entries.filter(p -> java.nio.file.Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                    && !p.getFileName().toString().startsWith(".")).count();
            assertEquals(dirs, offered.size());
        }
    }

    @Test
    void tracepointsFromAMountedTracefsOnly() {
        boolean mounted = Tracefs.locate().isPresent();
        // JLine filters by what is typed; the completer offers them all
        List<String> tps = completion.values(completer, "attach m:xdp --tracepoint syscalls/sys_enter_getpp").stream()
                .filter(t -> t.startsWith("syscalls/sys_enter_getpp")).toList();
        List<String> raw = completion.values(completer, "attach m:xdp --raw-tracepoint sys_ent").stream()
                .filter(t -> t.startsWith("sys_ent")).toList();
        if (mounted) {
            assertEquals(List.of("syscalls/sys_enter_getppid"), tps);
            assertTrue(raw.contains("sys_enter"), raw.toString());
            assertFalse(raw.stream().anyMatch(r -> r.contains("/")), "raw tracepoints have no category: " + raw);
        } else {
            assertEquals(List.of(), tps);
            assertFalse(Tracefs.locate().isPresent(), "completion mounted nothing");
        }
    }
}
