package io.bpfsh.engine.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.testing.KernelTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding tracefs, and mounting it (and saying so) where it is missing: here on a directory of the test's own. */
@KernelTest
class TracefsKernelTest {
    @TempDir
    Path dir;

    @Test
    void theMountedOneIsFoundWithoutANote() throws Exception {
        Tracefs t = Tracefs.locateOrMount();
        assertNull(t.note(), "the test setup mounts tracefs at /sys/kernel/tracing");
        assertEquals(Path.of("/sys/kernel/tracing/trace_pipe"), t.tracePipe());
    }

    @Test
    void aMissingTracefsIsMountedAndTheCallerIsTold() throws Exception {
        Path root = Files.createDirectory(dir.resolve("tracing"));
        Path legacy = dir.resolve("debug-tracing");
        try {
            Tracefs t = Tracefs.locateOrMount(root, legacy);
            assertEquals("mounted tracefs at " + root + " (it was not mounted)", t.note());
            assertTrue(Files.exists(t.tracePipe()), "a real tracefs has trace_pipe");
            Tracefs again = Tracefs.locateOrMount(root, legacy);
            assertNull(again.note(), "found, not mounted twice");
        } finally {
            Process p = new ProcessBuilder("umount", root.toString()).inheritIO().start();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, "umount " + root);
        }
        assertFalse(Tracefs.isTracefs(root));
    }

    @Test
    void noDirectoryToMountOnIsAClearError() {
        Path root = dir.resolve("absent");
        EngineException e = assertThrows(EngineException.class, () -> Tracefs.locateOrMount(root, dir.resolve("x")));
        assertEquals("tracefs is not mounted and " + root
                + " is not a directory to mount it on (is this kernel built with CONFIG_TRACING?)", e.getMessage());
        assertFalse(Files.exists(root), "nothing created");
    }
}
