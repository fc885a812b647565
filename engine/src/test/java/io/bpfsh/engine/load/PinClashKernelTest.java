package io.bpfsh.engine.load;

import static io.bpfsh.engine.load.FailedLoad.assertRefused;
import static io.bpfsh.engine.load.FailedLoad.gobpfMaps;
import static io.bpfsh.engine.spec.CraftedObject.concat;
import static io.bpfsh.engine.spec.CraftedObject.exit;
import static io.bpfsh.engine.spec.CraftedObject.gobpfArray;
import static io.bpfsh.engine.spec.CraftedObject.movR0;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.sys.BpfProgram;
import io.bpfsh.engine.sys.ProgType;
import io.bpfsh.engine.sys.ProgramLoadAttributes;
import io.bpfsh.engine.testing.KernelTest;
import io.bpfsh.engine.testing.TestBpffs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pin paths that collide: two maps at one path (however spelled) are refused before anything is created; a pin
 * where another map needs a directory, or a directory or program where a map wants its pin, fails the load
 * naming the map and rolls back what the load had created.
 */
@KernelTest
class PinClashKernelTest {
    private static final int GLOBAL_NS = 2, CUSTOM_NS = 3;
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
        object = gobpfMaps(dir, "two.o", "a", gobpfArray(CUSTOM_NS, ""), "b", gobpfArray(CUSTOM_NS, ""));
    }

    private EngineException assertPathsRefused(String a, String b, String message) throws Exception {
        return assertRefused(fs, object, Map.of("maps/a", SectionParams.pinPath(a), "maps/b", SectionParams.pinPath(b)),
                message);
    }

    @Test
    void twoMapsAtOnePath() throws Exception {
        String both = object + ": maps a and b would both pin at " + fs.root().resolve("same/p");
        assertPathsRefused("same/p", "same/p", both);
        assertPathsRefused("same/p", fs.root() + "/same//p", both);
        assertPathsRefused("./same/p", "same/./p/", both);
    }

    @Test
    void customPathOnAGlobalMapsPath() throws Exception {
        Path o = gobpfMaps(dir, "mixed.o", "g", gobpfArray(GLOBAL_NS, "ns"), "c", gobpfArray(CUSTOM_NS, ""));
        assertRefused(fs, o, Map.of("maps/c", SectionParams.pinPath("ns/globals/g")),
                o + ": maps g and c would both pin at " + fs.root().resolve("ns/globals/g"));
    }

    @Test
    void secondMapWantsADirectoryWhereTheFirstPinned() throws Exception {
        // rolled back: the first map's pin is gone again (the wording is checked by the test below)
        EngineException e = FailedLoad.refused(fs, object,
                Map.of("maps/a", SectionParams.pinPath("d"), "maps/b", SectionParams.pinPath("d/x")));
        assertTrue(e.getMessage().endsWith("pin " + fs.root().resolve("d/x") + ": " + fs.root().resolve("d")
                + " is not a directory"), e.getMessage());
    }

    @Test
    void secondMapWantsADirectoryWhereTheFirstPinnedMessage() throws Exception {
        assertPathsRefused("d", "d/x", object + ": map b: pin " + fs.root().resolve("d/x") + ": " + fs.root().resolve("d")
                + " is not a directory");
    }

    @Test
    void secondMapWantsToPinWhereTheFirstMadeADirectory() throws Exception {
        assertPathsRefused("d/x", "d", object + ": map b: pin path " + fs.root().resolve("d") + " is a directory");
    }

    @Test
    void existingDirectoryAtThePinPathIsLeftAlone() throws Exception {
        Files.createDirectories(fs.root().resolve("taken/sub"));
        assertPathsRefused("ok", "taken", object + ": map b: pin path " + fs.root().resolve("taken") + " is a directory");
        assertTrue(Files.isDirectory(fs.root().resolve("taken/sub")));
    }

    @Test
    void programPinnedWhereAMapWantsItsPin() throws Exception {
        try (BpfProgram prog = BpfProgram.load(ProgramLoadAttributes.of(ProgType.SOCKET_FILTER,
                concat(movR0(), exit()), "GPL"), "squatter")) {
            fs.bpffs().pinCreatingParents(prog, fs.bpffs().resolve("prog"));
            assertPathsRefused("ok", "prog", object + ": map b: " + fs.root().resolve("prog") + ": is a prog, not a map");
        }
    }
}
