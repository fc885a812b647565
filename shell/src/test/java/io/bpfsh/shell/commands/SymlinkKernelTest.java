package io.bpfsh.shell.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpfsh.engine.sys.BpfMap;
import io.bpfsh.engine.sys.MapAttributes;
import io.bpfsh.engine.sys.MapType;
import io.bpfsh.engine.testing.Bpftool;
import io.bpfsh.engine.testing.KernelTest;
import io.bpfsh.engine.testing.TestBpffs;
import io.bpfsh.shell.TestShell;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Issue 10.2: `get link/vm` then `update @v 0 42` wrote into a map outside the root; `ls link` listed the target. */
@KernelTest
class SymlinkKernelTest {
    private TestBpffs fs;
    private TestShell sh;
    private Path root;
    private Path outside;

    @BeforeEach
    void setUp() throws Exception {
        fs = new TestBpffs("shell-symlinks");
        root = Files.createDirectory(fs.root().resolve("root"));
        outside = Files.createDirectory(fs.root().resolve("outside"));
        try (BpfMap m = BpfMap.create(MapAttributes.of(MapType.ARRAY, 4, 4, 1))) {
            fs.bpffs().pin(m, fs.bpffs().resolve("outside/vm"));
        }
        Files.createSymbolicLink(root.resolve("link"), outside);
        Files.createSymbolicLink(root.resolve("vm"), outside.resolve("vm"));
        sh = new TestShell(root);
    }

    @AfterEach
    void tearDown() {
        sh.close();
        fs.close();
    }

    @Test
    void lsShowsSymlinksAndNoCommandFollowsThem() throws Exception {
        assertEquals("symlink  link -> " + outside + "\nsymlink  vm -> " + outside.resolve("vm") + "\n", sh.ok("ls"));
        assertEquals("symlink  link -> " + outside + "\n", sh.ok("ls link"));
        String refusal = " is a symlink (to " + outside + "); bpfsh follows no symlinks below the bpffs root";
        assertTrue(sh.fails("get link/vm --as v").endsWith(root.resolve("link") + refusal), sh.takeErr());
        assertTrue(sh.fails("update link/vm 0 42").contains(root.resolve("link") + " is a symlink"));
        assertTrue(sh.fails("dump vm").contains(root.resolve("vm") + " is a symlink (to " + outside.resolve("vm")));
        assertTrue(sh.fails("unpin vm").contains("removes no symlinks"));
        String value = Bpftool.run("-j", "map", "lookup", "pinned", outside.resolve("vm").toString(), "key", "0", "0", "0", "0");
        assertTrue(value.contains("\"value\":[\"0x00\",\"0x00\",\"0x00\",\"0x00\"]"), "the map outside is untouched: " + value);
    }
}
