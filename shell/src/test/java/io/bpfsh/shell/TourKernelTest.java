package io.bpfsh.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpfsh.engine.testing.KernelTest;
import io.bpfsh.engine.testing.Samples;
import io.bpfsh.engine.testing.TestBpffs;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tours in samples/ run green under a root of their own and leave nothing behind. */
@KernelTest
class TourKernelTest {
    /** Runs a tour as ./bpfsh would, under the test's root; returns stdout, with stderr empty. */
    private static String runTour(String name, TestBpffs fs) {
        Path tour = Samples.dir().resolve(name);
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"--bpffs", fs.root().toString(), tour.toString()},
                new ByteArrayInputStream(new byte[0]), new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8), false);
        String out = o.toString(StandardCharsets.UTF_8);
        assertEquals("", e.toString(StandardCharsets.UTF_8));
        assertEquals(0, code, out);
        return out;
    }

    @Test
    void theTourRunsAndCleansUpAfterItself() {
        try (TestBpffs fs = new TestBpffs("shell-tour")) {
            int fds = BpfFds.count();
            String out = runTour("tour.bpfsh", fs);
            // the four pinning options, as the tour shows them
            assertTrue(out.contains("pinned map dummy_hash at " + fs.root().resolve("ns1/globals/dummy_hash")
                    + " (PIN_GLOBAL_NS)"), out);
            assertTrue(out.contains("pinned map dummy_array_custom at " + fs.root().resolve("ns1/test1")
                    + " (PIN_CUSTOM_NS)"), out);
            assertTrue(out.matches("(?s).*pinned map dummy_object at " + fs.root().resolve("ns1")
                    + "/[0-9a-f]{40}/dummy_object \\(PIN_OBJECT_NS\\).*"), out);
            assertTrue(out.matches("(?s).*obj +dummy_private +hash +4 +4 +32 +PIN_NONE +- .*"), out);
            // a second load reuses, and a value survives a close without unpin
            assertTrue(out.contains("reused map dummy_array_custom pinned at " + fs.root().resolve("ns1/test1")), out);
            assertTrue(out.contains("\nkey: 0  value: 7\n"), out);
            // everything it pinned and every directory it made is gone, and no FD is left open
            assertEquals(List.of(), fs.tree());
            assertEquals(fds, BpfFds.count());
        }
    }

    @Test
    void theTypedTourRunsAndCleansUpAfterItself() {
        try (TestBpffs fs = new TestBpffs("shell-tour-typed")) {
            int fds = BpfFds.count();
            String out = runTour("tour-typed.bpfsh", fs);
            assertTrue(out.contains("pinned map pkt_counts at " + fs.root().resolve("pkt_counts")
                    + " (LIBBPF_PIN_BY_NAME)"), out);
            // typed update, lookup and dump, and the raw hex: key still read
            assertTrue(out.contains("\nupdated key: 7  value: {pkts=5, bytes=1000}\n"), out);
            // the lookup, then the dump in the kernel's hash order, which differs per map (random seed)
            assertTrue(out.contains("\nkey: 7  value: {pkts=5, bytes=1000}\nkey: 8  value: {pkts=1, bytes=0}\n"
                    + "key: 7  value: {pkts=5, bytes=1000}\n2 entries\n")
                    || out.contains("\nkey: 7  value: {pkts=5, bytes=1000}\nkey: 7  value: {pkts=5, bytes=1000}\n"
                    + "key: 8  value: {pkts=1, bytes=0}\n2 entries\n"), out);
            // info: types from the object, then, through the second user's handle, from the kernel
            assertTrue(out.contains("  key          4 bytes (__u32)\n  value        16 bytes (struct counter)\n"), out);
            assertTrue(out.contains("  types        from the object of module counter\n"), out);
            assertTrue(out.matches("(?s).*  types        from the kernel's BTF \\(id \\d+\\)\n"
                    + "  from         @peer, read-only handle on .*"), out);
            assertTrue(out.contains("@peer, read-only handle on " + fs.root().resolve("pkt_counts")
                    + "\nkey: 7  value: {pkts=5, bytes=1000}\n1 entry\n"), out);
            // global data, variable by variable
            assertTrue(out.contains("key: 0  value: {cfg_divisor=1, cfg_name=\"bpfsh\"}\n"), out);
            assertTrue(out.contains("key: 0  value: {seen=5}\n"), out);
            assertTrue(out.contains("key: 0  value: {hits=0}\n"), out);
            assertTrue(out.contains("updated key: 0  value: {seen=7}\n"), out);
            // test runs: the verdict the filter computes, and the counter it moved
            assertTrue(out.matches("(?s).*\nretval 1 \\(XDP_DROP\\), 1 run, mean \\d+ ns\ndata out: 60 bytes, unchanged\n"
                    + "map verdicts: key: 1  value: 0 -> 1\n.*"), out);
            assertTrue(out.contains("map verdicts: key: 0  value: 0 -> 100\n"), out);
            // disassembly of the loaded program and of the object's code
            assertTrue(out.matches("(?s).*: \\(18\\) r1 = map\\[id:\\d+\\]  ; verdicts\n.*"), out);
            assertTrue(out.contains("\nint filter(struct xdp_md * ctx):\n; int filter(struct xdp_md *ctx)\n   0: "), out);
            assertTrue(out.contains(": (85) call bpf_map_lookup_elem#1\n"), out);
            // the last ls prints nothing: the root is empty again
            assertTrue(out.endsWith("unpinned " + fs.root().resolve("pkt_counts") + "\nclosed module counter\n"), out);
            assertEquals(List.of(), fs.tree());
            assertEquals(fds, BpfFds.count());
        }
    }

    @Test
    void theProgramsTourAttachesWatchesAPinnedLinkAndDetaches() {
        boolean tracefsWasMounted = io.bpfsh.engine.fs.Tracefs.locate().isPresent();
        try (TestBpffs fs = new TestBpffs("shell-tour-programs")) {
            int fds = BpfFds.count();
            String out = runTour("tour-programs.bpfsh", fs);
            assertTrue(out.matches("(?s).*link \\d+ \\(raw_tracepoint\\): program count_syscalls \\(id \\d+\\) attached to"
                    + " raw tracepoint sys_enter\nhandle @syscalls; the link detaches when the session ends unless"
                    + " pinned.*"), out);
            Path pin = fs.root().resolve("tour/getppid");
            assertTrue(out.contains("pinned at " + pin + ": it stays attached after the session, until detach " + pin), out);
            assertTrue(out.matches("(?s).*link +perf_event +\\d+ +- +- +- +getppid  \\(perf_event: tracepoint"
                    + " sys_enter_getppid\\)\n.*"), out);
            assertTrue(out.matches("(?s).*detached link \\d+ \\(perf_event, program id \\d+, was tracepoint"
                    + " sys_enter_getppid\\); removed pin " + pin + "; released @getppid\n.*"), out);
            assertTrue(out.contains("no links in this session (make one with: attach REF ...)\n"), out);
            assertTrue(out.matches("(?s).*snapshot 2/2 .*\\(\\+\\d+, .*"), "watch shows a count that rose: " + out);
            assertTrue(out.contains("retval 1 (XDP_DROP), 1 run"), "UDP to port 9 is dropped: " + out);
            assertTrue(out.contains("retval 2 (XDP_PASS), 1 run"), "UDP to port 53 passes: " + out);
            assertTrue(out.contains("; __u32 key = v == XDP_DROP ? 1 : 0;"), "disasm shows source lines: " + out);
            assertEquals(List.of(), fs.tree());
            assertEquals(fds, BpfFds.count());
        } finally {
            if (!tracefsWasMounted && io.bpfsh.engine.fs.Tracefs.locate().isPresent()) {
                io.bpfsh.engine.testing.NetNamespace.run("umount", io.bpfsh.engine.fs.Tracefs.DEFAULT_ROOT.toString());
            }
        }
    }

    @Test
    void theEventsTourRunsAndCleansUpAfterItself() {
        try (TestBpffs fs = new TestBpffs("shell-tour-events")) {
            int fds = BpfFds.count();
            String out = runTour("tour-events.bpfsh", fs);
            assertTrue(out.contains("pushed 64\npushed 1500\nvalue 64\npopped 64\npopped 1500\n"), out);
            assertTrue(out.contains("\n[64, 128)  5 |" + "@".repeat(52) + "|\n"), out);
            assertTrue(out.contains("\n[4K, 8K)   3 |"), out);
            assertTrue(out.contains("total 11, the longest bar 5\n"), out);
            assertTrue(out.matches("(?s).*ev:counts \\(map id \\d+\\)  [0-9:.]+  snapshot 2/2\nkey: 0  value: 0  \\(\\+0, .*"),
                    out);
            assertTrue(out.contains("{seq=12, len=64, cpu="), "the program numbers on from counts[0] = 10: " + out);
            assertTrue(out.contains("3 records\n"), out);
            assertTrue(out.contains("0 records (timed out)\n"), out);
            assertTrue(out.contains("\n[64, 128)  9 |"), "5 written by update, 4 counted by the program: " + out);
            assertTrue(out.contains("\n[2K, 4K)   2 |"), out);
            assertEquals(List.of(), fs.tree());
            assertEquals(fds, BpfFds.count());
        }
    }

    @Test
    void theUpgradeTourRunsAndCleansUpAfterItself() {
        try (TestBpffs fs = new TestBpffs("shell-tour-upgrade")) {
            int fds = BpfFds.count();
            String out = runTour("tour-upgrade.bpfsh", fs);
            assertTrue(out.contains("plan: map flows (LIBBPF_PIN_BY_NAME) at " + fs.root().resolve("flows") + ": fail id "),
                    out);
            assertTrue(out.contains("migrated map flows pinned at " + fs.root().resolve("flows")), out);
            assertTrue(out.contains("2 entries copied; zero-filled: drops"), out);
            // v2's layout holds v1's entries: bytes widened, drops zero-filled
            assertTrue(out.contains("value: {last_seen=123, bytes=1500, packets=10, drops=0}"), out);
            assertTrue(out.contains("replaced the pin at " + fs.root().resolve("flows") + " with map flows"), out);
            assertEquals(List.of(), fs.tree());
            assertEquals(fds, BpfFds.count());
        }
    }
}
