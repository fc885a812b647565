package io.bpfsh.engine.attach;

import static io.bpfsh.engine.attach.AttachKernelTest.u32;
import static io.bpfsh.engine.attach.AttachKernelTest.u64At;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Library;
import com.sun.jna.Native;
import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.load.LoadedProgram;
import io.bpfsh.engine.load.Module;
import io.bpfsh.engine.sys.BpfLink;
import io.bpfsh.engine.testing.Bpftool;
import io.bpfsh.engine.testing.KernelTest;
import io.bpfsh.engine.testing.Samples;
import io.bpfsh.engine.testing.TestBpffs;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Uprobes through the uprobe PMU: BINARY:SYMBOL becomes a file offset from the binary's symbols and
 * program headers, and the counters of uprobe_counter.o rise by the calls of libc's getppid that this
 * process makes (through JNA, so through libc's own function).
 */
@KernelTest
class UprobeKernelTest {
    private interface Libc extends Library {
        Libc INSTANCE = Native.load("c", Libc.class);

        int getppid();
    }

    private static final int TGID = (int) ProcessHandle.current().pid();
    private static TestBpffs fs;
    private static Module module;

    @BeforeAll
    static void load() throws Exception {
        fs = new TestBpffs("UprobeKernelTest");
        module = Module.open(Samples.object("uprobe_counter.o"), fs.bpffs());
        module.load(Map.of());
    }

    @AfterAll
    static void unload() {
        module.close();
        fs.close();
    }

    private static long count(String map) throws EngineException {
        byte[] v = module.map(map).orElseThrow().map().lookup(u32(TGID));
        return v == null ? 0 : u64At(v, 0);
    }

    private static Attachment attach(String section, AttachTarget t) throws EngineException {
        LoadedProgram p = module.program(section).orElseThrow();
        return Attacher.attach(p.program(), p.spec().convention().orElse(null), t);
    }

    @Test
    void uprobeAndUretprobeNamedInTheSectionCountOurCalls() throws Exception {
        Attachment in = attach("uprobe/libc.so.6:getppid", AttachTarget.none());
        Attachment out = attach("uretprobe/libc.so.6:getppid", AttachTarget.none());
        try (BpfLink a = in.link(); BpfLink b = out.link()) {
            assertEquals("perf_event", in.kind());
            assertTrue(in.where().startsWith("uprobe /"), in.where());
            assertTrue(out.where().startsWith("uretprobe /"), out.where());
            assertTrue(a.info().attachPoint().startsWith("uprobe /") && a.info().attachPoint().contains("libc.so.6"),
                    a.info().attachPoint());
            String bpftool = Bpftool.run("-j", "link", "show", "id", Integer.toString(a.id()));
            assertEquals(a.info().progId(), Bpftool.number(bpftool, "prog_id"));
            long calls = count("calls");
            long returns = count("returns");
            for (int i = 0; i < 6; i++) {
                Libc.INSTANCE.getppid();
            }
            assertEquals(calls + 6, count("calls"));
            assertEquals(returns + 6, count("returns"));
        }
    }

    @Test
    void bareUprobeTakesItsTargetFromTheCaller() throws Exception {
        EngineException none = assertThrows(EngineException.class, () -> attach("uprobe", AttachTarget.none()));
        assertTrue(none.getMessage().endsWith(": needs a probe to attach to (--uprobe BINARY:SYMBOL)"), none.getMessage());
        Attachment a = attach("uprobe", AttachTarget.none().withUprobe("libc.so.6:getppid"));
        try (BpfLink link = a.link()) {
            long before = count("any_calls");
            Libc.INSTANCE.getppid();
            Libc.INSTANCE.getppid();
            assertEquals(before + 2, count("any_calls"));
        }
    }

    @Test
    void badTargetsAreOneLineErrors() throws Exception {
        EngineException e = assertThrows(EngineException.class,
                () -> attach("uprobe", AttachTarget.none().withUprobe("libc.so.6:no_such_function_here")));
        assertTrue(e.getMessage().matches("uprobe libc\\.so\\.6:no_such_function_here: /\\S+libc\\.so\\.6 defines no"
                + " function 'no_such_function_here'"), e.getMessage());
        e = assertThrows(EngineException.class, () -> attach("uprobe", AttachTarget.none().withUprobe("nocolon")));
        assertEquals("uprobe 'nocolon': expected BINARY:SYMBOL (e.g. /bin/bash:readline)", e.getMessage());
        e = assertThrows(EngineException.class, () -> attach("uprobe", AttachTarget.none().withUprobe(
                Samples.object("xdp_filter.o") + ":filter")));
        assertTrue(e.getMessage().contains("not an executable or shared library (e_type 1)"), e.getMessage());
    }
}
