package io.bpfsh.engine.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpfsh.engine.testing.KernelTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * maps.debug and progs.debug, the iterator links the kernel puts in a bpffs it mounts (bpf_preload),
 * are listed as links with their iterator target, not as "unknown", even where they cannot be opened.
 */
@KernelTest
class PreloadedIteratorsKernelTest {
    @Test
    void theKernelsIteratorFilesAreLinks() {
        Bpffs fs = Bpffs.atDefaultRoot();
        int seen = 0;
        for (String[] f : new String[][] {{"maps.debug", "bpf_map"}, {"progs.debug", "bpf_prog"}}) {
            Path p = Bpffs.DEFAULT_ROOT.resolve(f[0]);
            if (!Files.exists(p)) {
                continue; // a kernel built without bpf_preload makes none
            }
            seen++;
            BpffsEntry e = fs.entry(p);
            assertEquals(EntryKind.LINK, e.kind(), f[0]);
            assertEquals("iter", e.typeName(), f[0]);
            assertEquals("iter " + f[1], e.linkInfo().attachPoint(), f[0]);
        }
        BpffsEntry other = fs.entry(Bpffs.DEFAULT_ROOT.resolve("no-such-entry-" + ProcessHandle.current().pid()));
        assertEquals(EntryKind.UNKNOWN, other.kind(), "only those two names are the kernel's iterators");
        assertTrue(seen == 0 || seen == 2, "the kernel makes both or neither");
    }
}
