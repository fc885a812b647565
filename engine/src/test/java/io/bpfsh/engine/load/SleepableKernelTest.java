package io.bpfsh.engine.load;

import static io.bpfsh.engine.spec.CraftedObject.concat;
import static io.bpfsh.engine.spec.CraftedObject.exit;
import static io.bpfsh.engine.spec.CraftedObject.insn;
import static io.bpfsh.engine.spec.CraftedObject.movR0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.spec.CraftedObject;
import io.bpfsh.engine.sys.ProgType;
import io.bpfsh.engine.testing.KernelTest;
import io.bpfsh.engine.testing.TestBpffs;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The '.s' sections load with BPF_F_SLEEPABLE, seen in what the verifier allows: bpf_copy_from_user
 * (helper 148) may be called only from a sleepable program, so the same code loads from
 * {@code uprobe.s} and is refused from {@code uprobe}.
 */
@KernelTest
class SleepableKernelTest {
    /** r1 = r10 - 8; r2 = 8; r3 = 0; call bpf_copy_from_user; r0 = 0; exit */
    private static final byte[] COPY_FROM_USER = concat(insn(0xbf, 1, 10, 0, 0), insn(0x07, 1, 0, 0, -8),
            insn(0xb7, 2, 0, 0, 8), insn(0xb7, 3, 0, 0, 0), insn(0x85, 0, 0, 0, 148), movR0(), exit());
    @TempDir
    Path dir;
    private TestBpffs fs;

    @BeforeEach
    void setUp() {
        fs = new TestBpffs("SleepableKernelTest");
    }

    @AfterEach
    void tearDown() {
        fs.close();
    }

    private Module object(String section) throws Exception {
        CraftedObject o = new CraftedObject();
        o.program(section, COPY_FROM_USER);
        o.license("GPL");
        return Module.open(o.write(dir, "sleep.o"), fs.bpffs());
    }

    @Test
    void aSleepableSectionMayCallASleepingHelper() throws Exception {
        try (Module m = object("uprobe.s//bin/true:main")) {
            m.load(Map.of());
            assertEquals(ProgType.KPROBE, m.programs().get(0).type());
        }
    }

    @Test
    void theSameCodeInANonSleepableSectionIsRefused() throws Exception {
        try (Module m = object("uprobe//bin/true:main")) {
            EngineException e = assertThrows(EngineException.class, () -> m.load(Map.of()));
            assertTrue(e.getMessage().endsWith(": uprobe//bin/true:main: invalid argument (EINVAL): verifier: helper call"
                    + " might sleep in a non-sleepable prog"), e.getMessage());
        }
    }
}
