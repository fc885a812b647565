package io.bpfsh.engine.load;

import static io.bpfsh.engine.load.ModuleKernelTest.u32;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpfsh.engine.spec.ObjectSpec;
import io.bpfsh.engine.testing.KernelTest;
import io.bpfsh.engine.testing.Samples;
import io.bpfsh.engine.testing.TestBpffs;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An object with e_machine EM_NONE, as old LLVM made them, loads like its EM_BPF twin, with a note. */
@KernelTest
class EmNoneObjectKernelTest {
    @RegisterExtension
    final TestBpffs fs = new TestBpffs();

    @Test
    void loadsWithANoteAndRunsLikeItsTwin() throws Exception {
        ObjectSpec twin = ObjectSpec.read(Samples.object("gobpf_custom.o"));
        ObjectSpec old = ObjectSpec.read(Samples.object("em_none_custom.o"));
        assertEquals(List.of(Samples.object("em_none_custom.o") + ": e_machine is EM_NONE (0), as old LLVM wrote it; "
                + "its sections are read as eBPF"), old.notes());
        assertTrue(twin.notes().isEmpty());
        assertArrayEquals(twin.programs().get(0).instructions(), old.programs().get(0).instructions());
        try (Module m = Module.open(Samples.object("em_none_custom.o"), fs.bpffs())) {
            LoadReport r = m.load(Map.of("maps/dummy_array_custom", SectionParams.pinPath("old")));
            assertTrue(r.events().stream().anyMatch(e -> e.kind() == LoadEvent.Kind.NOTE
                    && e.subject().contains("EM_NONE")), r.toString());
            m.programs().get(0).program().testRun(new byte[64], 1);
            assertArrayEquals(u32(1), m.map("dummy_array_custom").orElseThrow().map().lookup(u32(0)),
                    "the program ran as gobpf_custom's does: [0] += 1");
        }
    }
}
