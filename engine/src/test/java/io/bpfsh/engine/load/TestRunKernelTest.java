package io.bpfsh.engine.load;

import static io.bpfsh.engine.load.ModuleKernelTest.u32;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.bpfsh.engine.run.MapChange;
import io.bpfsh.engine.run.ProgramRun;
import io.bpfsh.engine.sys.BpfMap;
import io.bpfsh.engine.sys.BpfProgram;
import io.bpfsh.engine.sys.ReturnValueNames;
import io.bpfsh.engine.sys.TestRunInput;
import io.bpfsh.engine.sys.TestRunResult;
import io.bpfsh.engine.testing.KernelTest;
import io.bpfsh.engine.testing.OpenFds;
import io.bpfsh.engine.testing.Packets;
import io.bpfsh.engine.testing.Samples;
import io.bpfsh.engine.testing.TestBpffs;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Test runs of samples/xdp_filter.o: the verdict is the one the program computes from the packet. */
@KernelTest
class TestRunKernelTest {
    private static final int XDP_DROP = 1;
    private static final int XDP_PASS = 2;
    /** The sample's counters: verdicts[0] passed packets, verdicts[1] dropped ones. */
    private static final int PASSED = 0;
    private static final int DROPPED = 1;

    private static long count(BpfMap verdicts, int key) throws Exception {
        return ByteBuffer.wrap(verdicts.lookup(u32(key))).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    @Test
    void verdictFollowsThePacketAndTheCountersFollowTheRuns() throws Exception {
        try (TestBpffs fs = new TestBpffs("TestRunKernelTest");
             Module m = Module.open(Samples.object("xdp_filter.o"), fs.bpffs())) {
            m.load(Map.of());
            BpfProgram prog = m.program("xdp").orElseThrow().program();
            BpfMap verdicts = m.map("verdicts").orElseThrow().map();

            byte[] blocked = Packets.ipv4Udp(9, 18); // UDP to the discard port
            TestRunResult drop = prog.testRun(TestRunInput.ofData(blocked));
            assertEquals(XDP_DROP, drop.returnValue());
            assertEquals("XDP_DROP", ReturnValueNames.of(prog.type(), drop.returnValue()).orElseThrow());
            assertEquals(blocked.length, drop.dataSizeOut(), "the kernel reports the packet's size");
            assertArrayEquals(blocked, drop.dataOut(), "the filter does not change the packet");
            assertFalse(drop.dataOutTruncated());

            assertEquals(XDP_PASS, prog.testRun(TestRunInput.ofData(Packets.ipv4Udp(53, 18))).returnValue());
            assertEquals(XDP_PASS, prog.testRun(TestRunInput.ofData(Packets.ipv4Tcp(9))).returnValue(),
                    "TCP to the discard port passes: only UDP is filtered");
            assertEquals(XDP_PASS, prog.testRun(TestRunInput.ofData(Packets.truncatedIpv4())).returnValue(),
                    "a packet too short for an IPv4 header passes");
            assertEquals(1, count(verdicts, DROPPED));
            assertEquals(3, count(verdicts, PASSED));

            TestRunResult repeated = prog.testRun(TestRunInput.ofData(blocked).withRepeat(100));
            assertEquals(XDP_DROP, repeated.returnValue());
            assertEquals(101, count(verdicts, DROPPED), "repeat 100 runs the program 100 times");
        }
    }

    @Test
    void theRunReportsTheMapEntriesItChanged() throws Exception {
        try (TestBpffs fs = new TestBpffs("TestRunKernelTest");
             Module m = Module.open(Samples.object("xdp_filter.o"), fs.bpffs())) {
            m.load(Map.of());
            BpfProgram prog = m.program("xdp").orElseThrow().program();
            ProgramRun.Outcome first = ProgramRun.withMapChanges(prog, TestRunInput.ofData(Packets.ipv4Udp(9, 18)));
            assertEquals(XDP_DROP, first.result().returnValue());
            assertEquals(1, first.changes().size(), first.changes().toString());
            MapChange c = first.changes().get(0);
            assertEquals("verdicts", c.mapName());
            assertArrayEquals(u32(DROPPED), c.key());
            assertArrayEquals(new byte[8], c.before());
            assertArrayEquals(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(1).array(), c.after());
            assertEquals(List.of(), first.notes());

            int fds = OpenFds.count();
            ProgramRun.Outcome second = ProgramRun.withMapChanges(prog,
                    TestRunInput.ofData(Packets.ipv4Udp(53, 18)).withRepeat(3));
            assertEquals(List.of(u32(PASSED)[0]), second.changes().stream().map(x -> x.key()[0]).toList(),
                    "only the passed counter moved");
            assertEquals(fds, OpenFds.count(), "the maps opened for the comparison are closed");
        }
    }
}
