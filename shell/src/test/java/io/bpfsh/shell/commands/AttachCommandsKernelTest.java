package io.bpfsh.shell.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Library;
import com.sun.jna.Native;
import io.bpfsh.engine.fs.Tracefs;
import io.bpfsh.engine.sys.BpfMap;
import io.bpfsh.engine.testing.Bpftool;
import io.bpfsh.engine.testing.KernelTest;
import io.bpfsh.engine.testing.NetNamespace;
import io.bpfsh.engine.testing.Samples;
import io.bpfsh.engine.testing.TestBpffs;
import io.bpfsh.shell.TestShell;
import io.bpfsh.shell.output.JsonReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * attach, detach, links and the kernel-wide listings through the shell, on the real kernel: programs
 * attached in network namespaces of the test's own count exactly the packets sent; a pinned link
 * outlives the bpfsh process that made it; bpftool confirms what the shell says.
 */
@KernelTest
class AttachCommandsKernelTest {
    private interface Libc extends Library {
        Libc INSTANCE = Native.load("c", Libc.class);

        int getppid();
    }

    private TestBpffs fs;
    private NetNamespace net;
    private TestShell sh;

    @BeforeEach
    void setUp() {
        fs = new TestBpffs("AttachCommandsKernelTest");
        net = NetNamespace.pair();
        sh = new TestShell(fs.root());
    }

    @AfterEach
    void tearDown() {
        try {
            sh.close();
            net.close();
        } finally {
            fs.close();
        }
    }

    private static String obj(String name) {
        return Samples.object(name).toString();
    }

    /** Runs a shell line that must succeed on a thread inside namespace a (where the veth device is). */
    private String inA(String line) throws Exception {
        return NetNamespace.inside(net.a(), () -> sh.ok(line));
    }

    private long counter(String module, String map, int key, int offset) throws Exception {
        BpfMap m = sh.session().module(module).map(map).orElseThrow().map();
        for (int i = 0; i < 100; i++) {
            byte[] v = m.lookup(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(key).array());
            long n = v == null ? 0 : ByteBuffer.wrap(v).order(ByteOrder.LITTLE_ENDIAN).getLong(offset);
            if (n > 0 && i > 0) {
                Thread.sleep(100); // and no more arrive
                byte[] again = m.lookup(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(key).array());
                return ByteBuffer.wrap(again).order(ByteOrder.LITTLE_ENDIAN).getLong(offset);
            }
            Thread.sleep(50);
        }
        return 0;
    }

    @Test
    void xdpAttachCountsPacketsAndDetachRemovesTheProgram() throws Exception {
        sh.ok("load " + obj("xdp_filter.o") + " --as f");
        String out = inA("attach f:xdp --dev " + net.deviceA() + " --mode generic");
        assertTrue(out.matches("(?s)link \\d+ \\(xdp\\): program filter \\(id \\d+\\) attached to " + net.deviceA()
                + " \\(ifindex \\d+\\), generic mode\nhandle @filter; the link detaches when the session ends unless"
                + " pinned \\(pin @filter PATH\\)\n"), out);
        assertTrue(net.linkShow(net.a(), net.deviceA()).contains("xdpgeneric"));
        net.sendUdp(9, 5);
        net.sendUdp(7, 2);
        assertEquals(5, counter("f", "verdicts", 1, 0), "dropped");
        assertEquals(2, counter("f", "verdicts", 0, 0), "passed");

        String links = inA("links");
        assertTrue(links.startsWith("ID ") && links.contains(" xdp ") && links.contains("filter (id ")
                && links.contains("@filter"), links);
        String info = inA("info @filter");
        assertTrue(info.startsWith("link (id ") && info.matches("(?s).*link type +xdp\n.*attached +ifindex \\d+ \\("
                + net.deviceA() + "\\)\n.*"), info);
        sh.ok("detach @filter").lines().findFirst().ifPresent(l -> assertTrue(l.startsWith("detached link "), l));
        assertFalse(net.linkShow(net.a(), net.deviceA()).contains("xdp"), "ip link shows no program");
        assertEquals("no links in this session (make one with: attach REF ...)\n", sh.ok("links"));
    }

