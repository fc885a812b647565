package io.bpfsh.engine.load;

import static io.bpfsh.engine.load.FailedLoad.gobpfMaps;
import static io.bpfsh.engine.spec.CraftedObject.gobpfArray;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.fs.Bpffs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A load that would pin refuses a root that is not on a bpffs before creating anything (no map, no directory), and
 * says how to mount it. Needs no kernel: the check comes before the first bpf(2) call.
 */
class BpffsNotMountedTest {
    @TempDir
    Path dir;

    @Test
    void rootOnAnotherFileSystem() throws Exception {
        Path root = Files.createDirectory(dir.resolve("root"));
        Path object = gobpfMaps(dir, "g.o", "g", gobpfArray(2, "ns"));
        try (Module m = Module.open(object, new Bpffs(root))) {
            EngineException e = assertThrows(EngineException.class, () -> m.load(Map.of()));
            assertEquals("bpffs is not mounted at " + root + " (mount it with: mount -t bpf bpf " + root + ")",
                    e.getMessage());
        }
        try (var s = Files.list(root)) {
            assertEquals(List.of(), s.toList());
        }
    }
}
