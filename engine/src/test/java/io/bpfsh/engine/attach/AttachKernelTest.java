package io.bpfsh.engine.attach;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.load.LoadedProgram;
import io.bpfsh.engine.load.Module;
import io.bpfsh.engine.spec.CraftedObject;
import io.bpfsh.engine.sys.BpfLink;
import io.bpfsh.engine.sys.BpfMap;
import io.bpfsh.engine.sys.KernelObjects;
import io.bpfsh.engine.sys.LinkInfo;
import io.bpfsh.engine.sys.LinkType;
import io.bpfsh.engine.sys.NetDevices;
import io.bpfsh.engine.testing.Bpftool;
import io.bpfsh.engine.testing.KernelTest;
import io.bpfsh.engine.testing.NetNamespace;
import io.bpfsh.engine.testing.OpenFds;
import io.bpfsh.engine.testing.Samples;
import io.bpfsh.engine.testing.TestBpffs;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Links on the real kernel, checked by what the attached programs count and by bpftool and ip: XDP and
 * tcx on a veth device in namespaces of the test's own, exactly as many packets counted as sent.
 */
@KernelTest
class AttachKernelTest {
    private TestBpffs fs;
    private NetNamespace net;

    @BeforeEach
    void setUp() {
        fs = new TestBpffs("AttachKernelTest");
        net = NetNamespace.pair();
    }

    @AfterEach
    void tearDown() {
        try {
            net.close();
        } finally {
            fs.close();
        }
    }

    static long u64At(byte[] value, int offset) {
        return ByteBuffer.wrap(value).order(ByteOrder.LITTLE_ENDIAN).getLong(offset);
    }

    static byte[] u32(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
    }

    /** Polls the map until the value at the key is the expected count (packets travel through softirqs). */
    static long awaitCount(BpfMap map, int key, int offset, long expected) throws Exception {
        long seen = -1;
        for (int i = 0; i < 100; i++) {
            byte[] v = map.lookup(u32(key));
            seen = v == null ? 0 : u64At(v, offset);
            if (seen >= expected) {
                break;
            }
            Thread.sleep(50);
        }
        Thread.sleep(100); // and no more arrive
        byte[] v = map.lookup(u32(key));
        return v == null ? 0 : u64At(v, offset);
    }

    private Attachment attachInA(LoadedProgram p, AttachTarget t) throws Exception {
        return NetNamespace.inside(net.a(), () -> Attacher.attach(p.program(), p.spec().convention().orElse(null), t));
    }

    @Test
    void xdpFilterCountsAndDropsExactlyThePacketsSent() throws Exception {
        try (Module m = Module.open(Samples.object("xdp_filter.o"), fs.bpffs())) {
            m.load(Map.of());
            LoadedProgram filter = m.program("xdp").orElseThrow();
            Attachment a = attachInA(filter, AttachTarget.none().withDevice(net.deviceA()).withXdpMode(XdpMode.GENERIC));
            try (BpfLink link = a.link()) {
                assertEquals("xdp", a.kind());
                assertTrue(a.where().startsWith(net.deviceA() + " (ifindex "), a.where());
                String bpftool = Bpftool.run("-j", "link", "show", "id", Integer.toString(link.id()));
                assertEquals(filter.program().id(), Bpftool.number(bpftool, "prog_id"));
                assertEquals("xdp", Bpftool.string(bpftool, "type"));
                assertTrue(net.linkShow(net.a(), net.deviceA()).contains("xdpgeneric"),
                        "ip link shows the generic XDP program");
                assertEquals(LinkType.XDP.number(), link.info().type());
                net.sendUdp(9, 5);  // discard port: dropped
                net.sendUdp(7, 3);  // echo port: passed
                BpfMap verdicts = m.map("verdicts").orElseThrow().map();
                assertEquals(5, awaitCount(verdicts, 1, 0, 5), "dropped");
                assertEquals(3, awaitCount(verdicts, 0, 0, 3), "passed");
            }
            assertFalse(net.linkShow(net.a(), net.deviceA()).contains("xdp"), "closing the link detaches the program");
            attachInA(filter, AttachTarget.none().withDevice(net.deviceA())).link().close(); // warm up
            int fdsBefore = OpenFds.count();
            for (int i = 0; i < 3; i++) {
                attachInA(filter, AttachTarget.none().withDevice(net.deviceA())).link().close();
            }
            assertEquals(fdsBefore, OpenFds.count(), "no FD left open by attaching and closing");
        }
    }

