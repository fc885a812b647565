package io.bpfsh.engine.load;

import static io.bpfsh.engine.load.FailedLoad.gobpfMaps;
import static io.bpfsh.engine.spec.CraftedObject.gobpfArray;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.sys.BpfMap;
import io.bpfsh.engine.sys.MapAttributes;
import io.bpfsh.engine.sys.MapType;
import io.bpfsh.engine.sys.PinAccess;
import io.bpfsh.engine.testing.KernelTest;
import io.bpfsh.engine.testing.OpenFds;
import io.bpfsh.engine.testing.TestBpffs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * gobpf's CloseExt: a bad option (unknown map, unpin of an unpinned map) is refused before anything happens and
 * leaves the module open; an unpin only ever removes this module's own map.
 */
@KernelTest
class CloseOptionsKernelTest {
    private static final int NONE = 0, GLOBAL_NS = 2;
    @TempDir
    Path dir;
    @RegisterExtension
    final TestBpffs fs = new TestBpffs();
    private Path object;
    private Module module;
    private Path pin;

    @BeforeAll
    static void warmUp() throws Exception {
        FailedLoad.warmUp();
    }

    /** Map g (PIN_GLOBAL_NS, namespace ns) and map n (PIN_NONE), loaded. */
    @BeforeEach
    void setUp() throws Exception {
        object = gobpfMaps(dir, "c.o", "g", gobpfArray(GLOBAL_NS, "ns"), "n", gobpfArray(NONE, ""));
        module = Module.open(object, fs.bpffs());
        module.load(Map.of());
        pin = fs.root().resolve("ns/globals/g");
    }

    @AfterEach
    void tearDown() {
        module.close();
    }

    /** Asserts that close(options) is refused with the message and changes nothing: still open, same pins and FDs. */
    private void assertCloseRefused(Map<String, CloseOptions> options, String message) {
        List<String> tree = fs.tree();
        int fds = OpenFds.count();
        EngineException e = assertThrows(EngineException.class, () -> module.close(options));
        assertEquals(message, e.getMessage());
        assertFalse(module.isClosed(), "a bad option leaves the module open");
        assertEquals(tree, fs.tree());
        assertEquals(fds, OpenFds.count());
    }

    @Test
    void optionsForAMapTheObjectDoesNotHave() {
        assertCloseRefused(Map.of("maps/g", CloseOptions.unpinning(), "maps/nope", CloseOptions.unpinning()),
                object + ": CloseOptions for 'maps/nope': the object has no such map (its maps: maps/g, maps/n)");
    }

    @Test
    void unpinOfAPinNoneMap() {
        assertCloseRefused(Map.of("maps/g", CloseOptions.unpinning(), "maps/n", CloseOptions.unpinning()),
                object + ": close: map n is not pinned (PIN_NONE)");
    }

    @Test
    void optionsWithoutUnpinForAPinNoneMapAreFine() throws Exception {
        CloseReport r = module.close(Map.of("maps/n", new CloseOptions(false, null)));
        assertEquals(List.of(), r.unpinned());
        assertTrue(module.isClosed());
        assertTrue(Files.exists(pin));
    }

    @Test
    void unpinOfAPinSomebodyAlreadyRemovedIsNotedNotFailed() throws Exception {
        Files.delete(pin);
        CloseReport r = module.close(Map.of("maps/g", CloseOptions.unpinning()));
        assertEquals(List.of(), r.unpinned());
        assertEquals(List.of("map g was no longer pinned at " + pin), r.notes());
        assertTrue(module.isClosed());
    }

    @Test
    void aPinPathForAGlobalMapIsRefusedAtCloseAsAtLoad() {
        assertCloseRefused(Map.of("maps/g", CloseOptions.unpinning("wrong/path")), object
                + ": close: map g: a pin path was given, but PIN_GLOBAL_NS fixes the path by namespace (" + pin + ")");
    }

    @Test
    void unpinWhenTheGlobalPathNowHoldsAnotherLoadersMapLeavesItAlone() throws Exception {
        Files.delete(pin);
        try (BpfMap other = BpfMap.create(MapAttributes.of(MapType.ARRAY, 4, 4, 4))) {
            fs.bpffs().pin(other, fs.bpffs().resolve("ns/globals/g"));
            CloseReport r = module.close(Map.of("maps/g", CloseOptions.unpinning()));
            assertEquals(List.of(), r.unpinned());
            assertEquals(List.of("map g was no longer pinned at " + pin + ", which now holds map id " + other.id()
                    + " (left alone)"), r.notes());
            assertTrue(module.isClosed());
            try (BpfMap still = fs.bpffs().openMap(fs.bpffs().resolve("ns/globals/g"), PinAccess.READ_ONLY)) {
                assertEquals(other.id(), still.id(), "the other map's pin is untouched");
            }
        }
    }
}
