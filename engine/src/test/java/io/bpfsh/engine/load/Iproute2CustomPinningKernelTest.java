package io.bpfsh.engine.load;

import static io.bpfsh.engine.load.FailedLoad.assertRefused;
import static io.bpfsh.engine.spec.CraftedObject.iproute2Map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.spec.CraftedObject;
import io.bpfsh.engine.spec.Pinning;
import io.bpfsh.engine.testing.KernelTest;
import io.bpfsh.engine.testing.TestBpffs;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * An iproute2 pinning value above 2 is a custom id (tc looks it up in /etc/iproute2/bpf_pinning); bpfsh reads it as
 * PIN_CUSTOM_NS, so the map needs a SectionParams pin path at load and the same path again to unpin.
 */
@KernelTest
class Iproute2CustomPinningKernelTest {
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
        CraftedObject o = new CraftedObject();
        o.object("c", o.data("maps", iproute2Map(2, 4, 4, 4, 0, 0, 5)), 0, 36);
        object = o.write(dir, "tc_custom.o");
    }

    @Test
    void withoutAPinPath() throws Exception {
        assertRefused(fs, object, Map.of(), object + ": map c: PIN_CUSTOM_NS needs a pin path, and none was given for maps/c");
    }

    @Test
    void withAPinPath() throws Exception {
        try (Module m = Module.open(object, fs.bpffs())) {
            m.load(Map.of("maps/c", SectionParams.pinPath("tc/custom/c")));
            assertEquals(Pinning.CUSTOM_NS, m.map("c").orElseThrow().pinning());
            assertEquals(List.of("tc", "tc/custom", "tc/custom/c"), fs.tree());
            EngineException e = assertThrows(EngineException.class, () -> m.close(Map.of("maps/c", CloseOptions.unpinning())));
            assertEquals(object + ": close: map c has PIN_CUSTOM_NS; give the pin path it was loaded with", e.getMessage());
            CloseReport r = m.close(Map.of("maps/c", CloseOptions.unpinning("tc/custom/c")));
            assertEquals(List.of(fs.root().resolve("tc/custom/c").toString()), r.unpinned());
        }
        assertEquals(List.of(), fs.tree(), "unpinning also removed the directories the load created");
    }
}
