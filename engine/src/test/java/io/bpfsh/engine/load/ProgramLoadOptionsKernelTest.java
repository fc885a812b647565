package io.bpfsh.engine.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.testing.Bpftool;
import io.bpfsh.engine.testing.KernelTest;
import io.bpfsh.engine.testing.OpenFds;
import io.bpfsh.engine.testing.Samples;
import io.bpfsh.engine.testing.TestBpffs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Load options for programs: every program pinned by function name (bpftool's loadall), the verifier's log kept. */
@KernelTest
class ProgramLoadOptionsKernelTest {
    @RegisterExtension
    final TestBpffs fs = new TestBpffs();

    @Test
    void everyProgramIsPinnedAtDirSlashFunctionNameAndOutlivesTheModule() throws Exception {
        Path tagSmall = fs.root().resolve("progs/tag_small");
        Path tagLarge = fs.root().resolve("progs/tag_large");
        int smallId;
        try (Module m = Module.open(Samples.object("modern_subprogs.o"), fs.bpffs())) {
            LoadReport r = m.load(Map.of(), LoadOptions.defaults().withProgramPins("progs"));
            assertTrue(r.events().stream().map(LoadEvent::toString).toList()
                    .contains("pinned program xdp/tag_small at " + tagSmall), r.toString());
            smallId = m.program("xdp/tag_small").orElseThrow().program().id();
        }
        assertEquals(smallId, Bpftool.number(Bpftool.progShowPinned(tagSmall.toString()), "id"),
                "the pin holds the program after the module closed");
        assertEquals("tag_large", Bpftool.string(Bpftool.progShowPinned(tagLarge.toString()), "name"));
    }

    @Test
    void aProgramPinThatExistsFailsTheWholeLoad() throws Exception {
        Files.createDirectories(fs.root().resolve("progs"));
        try (Module first = Module.open(Samples.object("xdp_filter.o"), fs.bpffs())) {
            first.load(Map.of(), LoadOptions.defaults().withProgramPins("progs"));
        }
        List<String> before = fs.tree();
        int fds = OpenFds.count();
        try (Module again = Module.open(Samples.object("xdp_filter.o"), fs.bpffs())) {
            EngineException e = assertThrows(EngineException.class,
                    () -> again.load(Map.of(), LoadOptions.defaults().withProgramPins("progs")));
            assertTrue(e.getMessage().contains(fs.root().resolve("progs/filter").toString()), e.getMessage());
        }
        assertEquals(before, fs.tree(), "nothing created, nothing removed");
        assertEquals(fds, OpenFds.count());
    }

    @Test
    void theVerifierLogIsKeptWithItsStatisticsWhenAsked() throws Exception {
        try (Module m = Module.open(Samples.object("xdp_filter.o"), fs.bpffs())) {
            m.load(Map.of(), LoadOptions.defaults().withVerifierLog());
            String log = m.program("xdp").orElseThrow().verifierLog();
            assertTrue(log.contains("processed "), log);
            assertTrue(log.contains("verification time "), log);
            assertTrue(log.contains("stack depth "), log);
        }
        try (Module m = Module.open(Samples.object("xdp_filter.o"), fs.bpffs())) {
            m.load(Map.of());
            assertEquals("", m.program("xdp").orElseThrow().verifierLog(), "not asked: no log, no buffer");
        }
        assertFalse(Files.exists(fs.root().resolve("progs")));
    }
}