    @Test
    void tcxAttachWithJsonAndTheDirectionGivenOrMissing() throws Exception {
        sh.ok("load " + obj("tc_counter.o") + " --as tc");
        assertEquals("error: " + obj("tc_counter.o") + ": tc: give the direction on " + net.deviceA()
                + " (--ingress or --egress)", NetNamespace.inside(net.a(), () -> sh.fails("attach tc:tc " + net.deviceA())));
        TestShell json = new TestShell(fs.root(), true);
        try (json) {
            json.ok("load " + obj("tc_counter.o") + " --as tc");
            String out = NetNamespace.inside(net.a(), () -> json.ok("attach tc:tc " + net.deviceA() + " --ingress"));
            Map<String, Object> o = JsonReader.object(JsonReader.parse(out));
            assertEquals("tcx", o.get("type"));
            int linkId = ((Number) o.get("link_id")).intValue();
            assertEquals(((Number) o.get("prog_id")).longValue(), Bpftool.number(Bpftool.run("-j", "link", "show", "id",
                    Integer.toString(linkId)), "prog_id"));
            assertEquals("count_packets", o.get("handle"));
            net.sendUdp(7, 4);
            BpfMap m = json.session().module("tc").map("tc_counts").orElseThrow().map();
            long pkts = 0;
            for (int i = 0; i < 100 && pkts < 4; i++) {
                Thread.sleep(50);
                pkts = ByteBuffer.wrap(m.lookup(new byte[4])).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
            }
            assertEquals(4, pkts);
            List<Object> links = JsonReader.array(JsonReader.parse(json.ok("links")));
            assertEquals(1, links.size());
            @SuppressWarnings("unchecked")
            Map<String, Object> l = (Map<String, Object>) links.get(0);
            assertEquals(linkId, ((Number) l.get("id")).intValue());
            assertEquals("tcx", l.get("type"));
            assertEquals("count_packets", l.get("name"));
        }
    }

