package io.bpfsh.engine.load;

import static io.bpfsh.engine.load.FailedLoad.assertRefused;
import static io.bpfsh.engine.load.FailedLoad.gobpfMaps;
import static io.bpfsh.engine.spec.CraftedObject.gobpfArray;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.testing.KernelTest;
import io.bpfsh.engine.testing.TestBpffs;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * PIN_GLOBAL_NS and PIN_OBJECT_NS build their path from the definition's namespace; a namespace that cannot
 * make a path inside the root fails the load naming the map, before anything is created (the object's first,
 * valid map is not created either).
 */
@KernelTest
class NamespaceKernelTest {
    private static final int OBJECT_NS = 1, GLOBAL_NS = 2;
    @TempDir
    Path dir;
    @RegisterExtension
    final TestBpffs fs = new TestBpffs();

    @BeforeAll
    static void warmUp() throws Exception {
        FailedLoad.warmUp();
    }

    /** A valid PIN_GLOBAL_NS map "ok", then map "bad" with the given pinning and namespace. */
    private Path object(int pinning, String namespace) {
        return gobpfMaps(dir, "ns.o", "ok", gobpfArray(GLOBAL_NS, "fine"), "bad", gobpfArray(pinning, namespace));
    }

    private void assertLoadRefused(int pinning, String namespace, String problem) throws Exception {
        Path o = object(pinning, namespace);
        assertRefused(fs, o, Map.of(), o + ": map bad: " + problem);
    }

    @Test
    void globalNamespaceEmpty() throws Exception {
        assertLoadRefused(GLOBAL_NS, "", "PIN_GLOBAL_NS needs a namespace, and the map's namespace is empty");
    }

    @Test
    void objectNamespaceEmpty() throws Exception {
        assertLoadRefused(OBJECT_NS, "", "PIN_OBJECT_NS needs a namespace, and the map's namespace is empty");
    }

    @Test
    void namespaceWithASlash() throws Exception {
        assertLoadRefused(GLOBAL_NS, "a/b", "namespace 'a/b' contains a '/'");
        assertLoadRefused(OBJECT_NS, "/abs", "namespace '/abs' contains a '/'");
    }

    @Test
    void namespaceDotDot() throws Exception {
        assertLoadRefused(GLOBAL_NS, "..", "namespace '..' is not a directory name");
    }

    @Test
    void namespaceWithADot() throws Exception {
        assertLoadRefused(GLOBAL_NS, "x.y", "pin path x.y/globals/bad: name 'x.y' contains a '.', which bpffs refuses");
    }

    @Test
    void namespaceDot() throws Exception {
        Path o = object(GLOBAL_NS, ".");
        EngineException e = FailedLoad.refused(fs, o, Map.of());
        assertTrue(e.getMessage().startsWith(o + ": map bad: "), e.getMessage());
    }
}
