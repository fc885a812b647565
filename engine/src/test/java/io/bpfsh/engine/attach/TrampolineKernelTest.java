package io.bpfsh.engine.attach;

import static io.bpfsh.engine.spec.CraftedObject.concat;
import static io.bpfsh.engine.spec.CraftedObject.exit;
import static io.bpfsh.engine.spec.CraftedObject.movR0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.load.LoadedProgram;
import io.bpfsh.engine.load.Module;
import io.bpfsh.engine.spec.CraftedObject;
import io.bpfsh.engine.sys.BpfLink;
import io.bpfsh.engine.sys.LinkType;
import io.bpfsh.engine.testing.Bpftool;
import io.bpfsh.engine.testing.KernelTest;
import io.bpfsh.engine.testing.TestBpffs;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Programs whose attach_btf_id comes from vmlinux BTF: iterators load and attach (an iter link);
 * trampoline programs (fentry, fexit, lsm) either load and attach, or the kernel's refusal is
 * explained, never reported as missing privilege; an unknown target is named.
 */
@KernelTest
class TrampolineKernelTest {
    @TempDir
    Path dir;
    private TestBpffs fs;

    @BeforeEach
    void setUp() {
        fs = new TestBpffs("TrampolineKernelTest");
    }

    @AfterEach
    void tearDown() {
        fs.close();
    }

    private Module object(String section) throws Exception {
        CraftedObject o = new CraftedObject();
        o.program(section, concat(movR0(), exit()));
        o.license("GPL");
        return Module.open(o.write(dir, "t.o"), fs.bpffs());
    }

    @Test
    void iteratorLoadsWithItsBtfIdAndAttaches() throws Exception {
        try (Module m = object("iter/task")) {
            m.load(Map.of());
            LoadedProgram p = m.program("iter/task").orElseThrow();
            Attachment a = Attacher.attach(p.program(), p.spec().convention().orElseThrow(), AttachTarget.none());
            try (BpfLink link = a.link()) {
                assertEquals(LinkType.ITER.number(), link.info().type());
                assertEquals("task", link.info().name(), "the kernel names the iterator's target");
                assertEquals(p.program().id(), Bpftool.number(Bpftool.run("-j", "link", "show", "id",
                        Integer.toString(link.id())), "prog_id"));
            }
        }
    }

    @Test
    void trampolineProgramsAttachOrTheRefusalIsExplained() throws Exception {
        for (String section : new String[] {"fentry/do_unlinkat", "fexit/do_unlinkat", "lsm/file_open"}) {
            try (Module m = object(section)) {
                try {
                    m.load(Map.of());
                } catch (EngineException e) {
                    assertTrue(e.getMessage().endsWith(": " + section + ": the kernel refused to load this program"
                            + " (EPERM) although bpfsh has CAP_BPF and CAP_SYS_ADMIN; fentry, fexit, fmod_ret, lsm and"
                            + " freplace programs run on BPF trampolines, which a locked-down kernel"
                            + " (lockdown=integrity, see dmesg) or one without trampoline support refuses"),
                            e.getMessage());
                    assertFalse(e.getMessage().contains("root or CAP_BPF is needed"));
                    continue;
                }
                LoadedProgram p = m.program(section).orElseThrow();
                Attachment a = Attacher.attach(p.program(), p.spec().convention().orElseThrow(), AttachTarget.none());
                try (BpfLink link = a.link()) {
                    assertEquals(LinkType.TRACING.number(), link.info().type(), section);
                }
            }
        }
    }

    @Test
    void aTargetTheKernelLacksIsNamed() throws Exception {
        try (Module m = object("fentry/no_such_function_in_vmlinux")) {
            EngineException e = org.junit.jupiter.api.Assertions.assertThrows(EngineException.class,
                    () -> m.load(Map.of()));
            assertEquals(dir.resolve("t.o") + ": fentry/no_such_function_in_vmlinux: the kernel's BTF"
                    + " (/sys/kernel/btf/vmlinux) has no func 'no_such_function_in_vmlinux'", e.getMessage());
        }
    }
}