    @Test
    void tcxCounterCountsIngressPackets() throws Exception {
        try (Module m = Module.open(Samples.object("tc_counter.o"), fs.bpffs())) {
            m.load(Map.of());
            LoadedProgram count = m.program("tc").orElseThrow();
            EngineException noDirection = assertThrows(EngineException.class,
                    () -> attachInA(count, AttachTarget.none().withDevice(net.deviceA())));
            assertTrue(noDirection.getMessage().endsWith(": give the direction on " + net.deviceA()
                    + " (--ingress or --egress)"), noDirection.getMessage());
            Attachment a = attachInA(count, AttachTarget.none().withDevice(net.deviceA())
                    .withDirection(TcDirection.INGRESS));
            try (BpfLink link = a.link()) {
                assertEquals("tcx", a.kind());
                LinkInfo info = link.info();
                assertEquals(LinkType.TCX.number(), info.type());
                assertEquals(46, info.attachType(), "BPF_TCX_INGRESS");
                String bpftool = Bpftool.run("-j", "link", "show", "id", Integer.toString(link.id()));
                assertEquals(count.program().id(), Bpftool.number(bpftool, "prog_id"));
                net.sendUdp(7, 4);
                assertEquals(4, awaitCount(m.map("tc_counts").orElseThrow().map(), 0, 0, 4));
            }
        }
    }

    @Test
    void pinnedLinkOutlivesItsFdAndDetachEndsIt() throws Exception {
        Path pin = fs.root().resolve("xdp_link");
        int linkId;
        try (Module m = Module.open(Samples.object("xdp_filter.o"), fs.bpffs())) {
            m.load(Map.of());
            Attachment a = attachInA(m.program("xdp").orElseThrow(), AttachTarget.none().withDevice(net.deviceA()));
            try (BpfLink link = a.link()) {
                link.pin(pin.toString());
                linkId = link.id();
            }
        }
        // the module and the link's FD are closed: the pin alone keeps the program on the device
        assertEquals(linkId, Bpftool.number(Bpftool.run("-j", "link", "show", "pinned", pin.toString()), "id"));
        assertTrue(net.linkShow(net.a(), net.deviceA()).contains("xdp"));
        assertTrue(KernelObjects.allLinks().stream().anyMatch(l -> l.id() == linkId && l.type() == LinkType.XDP.number()),
                "the kernel-wide listing has the pinned link");
        try (BpfLink again = KernelObjects.openPinnedLink(pin.toString());
             BpfLink byId = KernelObjects.openLink(linkId)) {
            assertEquals(again.info(), byId.info());
            assertEquals(NetNamespace.inside(net.a(), () -> NetDevices.indexOf(net.deviceA())), again.info().ifindex());
            again.detach();
            assertEquals(0, again.info().ifindex(), "a detached XDP link reports ifindex 0");
            assertEquals("detached", again.info().attachPoint());
        }
        assertFalse(net.linkShow(net.a(), net.deviceA()).contains("xdp"), "detach removed the program");
        Files.delete(pin);
    }

    @Test
    void linkUpdateSwapsTheProgramOfALiveLink() throws Exception {
        try (Module filter = Module.open(Samples.object("xdp_filter.o"), fs.bpffs());
             Module counter = Module.open(Samples.object("modern_counter.o"), fs.bpffs())) {
            filter.load(Map.of());
            counter.load(Map.of(), new io.bpfsh.engine.load.LoadOptions("counter"));
            var first = filter.program("xdp").orElseThrow().program();
            var second = counter.program("xdp").orElseThrow().program();
            Attachment a = attachInA(filter.program("xdp").orElseThrow(), AttachTarget.none().withDevice(net.deviceA()));
            try (BpfLink link = a.link()) {
                EngineException wrongOld = assertThrows(EngineException.class, () -> link.update(second, second));
                assertTrue(wrongOld.getMessage().startsWith("update link "), wrongOld.getMessage());
                link.update(second, first);
                assertEquals(second.id(), link.info().progId());
                assertEquals(second.id(), Bpftool.number(Bpftool.run("-j", "link", "show", "id",
                        Integer.toString(link.id())), "prog_id"));
            }
        }
    }