    @Test
    void aPinnedLinkOutlivesTheBpfshProcessAndDetachByPathRemovesItAndThePin() throws Exception {
        Path pin = fs.root().resolve("links/filter");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder("nsenter", "--net=/run/netns/" + net.a(), java, "-cp",
                System.getProperty("java.class.path"), "io.bpfsh.shell.Main", "--bpffs", fs.root().toString(),
                "-c", "load " + obj("xdp_filter.o") + " --as f",
                "-c", "attach f:xdp " + net.deviceA() + " --pin links/filter").redirectErrorStream(true).start();
        String out;
        try (var stdout = p.getInputStream()) {
            out = new String(stdout.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("pinned at " + pin + ": it stays attached after the session, until detach " + pin), out);

        // the process has exited: the pin alone holds the link and keeps the program on the device
        String shown = Bpftool.run("-j", "link", "show", "pinned", pin.toString());
        assertEquals("xdp", Bpftool.string(shown, "type"));
        int linkId = (int) Bpftool.number(shown, "id");
        assertTrue(net.linkShow(net.a(), net.deviceA()).contains("xdp"));
        String ls = inA("ls links");
        assertTrue(ls.matches("link\\s+filter  \\(xdp: ifindex \\d+ \\(" + net.deviceA() + "\\)\\)\n"), ls);

        // another process's link, found kernel-wide with its pin
        TestShell json = new TestShell(fs.root(), true);
        try (json) {
            boolean found = false;
            for (Object o : JsonReader.array(JsonReader.parse(json.ok("links --all")))) {
                @SuppressWarnings("unchecked")
                Map<String, Object> l = (Map<String, Object>) o;
                if (((Number) l.get("id")).intValue() == linkId) {
                    found = true;
                    assertEquals("xdp", l.get("type"));
                    assertEquals("filter", l.get("name"));
                    assertEquals(List.of(pin.toString()), l.get("pins"));
                }
            }
            assertTrue(found, "links --all lists the link of the process that exited");
        }

        String detached = sh.ok("detach links/filter");
        assertTrue(detached.startsWith("detached link " + linkId + " (xdp, program id ") && detached.endsWith(
                "; removed pin " + pin + "\n"), detached);
        assertFalse(Files.exists(pin));
        assertFalse(net.linkShow(net.a(), net.deviceA()).contains("xdp"), "ip link shows no program");
    }

    @Test
    void tracepointCounterRisesByTheSyscallsThisProcessMakes() throws Exception {
        boolean mounted = Tracefs.locate().isEmpty();
        try {
            sh.ok("load " + obj("tracepoint_counter.o") + " --as tp");
            String out = sh.ok("attach tp:tracepoint/syscalls/sys_enter_getppid");
            assertTrue(out.contains("(perf_event): program count_getppid (id ")
                    && out.contains("attached to tracepoint syscalls/sys_enter_getppid (id "), out);
            int tgid = (int) ProcessHandle.current().pid();
            BpfMap calls = sh.session().module("tp").map("getppid_calls").orElseThrow().map();
            byte[] key = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(tgid).array();
            byte[] v = calls.lookup(key);
            long before = v == null ? 0 : ByteBuffer.wrap(v).order(ByteOrder.LITTLE_ENDIAN).getLong();
            for (int i = 0; i < 9; i++) {
                Libc.INSTANCE.getppid();
            }
            assertEquals(before + 9, ByteBuffer.wrap(calls.lookup(key)).order(ByteOrder.LITTLE_ENDIAN).getLong());
        } finally {
            sh.close();
            if (mounted && Tracefs.locate().isPresent()) {
                NetNamespace.run("umount", Tracefs.DEFAULT_ROOT.toString()); // leave the system as it was
            }
        }
    }

    @Test
    void allListingsContainWhatBpftoolCreatedInAnotherProcess() throws Exception {
        Path mapPin = fs.root().resolve("bt_counts");
        Bpftool.run("map", "create", mapPin.toString(), "type", "array", "key", "4", "value", "8", "entries", "3",
                "name", "bt_all_test");
        Bpftool.run("prog", "loadall", obj("xdp_filter.o"), fs.root().resolve("btprogs").toString());
        int mapId = (int) Bpftool.number(Bpftool.mapShowPinned(mapPin.toString()), "id");
        int progId = (int) Bpftool.number(Bpftool.progShowPinned(fs.root().resolve("btprogs/filter").toString()), "id");
        String maps = sh.ok("maps --all");
        assertTrue(maps.lines().anyMatch(l -> l.matches(mapId + "\\s+array\\s+bt_all_test\\s+4\\s+8\\s+3\\s+" + mapPin)),
                maps);
        String progs = sh.ok("progs --all");
        assertTrue(progs.lines().anyMatch(l -> l.startsWith(progId + " ") && l.contains(" xdp ") && l.contains(" filter ")
                && l.endsWith(fs.root().resolve("btprogs/filter").toString())), progs);
        TestShell json = new TestShell(fs.root(), true);
        try (json) {
            assertTrue(JsonReader.array(JsonReader.parse(json.ok("maps --all"))).stream().anyMatch(o -> matches(o, mapId, "array",
                    "bt_all_test")));
            assertTrue(JsonReader.array(JsonReader.parse(json.ok("progs --all"))).stream().anyMatch(o -> matches(o, progId, "xdp", "filter")));
        }
        assertEquals("error: maps: give MODULE or --all, not both", sh.fails("maps m --all"));
    }

    @SuppressWarnings("unchecked")
    private static boolean matches(Object o, int id, String type, String name) {
        Map<String, Object> m = (Map<String, Object>) o;
        return ((Number) m.get("id")).intValue() == id && type.equals(m.get("type")) && name.equals(m.get("name"));
    }
}
