package io.bpfsh.shell.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpfsh.engine.sys.BpfException;
import io.bpfsh.engine.sys.BpfMap;
import io.bpfsh.engine.sys.KernelObjects;
import io.bpfsh.engine.sys.PinAccess;
import io.bpfsh.engine.testing.Bpftool;
import io.bpfsh.engine.testing.KernelTest;
import io.bpfsh.engine.testing.Samples;
import io.bpfsh.engine.testing.TestBpffs;
import io.bpfsh.shell.TestShell;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The kernel's errno said in the terms of what the command asked, and REFs that say which kind. */
@KernelTest
class KernelErrorsKernelTest {
    private TestBpffs fs;
    private TestShell sh;

    @BeforeEach
    void setUp() {
        fs = new TestBpffs("shell-kernel-errors");
        sh = new TestShell(fs.root());
        sh.ok("load " + Samples.object("gobpf_global.o") + " --as g");
    }

    @AfterEach
    void tearDown() {
        sh.close();
        fs.close();
    }

    @Test
    void anIndexPastTheEndOfAnArrayIsOutsideIt() {
        assertEquals("error: update g:dummy_array: key 99 is outside the array (16 entries)",
                sh.fails("update g:dummy_array 99 1"));
        assertEquals("error: update g:dummy_array: key 0x10 (index 16) is outside the array (16 entries)",
                sh.fails("update g:dummy_array 0x10 1"));
        assertEquals("error: lookup g:dummy_array: key 16 is outside the array (16 entries)",
                sh.fails("lookup g:dummy_array 16"));
        sh.ok("update g:dummy_array 15 1"); // the last index is inside
    }

    @Test
    void aFullHashSaysSoWithItsCount() {
        for (int k = 0; k < 128; k++) {
            sh.ok("update g:dummy_hash " + k + " " + k);
        }
        assertEquals("error: update g:dummy_hash: map is full (128 of 128 entries)", sh.fails("update g:dummy_hash 1000 1"));
        sh.ok("update g:dummy_hash 5 55"); // replacing an entry of a full map is fine
        assertEquals(128, Bpftool.number(Bpftool.mapShowPinned(fs.root().resolve("ns1/globals/dummy_hash").toString()),
                "max_entries"));
    }

    @Test
    void aMissingKeyHasNoEntry() {
        assertEquals("error: lookup g:dummy_hash: no entry for key 7", sh.fails("lookup g:dummy_hash 7"));
        assertEquals("error: delete g:dummy_hash: no entry for key 7", sh.fails("delete g:dummy_hash 7"));
    }

    @Test
    void anIdSaysWhichKindItIsAndTheKindCanBeGiven() throws Exception {
        int progId = sh.session().modules().get("g").program("socket/global").orElseThrow().program().id();
        int mapId = sh.session().modules().get("g").map("dummy_hash").orElseThrow().map().id();
        Assumptions.assumeFalse(mapExists(progId), "a map has the program's id " + progId);
        assertEquals("error: id " + progId + " is a program, not a map", sh.fails("dump id:" + progId));
        assertEquals("error: id:prog:" + progId + " is a program, not a map", sh.fails("lookup id:prog:" + progId + " 1"));
        assertTrue(sh.ok("info id:prog:" + progId).startsWith("prog global (id " + progId + ")"));
        assertTrue(sh.ok("info id:map:" + mapId).startsWith("map dummy_hash (id " + mapId + ")"));
        assertEquals("0 entries\n", sh.ok("dump id:map:" + mapId));
        if (!programExists(mapId)) {
            assertEquals("error: id:prog:" + mapId + ": no program has id " + mapId, sh.fails("info id:prog:" + mapId));
        }
        assertEquals("error: id:map:x: an id is a positive number after id:, id:map: or id:prog:, e.g. id:42",
                sh.fails("info id:map:x"));
    }

    @Test
    void entriesWithADotThatTheKernelMadeAreAskedForNotRefused() {
        // bpffs refuses to create names with a '.', so only the kernel's own (bpf_preload's
        // maps.debug) have one; whether this kernel lets it be opened, bpfsh must ask instead of refusing
        Path debug = Path.of("/sys/fs/bpf/maps.debug");
        Assumptions.assumeTrue(Files.exists(debug, java.nio.file.LinkOption.NOFOLLOW_LINKS),
                "this kernel has no bpf_preload iterators in /sys/fs/bpf");
        try (TestShell atRoot = new TestShell(debug.getParent())) { // only reads: the entry is the kernel's
            if (atRoot.run("info maps.debug")) {
                assertTrue(atRoot.takeOut().startsWith("link "));
            } else {
                String e = atRoot.takeErr();
                assertTrue(e.startsWith("error: get pinned object " + debug + ": ") && e.contains("(E"), e);
            }
        }
        assertEquals("error: pin path " + fs.root().resolve("a.b") + ": name 'a.b' contains a '.', which bpffs refuses",
                sh.fails("pin g:dummy_hash " + fs.root().resolve("a.b")));
    }

    private static boolean mapExists(int id) {
        try (BpfMap m = KernelObjects.openMap(id, PinAccess.READ_ONLY)) {
            return true;
        } catch (BpfException e) {
            return false;
        }
    }

    private static boolean programExists(int id) {
        try (var p = KernelObjects.openProgram(id)) {
            return true;
        } catch (BpfException e) {
            return false;
        }
    }
}
