package io.bpfsh.shell.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpfsh.engine.testing.Bpftool;
import io.bpfsh.engine.testing.KernelTest;
import io.bpfsh.engine.testing.Samples;
import io.bpfsh.engine.testing.TestBpffs;
import io.bpfsh.shell.TestShell;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 10.13: `close --unpin-all` unpinned a map the module had reused, someone else's. It unpins what
 * the module created; a reused map stays, with a note, unless --force; naming a map still unpins it.
 */
@KernelTest
class CloseReusedKernelTest {
    private TestBpffs fs;
    private TestShell sh;
    private Path hash;

    @BeforeEach
    void setUp() {
        fs = new TestBpffs("shell-close-reused");
        sh = new TestShell(fs.root());
        hash = fs.root().resolve("ns1/globals/dummy_hash");
    }

    @AfterEach
    void tearDown() {
        sh.close();
        fs.close();
    }

    @Test
    void unpinAllLeavesReusedMapsUnlessForced() throws Exception {
        String obj = Samples.object("gobpf_global.o").toString();
        sh.ok("load " + obj + " --as owner");      // creates and pins the maps: another tool, for the next module
        long id = Bpftool.number(Bpftool.mapShowPinned(hash.toString()), "id");
        sh.ok("load " + obj + " --as user");       // reuses them
        String out = sh.ok("close user --unpin-all");
        assertTrue(out.contains("note: map dummy_hash left pinned at " + hash + ": this module reused it rather than"
                + " created it (unpin it by name to remove it)"), out);
        assertEquals(id, Bpftool.number(Bpftool.mapShowPinned(hash.toString()), "id"), "the owner's map is still pinned");

        sh.ok("load " + obj + " --as named");
        out = sh.ok("close named --unpin dummy_hash");  // named explicitly: gobpf's CloseExt unpins it
        assertTrue(out.contains("unpinned " + hash), out);
        assertTrue(out.contains("note: unpinned map dummy_hash at " + hash + ", which this module reused rather than created"),
                out);
        assertTrue(!Files.exists(hash));

        sh.ok("load " + obj + " --as again");      // creates dummy_hash anew, reuses the owner's other maps
        assertEquals("error: close again: --force goes with --unpin-all (a map named with --unpin is unpinned whether"
                + " this module created it or not)", sh.fails("close again --force"));
        out = sh.ok("close again --unpin-all --force");
        assertTrue(out.contains("unpinned " + hash), out);
        sh.ok("close owner --unpin-all");
        assertEquals(List.of(), fs.tree().stream().filter(p -> !p.startsWith("ns1")).toList());
    }
}
