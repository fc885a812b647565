package io.bpfsh.engine.load;

import static io.bpfsh.engine.load.FailedLoad.gobpfMaps;
import static io.bpfsh.engine.spec.CraftedObject.gobpfArray;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.testing.KernelTest;
import io.bpfsh.engine.testing.OpenFds;
import io.bpfsh.engine.testing.TestBpffs;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A module loads once: a second load, or a load after close, is refused and changes nothing; a failed load may be retried. */
@KernelTest
class LoadLifecycleKernelTest {
    private static final int CUSTOM_NS = 3;
    private static final Map<String, SectionParams> PARAMS = Map.of("maps/a", SectionParams.pinPath("p"));
    @TempDir
    Path dir;
    @RegisterExtension
    final TestBpffs fs = new TestBpffs();
    private Path object;

    @BeforeAll
    static void warmUp() throws Exception {
        FailedLoad.warmUp();
    }

    @BeforeEach
    void setUp() {
        object = gobpfMaps(dir, "a.o", "a", gobpfArray(CUSTOM_NS, ""));
    }

    @Test
    void loadingTwice() throws Exception {
        try (Module m = Module.open(object, fs.bpffs())) {
            m.load(PARAMS);
            int id = m.map("a").orElseThrow().map().id();
            List<String> tree = fs.tree();
            int fds = OpenFds.count();
            EngineException e = assertThrows(EngineException.class, () -> m.load(Map.of("maps/a", SectionParams.pinPath("q"))));
            assertEquals(object + ": already loaded", e.getMessage());
            assertEquals(tree, fs.tree());
            assertEquals(fds, OpenFds.count());
            assertEquals(id, m.map("a").orElseThrow().map().id(), "the first load's map is still the module's");
            m.close(Map.of("maps/a", CloseOptions.unpinning("p")));
        }
        assertEquals(List.of(), fs.tree());
    }

    @Test
    void loadingAfterClose() throws Exception {
        int fds = OpenFds.count();
        Module m = Module.open(object, fs.bpffs());
        m.close();
        EngineException e = assertThrows(EngineException.class, () -> m.load(PARAMS));
        assertEquals(object + ": module is closed", e.getMessage());
        assertEquals(List.of(), fs.tree());
        assertEquals(fds, OpenFds.count());
    }

    @Test
    void aFailedLoadCanBeRetried() throws Exception {
        try (Module m = Module.open(object, fs.bpffs())) {
            assertThrows(EngineException.class, () -> m.load(Map.of()), "PIN_CUSTOM_NS without a pin path");
            m.load(PARAMS);
            assertTrue(m.isLoaded());
            assertEquals(List.of("p"), fs.tree());
            m.close(Map.of("maps/a", CloseOptions.unpinning("p")));
        }
    }

    @Test
    void closeAfterCloseIsHarmlessEvenWithOptions() throws Exception {
        try (Module m = Module.open(object, fs.bpffs())) {
            m.load(PARAMS);
            m.close();
            CloseReport r = m.close(Map.of("maps/a", CloseOptions.unpinning("p")));
            assertEquals(List.of(), r.unpinned(), "a closed module unpins nothing");
            assertFalse(fs.tree().isEmpty(), "the pin stays");
        }
    }
}
