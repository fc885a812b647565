package io.bpfsh.engine.load;

import static io.bpfsh.engine.load.FailedLoad.assertRefused;
import static io.bpfsh.engine.load.FailedLoad.gobpfMaps;
import static io.bpfsh.engine.spec.CraftedObject.gobpfArray;

import io.bpfsh.engine.testing.KernelTest;
import io.bpfsh.engine.testing.TestBpffs;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * SectionParams.pinPath applies to PIN_CUSTOM_NS (and BY_NAME) maps only, and must be a path bpffs accepts;
 * anything else fails the load naming the map, before anything is created.
 */
@KernelTest
class PinPathParamsKernelTest {
    private static final int NONE = 0, OBJECT_NS = 1, GLOBAL_NS = 2, CUSTOM_NS = 3;
    @TempDir
    Path dir;
    @RegisterExtension
    final TestBpffs fs = new TestBpffs();

    @BeforeAll
    static void warmUp() throws Exception {
        FailedLoad.warmUp();
    }

    /** Loads an object whose only map is {@code name} with {@code def} and a pin path; asserts the refusal. */
    private void assertPathRefused(String name, byte[] def, String pinPath, String problem) throws Exception {
        Path o = gobpfMaps(dir, "p.o", name, def);
        assertRefused(fs, o, Map.of("maps/" + name, SectionParams.pinPath(pinPath)), o + ": map " + name + ": " + problem);
    }

    @Test
    void pinPathForAPinNoneMap() throws Exception {
        assertPathRefused("a", gobpfArray(NONE, ""), "x", "a pin path was given, but the map's pinning is PIN_NONE");
    }

    @Test
    void pinPathForNamespacedMaps() throws Exception {
        assertPathRefused("a", gobpfArray(GLOBAL_NS, "ns"), "x", "a pin path was given, but PIN_GLOBAL_NS fixes the path"
                + " by namespace; pin paths apply to PIN_CUSTOM_NS and LIBBPF_PIN_BY_NAME maps");
        assertPathRefused("a", gobpfArray(OBJECT_NS, "ns"), "x", "a pin path was given, but PIN_OBJECT_NS fixes the path"
                + " by namespace; pin paths apply to PIN_CUSTOM_NS and LIBBPF_PIN_BY_NAME maps");
    }

    @Test
    void dotInACustomPinPath() throws Exception {
        assertPathRefused("a", gobpfArray(CUSTOM_NS, ""), "ns/a.b",
                "pin path ns/a.b: name 'a.b' contains a '.', which bpffs refuses");
    }

    @Test
    void dotInTheMapNameOfAGlobalMap() throws Exception {
        Path o = gobpfMaps(dir, "p.o", "a.b", gobpfArray(GLOBAL_NS, "ns"));
        assertRefused(fs, o, Map.of(), o + ": map a.b: pin path ns/globals/a.b: name 'a.b' contains a '.', which bpffs refuses");
    }

    @Test
    void blankCustomPinPathCountsAsNone() throws Exception {
        assertPathRefused("a", gobpfArray(CUSTOM_NS, ""), "  ",
                "PIN_CUSTOM_NS needs a pin path, and none was given for maps/a");
    }

    @Test
    void customPinPathThatIsTheRootItself() throws Exception {
        assertPathRefused("a", gobpfArray(CUSTOM_NS, ""), fs.root().toString(),
                "pin path " + fs.root() + " is the bpffs root itself; give a name below it");
    }
}