    @Test
    void xdpWithoutADeviceOrOnAMissingOneSaysWhat() throws Exception {
        try (Module m = Module.open(Samples.object("xdp_filter.o"), fs.bpffs())) {
            m.load(Map.of());
            LoadedProgram p = m.program("xdp").orElseThrow();
            EngineException none = assertThrows(EngineException.class, () -> attachInA(p, AttachTarget.none()));
            assertTrue(none.getMessage().endsWith(": needs a network device to attach the XDP program to (--dev IFACE)"),
                    none.getMessage());
            EngineException missing = assertThrows(EngineException.class,
                    () -> attachInA(p, AttachTarget.none().withDevice(net.deviceB())));
            assertEquals("network device " + net.deviceB() + ": no such device (ENODEV)", missing.getMessage(),
                    "deviceB lives in the other namespace");
        }
    }

    @Test
    void classicTcFilterCountsIngressPacketsAndDetachRemovesIt() throws Exception {
        try (Module m = Module.open(Samples.object("tc_counter.o"), fs.bpffs())) {
            m.load(Map.of());
            LoadedProgram count = m.program("tc").orElseThrow();
            TcFilter f = NetNamespace.inside(net.a(), () -> ClassicTc.attach(count.program(), net.deviceA(),
                    TcDirection.INGRESS));
            assertTrue(f.createdQdisc());
            String shown = NetNamespace.run("tc", "-n", net.a(), "filter", "show", "dev", net.deviceA(), "ingress");
            assertTrue(shown.contains("direct-action") && shown.contains("id " + count.program().id()), shown);
            net.sendUdp(7, 6);
            assertEquals(6, awaitCount(m.map("tc_counts").orElseThrow().map(), 0, 0, 6));
            EngineException again = assertThrows(EngineException.class, () -> NetNamespace.inside(net.a(),
                    () -> ClassicTc.attach(count.program(), net.deviceA(), TcDirection.INGRESS)));
            assertTrue(again.getMessage().endsWith("add cls_bpf filter: file exists (EEXIST) (a filter with priority 1"
                    + " and handle 1 is there already)"), again.getMessage());
            NetNamespace.inside(net.a(), () -> {
                f.detach();
                return null;
            });
            assertEquals("", NetNamespace.run("tc", "-n", net.a(), "filter", "show", "dev", net.deviceA(), "ingress"));
            assertFalse(NetNamespace.run("tc", "-n", net.a(), "qdisc", "show", "dev", net.deviceA()).contains("clsact"),
                    "the qdisc the attach added is gone");
        }
    }

    @Test
    void nativeModeRunsInTheDriver() throws Exception {
        try (Module m = Module.open(Samples.object("xdp_filter.o"), fs.bpffs())) {
            m.load(Map.of());
            Attachment a = attachInA(m.program("xdp").orElseThrow(), AttachTarget.none().withDevice(net.deviceA())
                    .withXdpMode(XdpMode.NATIVE));
            try (BpfLink link = a.link()) {
                assertTrue(a.where().endsWith(", native mode"), a.where());
                String shown = net.linkShow(net.a(), net.deviceA());
                assertTrue(shown.contains("xdp") && !shown.contains("xdpgeneric"), "veth runs XDP natively: " + shown);
                net.sendUdp(9, 3);
                assertEquals(3, awaitCount(m.map("verdicts").orElseThrow().map(), 1, 0, 3));
            }
        }
    }

    @Test
    void aTcxSectionNamesItsDirection(@TempDir Path dir) throws Exception {
        CraftedObject o = new CraftedObject();
        o.program("tcx/egress", CraftedObject.concat(CraftedObject.movR0(), CraftedObject.exit()));
        o.license("GPL");
        try (Module m = Module.open(o.write(dir, "tcx.o"), fs.bpffs())) {
            m.load(Map.of());
            Attachment a = attachInA(m.program("tcx/egress").orElseThrow(), AttachTarget.none().withDevice(net.deviceA()));
            try (BpfLink link = a.link()) {
                assertEquals(47, link.info().attachType(), "BPF_TCX_EGRESS, from the section name");
                assertTrue(a.where().endsWith(" egress"), a.where());
            }
        }
    }
}
