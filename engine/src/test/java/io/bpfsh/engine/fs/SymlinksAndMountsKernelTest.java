package io.bpfsh.engine.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.load.Module;
import io.bpfsh.engine.sys.BpfMap;
import io.bpfsh.engine.sys.MapAttributes;
import io.bpfsh.engine.sys.MapType;
import io.bpfsh.engine.sys.PinAccess;
import io.bpfsh.engine.testing.KernelTest;
import io.bpfsh.engine.testing.Samples;
import io.bpfsh.engine.testing.TestBpffs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10.2 and 10.3: inside the root a symlink is listed as one and never followed (get, load, pin,
 * unpin); a mount below the root is never crossed, and only pins and empty bpffs directories are removed.
 */
@KernelTest
class SymlinksAndMountsKernelTest {
    @TempDir
    Path host;
    private TestBpffs t;
    private Path root;
    private Path outside;
    private Bpffs fs;
    private BpfMap foreign;
    private final List<Path> mounts = new java.util.ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        t = new TestBpffs("SymlinksAndMountsKernelTest");
        root = Files.createDirectory(t.root().resolve("root"));
        outside = Files.createDirectory(t.root().resolve("outside"));
        foreign = BpfMap.create(MapAttributes.of(MapType.ARRAY, 4, 4, 1));
        t.bpffs().pin(foreign, t.bpffs().resolve("outside/vm"));
        fs = new Bpffs(root);
    }

    @AfterEach
    void tearDown() throws Exception {
        for (Path m : mounts) {
            run("umount", m.toString());
        }
        foreign.close();
        t.close();
    }

    private static void run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out;
        // closed here, not by the GC later, which would change the FD counts of the tests that follow
        try (var in = p.getInputStream(); var stdin = p.getOutputStream(); var err = p.getErrorStream()) {
            out = new String(in.readAllBytes());
        }
        assertEquals(0, p.waitFor(), String.join(" ", cmd) + ": " + out);
    }

    private void mount(Path at, String... how) throws Exception {
        Files.createDirectories(at);
        String[] cmd = new String[how.length + 2];
        cmd[0] = "mount";
        System.arraycopy(how, 0, cmd, 1, how.length);
        cmd[cmd.length - 1] = at.toString();
        run(cmd);
        mounts.add(0, at);
    }

    @Test
    void symlinksAreListedWithTheirTargetAndNeverFollowed() throws Exception {
        Files.createSymbolicLink(root.resolve("link"), outside);
        Files.createSymbolicLink(root.resolve("vm"), outside.resolve("vm"));
        List<BpffsEntry> entries = fs.list(root);
        assertEquals(List.of("link", "vm"), entries.stream().map(BpffsEntry::name).toList());
        assertEquals(EntryKind.SYMLINK, entries.get(0).kind());
        assertEquals(outside.toString(), entries.get(0).target());
        assertEquals(outside.resolve("vm").toString(), entries.get(1).target());

        // ls of the symlink shows the symlink, not what it points to
        List<BpffsEntry> link = fs.list(root.resolve("link"));
        assertEquals(1, link.size());
        assertEquals(EntryKind.SYMLINK, link.get(0).kind());
        assertEquals(outside.toString(), link.get(0).target());
        String e = assertThrows(BpffsException.class, () -> fs.openMap(fs.resolve("link/vm"), PinAccess.READ_WRITE)).getMessage();
        assertTrue(e.contains(root.resolve("link") + " is a symlink"), e);
        e = assertThrows(BpffsException.class, () -> fs.openMap(fs.resolve("vm"), PinAccess.READ_WRITE)).getMessage();
        assertEquals("get " + root.resolve("vm") + " is a symlink (to " + outside.resolve("vm")
                + "); bpfsh follows no symlinks below the bpffs root", e);
        try (BpfMap m = BpfMap.create(MapAttributes.of(MapType.ARRAY, 4, 4, 1))) {
            assertThrows(EngineException.class, () -> fs.pinCreatingParents(m, fs.resolve("link/new")));
        }
        e = assertThrows(BpffsException.class, () -> fs.unpin(fs.resolve("vm"))).getMessage();
        assertTrue(e.contains("is a symlink") && e.contains("removes no symlinks"), e);
        assertThrows(BpffsException.class, () -> fs.unpin(fs.resolve("link/vm")));
        assertTrue(Files.exists(outside.resolve("vm")), "the foreign pin is still there");
        assertEquals(List.of("link", "vm"), fs.list(root).stream().map(BpffsEntry::name).toList());
    }

    /** pin --replace and --on-incompatible replace rename in the parent's FD: a symlink there is refused, not replaced. */
    @Test
    void aReplacementNeitherFollowsNorReplacesASymlink() throws Exception {
        Files.createSymbolicLink(root.resolve("link"), outside);
        Files.createSymbolicLink(root.resolve("vm"), outside.resolve("vm"));
        try (BpfMap m = BpfMap.create(MapAttributes.of(MapType.ARRAY, 4, 4, 1))) {
            String e = assertThrows(BpffsException.class, () -> fs.replacePin(m, fs.resolve("vm"))).getMessage();
            assertEquals("replace " + root.resolve("vm") + " is a symlink (to " + outside.resolve("vm")
                    + "); bpfsh replaces no symlinks below the bpffs root", e);
            e = assertThrows(EngineException.class, () -> fs.replacePin(m, fs.resolve("link/vm"))).getMessage();
            assertTrue(e.contains(root.resolve("link") + " is a symlink"), e);
        }
        assertTrue(Files.isSymbolicLink(root.resolve("vm")), "the symlink is still there");
        try (BpfMap still = t.bpffs().openMap(t.bpffs().resolve("outside/vm"), PinAccess.READ_ONLY)) {
            assertEquals(foreign.id(), still.id(), "the foreign pin still holds its map");
        }
        try (var names = Files.list(root)) {
            assertEquals(List.of("link", "vm"), names.map(p -> p.getFileName().toString()).sorted().toList(),
                    "no temporary pin is left beside the target");
        }
        try (var names = Files.list(outside)) {
            assertEquals(List.of("vm"), names.map(p -> p.getFileName().toString()).toList());
        }
    }

    /** A load reused a foreign map through a symlink planted at ns1/globals/dummy_array, then wrote into it. */
    @Test
    void aLoadDoesNotReuseAMapThroughAPlantedSymlink() throws Exception {
        Files.createDirectories(root.resolve("ns1/globals"));
        Files.createSymbolicLink(root.resolve("ns1/globals/dummy_array"), outside.resolve("vm"));
        Path object = Samples.object("gobpf_global.o");
        try (Module m = Module.open(object, fs)) {
            String e = assertThrows(EngineException.class, () -> m.load(Map.of())).getMessage();
            assertTrue(e.startsWith(object + ": map dummy_array: get " + root.resolve("ns1/globals/dummy_array")
                    + " is a symlink"), e);
        }
        assertTrue(Files.isSymbolicLink(root.resolve("ns1/globals/dummy_array")));
    }

    @Test
    void mountsBelowTheRootAreNeverCrossedAndOnlyPinsAreRemoved() throws Exception {
        mount(root.resolve("tm"), "-t", "tmpfs", "tmpfs");
        Files.writeString(root.resolve("tm/f1"), "a tmpfs file");
        Path ext = Files.createDirectory(host.resolve("ext"));
        Files.writeString(ext.resolve("a"), "a host file");
        Files.writeString(ext.resolve("b"), "a host file");
        mount(root.resolve("bind"), "--bind", ext.toString());

        String e = assertThrows(BpffsException.class, () -> fs.unpin(fs.resolve("tm/f1"))).getMessage();
        assertEquals("unpin " + root.resolve("tm/f1") + ": " + root.resolve("tm")
                + " is a mount point; bpfsh crosses no mounts below the bpffs root", e);
        e = assertThrows(BpffsException.class, () -> fs.unpinRecursive(fs.resolve("bind"))).getMessage();
        assertEquals("unpin " + root.resolve("bind") + ": " + root.resolve("bind")
                + " is a mount point; bpfsh crosses no mounts below the bpffs root", e);
        assertTrue(Files.exists(root.resolve("tm/f1")) && Files.exists(ext.resolve("a")) && Files.exists(ext.resolve("b")));
        assertEquals(EntryKind.MOUNT, fs.entry(root.resolve("tm")).kind());

        // a recursive unpin that meets a mount stops there and says what it had removed
        try (BpfMap m = BpfMap.create(MapAttributes.of(MapType.ARRAY, 4, 4, 1))) {
            fs.pinCreatingParents(m, fs.resolve("dir/a"));
            fs.pin(m, fs.resolve("dir/b"));
        }
        mount(root.resolve("dir/m"), "-t", "tmpfs", "tmpfs");
        Files.writeString(root.resolve("dir/m/keep"), "x");
        e = assertThrows(BpffsException.class, () -> fs.unpinRecursive(fs.resolve("dir"))).getMessage();
        assertEquals("unpin " + root.resolve("dir") + ": stopped: " + root.resolve("dir/m") + " is a mount point; bpfsh"
                + " crosses no mounts below the bpffs root; removed before stopping: 2 entries (" + root.resolve("dir/a")
                + ", " + root.resolve("dir/b") + ")", e);
        assertTrue(Files.exists(root.resolve("dir/m/keep")));
    }
}
