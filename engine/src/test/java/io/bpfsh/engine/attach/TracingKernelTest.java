package io.bpfsh.engine.attach;

import static io.bpfsh.engine.attach.AttachKernelTest.u32;
import static io.bpfsh.engine.attach.AttachKernelTest.u64At;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Library;
import com.sun.jna.Native;
import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.fs.Tracefs;
import io.bpfsh.engine.load.LoadedProgram;
import io.bpfsh.engine.load.Module;
import io.bpfsh.engine.sys.BpfLink;
import io.bpfsh.engine.sys.BpfMap;
import io.bpfsh.engine.sys.LinkType;
import io.bpfsh.engine.testing.Bpftool;
import io.bpfsh.engine.testing.KernelTest;
import io.bpfsh.engine.testing.NetNamespace;
import io.bpfsh.engine.testing.Samples;
import io.bpfsh.engine.testing.TestBpffs;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Assertions;

/**
 * Tracepoint, raw tracepoint and BTF-typed tracepoint links: the counters of tracepoint_counter.o rise
 * by the system calls this process makes, keyed by its tgid.
 */
@KernelTest
class TracingKernelTest {
    private interface Libc extends Library {
        Libc INSTANCE = Native.load("c", Libc.class);

        int getppid();
    }

    private static final int TGID = (int) ProcessHandle.current().pid();
    private static boolean mountedTracefs;
    private static TestBpffs fs;
    private static Module module;

    @BeforeAll
    static void load() throws Exception {
        mountedTracefs = Tracefs.locateOrMount().note() != null;
        fs = new TestBpffs("TracingKernelTest");
        module = Module.open(Samples.object("tracepoint_counter.o"), fs.bpffs());
        module.load(Map.of());
    }

    @AfterAll
    static void unload() {
        module.close();
        fs.close();
        if (mountedTracefs) {
            NetNamespace.run("umount", Tracefs.DEFAULT_ROOT.toString()); // leave the system as it was
        }
    }

    private static long count(String map) throws EngineException {
        BpfMap m = module.map(map).orElseThrow().map();
        byte[] v = m.lookup(u32(TGID));
        return v == null ? 0 : u64At(v, 0);
    }

    private static Attachment attach(String section, AttachTarget t) throws EngineException {
        LoadedProgram p = module.program(section).orElseThrow();
        return Attacher.attach(p.program(), p.spec().convention().orElse(null), t);
    }

    @Test
    void tracepointFromTheSectionNameCountsExactlyOurGetppidCalls() throws Exception {
        Attachment a = attach("tracepoint/syscalls/sys_enter_getppid", AttachTarget.none());
        long before;
        try (BpfLink link = a.link()) {
            assertEquals("perf_event", a.kind());
            assertTrue(a.where().startsWith("tracepoint syscalls/sys_enter_getppid (id "), a.where());
            assertEquals(LinkType.PERF_EVENT.number(), link.info().type());
            assertEquals("tracepoint sys_enter_getppid", link.info().attachPoint(), "the kernel names no category");
            String bpftool = Bpftool.run("-j", "link", "show", "id", Integer.toString(link.id()));
            assertEquals(link.info().progId(), Bpftool.number(bpftool, "prog_id"));
            before = count("getppid_calls");
            for (int i = 0; i < 7; i++) {
                Libc.INSTANCE.getppid();
            }
            assertEquals(before + 7, count("getppid_calls"));
        }
        Libc.INSTANCE.getppid();
        assertEquals(before + 7, count("getppid_calls"), "closing the link detached the program");
    }

    @Test
    void tracepointGivenByTheCallerAndUnknownOnes() throws Exception {
        Attachment a = attach("tracepoint/syscalls/sys_enter_getppid",
                AttachTarget.none().withTracepoint("syscalls/sys_exit_getppid"));
        a.link().close();
        assertTrue(a.where().startsWith("tracepoint syscalls/sys_exit_getppid"), a.where());
        EngineException e = Assertions.assertThrows(EngineException.class, () -> attach(
                "tracepoint/syscalls/sys_enter_getppid", AttachTarget.none().withTracepoint("syscalls/nope")));
        assertTrue(e.getMessage().startsWith("tracepoint syscalls/nope: no such tracepoint (no "), e.getMessage());
        e = Assertions.assertThrows(EngineException.class, () -> attach("tracepoint/syscalls/sys_enter_getppid",
                AttachTarget.none().withTracepoint("../../../etc/passwd")));
        assertEquals("tracepoint '../../../etc/passwd': expected CATEGORY/NAME (e.g. syscalls/sys_enter_getppid)",
                e.getMessage());
    }

    @Test
    void rawAndBtfTracepointsCountOurSyscalls() throws Exception {
        for (String[] c : new String[][] {{"raw_tp/sys_enter", "syscalls", "raw_tracepoint"},
                {"tp_btf/sys_enter", "btf_syscalls", "raw_tracepoint"}}) {
            Attachment a = attach(c[0], AttachTarget.none());
            try (BpfLink link = a.link()) {
                assertEquals(c[2], a.kind());
                assertEquals(c[2], LinkType.nameOf(link.info().type()));
                long before = count(c[1]);
                for (int i = 0; i < 5; i++) {
                    Libc.INSTANCE.getppid();
                }
                assertTrue(count(c[1]) >= before + 5, c[0] + ": at least our five getppid calls");
            }
        }
    }
}
