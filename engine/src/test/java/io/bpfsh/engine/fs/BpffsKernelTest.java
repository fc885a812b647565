package io.bpfsh.engine.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpfsh.engine.sys.BpfMap;
import io.bpfsh.engine.sys.BpfProgram;
import io.bpfsh.engine.sys.MapAttributes;
import io.bpfsh.engine.sys.MapType;
import io.bpfsh.engine.sys.ProgType;
import io.bpfsh.engine.sys.ProgramLoadAttributes;
import io.bpfsh.engine.testing.KernelTest;
import io.bpfsh.engine.testing.TestBpffs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Mount detection and mounting, directories, listing with kinds, and unpinning on a real bpffs. */
@KernelTest
class BpffsKernelTest {

    @Test
    void knowsWhatIsOnBpffs() {
        assertTrue(Bpffs.isOnBpffs(Bpffs.DEFAULT_ROOT));
        assertFalse(Bpffs.isOnBpffs(Path.of("/tmp")));
        assertTrue(Bpffs.atDefaultRoot().isMounted());
        assertFalse(new Bpffs(Path.of("/tmp/bpfsh-no-such-dir")).isMounted());
        BpffsException e = assertThrows(BpffsException.class, () -> new Bpffs(Path.of("/tmp")).requireMounted());
        assertEquals("bpffs is not mounted at /tmp (mount it with: mount -t bpf bpf /tmp)", e.getMessage());
    }

    @Test
    void mountsOnlyOverAnEmptyDirectory() throws Exception {
        Path dir = Files.createTempDirectory("bpfsh-mount");
        Path file = Files.createFile(dir.resolve("keep"));
        try {
            BpffsException e = assertThrows(BpffsException.class, () -> new Bpffs(dir).mount());
            assertEquals("refusing to mount bpffs over " + dir + ": the directory is not empty", e.getMessage());
            assertTrue(Files.exists(file), "nothing hidden");
            Files.delete(file);

            Bpffs fs = new Bpffs(dir);
            assertTrue(fs.mount());
            try {
                assertTrue(fs.isMounted());
                assertFalse(fs.mount(), "already mounted: nothing to do");
                try (BpfMap m = BpfMap.create(MapAttributes.of(MapType.ARRAY, 4, 4, 1))) {
                    fs.pinCreatingParents(m, fs.resolve("x/y"));
                }
                assertEquals(EntryKind.MAP, fs.entry(dir.resolve("x/y")).kind());
            } finally {
                Process p = new ProcessBuilder("umount", dir.toString()).inheritIO().start();
                assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, "umount " + dir);
            }
            assertFalse(Bpffs.isOnBpffs(dir));
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
    }

    @Test
    void createsParentsAndRemovesOnlyThoseLeftEmpty() throws Exception {
        try (TestBpffs t = new TestBpffs("BpffsKernelTest"); BpfMap m = BpfMap.create(MapAttributes.of(MapType.ARRAY, 4, 4, 1))) {
            Bpffs fs = t.bpffs();
            List<Path> created = fs.createParents(fs.resolve("a/b/c/map"));
            assertEquals(List.of(t.root().resolve("a"), t.root().resolve("a/b"), t.root().resolve("a/b/c")), created);
            assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(t.root().resolve("a/b"))));
            fs.pin(m, fs.resolve("a/b/other"));
            fs.removeEmptyDirectories(created);
            assertEquals(List.of("a", "a/b", "a/b/other"), t.tree(), "a/b holds a pin, so it stays");
        }
    }

    @Test
    void aRootThatDoesNotExistYetIsEmptyAndStaysAfterItsPinsAreGone() throws Exception {
        try (TestBpffs t = new TestBpffs("BpffsKernelTest"); BpfMap m = BpfMap.create(MapAttributes.of(MapType.ARRAY, 4, 4, 1))) {
            Path root = t.root().resolve("new/root");
            Bpffs fs = new Bpffs(root);
            assertTrue(fs.isMounted(), "its nearest existing ancestor is on bpffs");
            assertEquals(List.of(), fs.list(root), "a root not made yet lists as empty");
            List<Path> created = fs.pinCreatingParents(m, fs.resolve("a/b"));
            assertEquals(List.of(root.resolve("a")), created, "the root and what leads to it are not the pin's");
            fs.unpin(fs.resolve("a/b"));
            fs.removeEmptyDirectories(created);
            assertEquals(List.of("new", "new/root"), t.tree(), "the root stays");
        }
    }

    @Test
    void mountCreatesOnlyTheRootItself() throws Exception {
        Path dir = Files.createTempDirectory("bpfsh-mount");
        try {
            Path root = dir.resolve("x/y");
            BpffsException e = assertThrows(BpffsException.class, () -> new Bpffs(root).mount());
            assertEquals("mount bpffs at " + root + ": " + dir.resolve("x") + " does not exist", e.getMessage());
            assertFalse(Files.exists(dir.resolve("x")), "no trail of directories");
        } finally {
            Files.delete(dir);
        }
    }

    @Test
    void aDirectoryOrAProgramIsNotAMap() throws Exception {
        try (TestBpffs t = new TestBpffs("BpffsKernelTest");
             BpfProgram p = BpfProgram.load(ProgramLoadAttributes.of(ProgType.SOCKET_FILTER,
                     io.bpfsh.engine.sys.ProgramKernelTestSupport.returnZero(), "GPL"), "test")) {
            Bpffs fs = t.bpffs();
            Files.createDirectory(t.root().resolve("dir"));
            BpffsException dir = assertThrows(BpffsException.class,
                    () -> fs.openMap(fs.resolve("dir"), io.bpfsh.engine.sys.PinAccess.READ_ONLY));
            assertEquals("get " + t.root().resolve("dir") + ": is a directory, not a pinned object", dir.getMessage());
            fs.pin(p, fs.resolve("prog"));
            var e = assertThrows(io.bpfsh.engine.sys.WrongObjectKindException.class,
                    () -> fs.openMap(fs.resolve("prog"), io.bpfsh.engine.sys.PinAccess.READ_ONLY));
            assertEquals(t.root().resolve("prog") + ": is a prog, not a map", e.getMessage(),
                    "a read-only open of a program fails with EINVAL in the kernel; the error says what is there");
        }
    }

    @Test
    void aSymlinkCannotLeadPinsOutsideTheRoot() throws Exception {
        try (TestBpffs t = new TestBpffs("BpffsKernelTest"); BpfMap m = BpfMap.create(MapAttributes.of(MapType.ARRAY, 4, 4, 1))) {
            Path root = Files.createDirectory(t.root().resolve("root"));
            Files.createDirectory(t.root().resolve("outside"));
            Files.createSymbolicLink(root.resolve("esc"), Path.of("../outside"));
            Bpffs fs = new Bpffs(root);
            BpffsException e = assertThrows(BpffsException.class, () -> fs.pinCreatingParents(m, fs.resolve("esc/test1")));
            assertEquals("pin " + root.resolve("esc/test1") + ": " + root.resolve("esc")
                    + " is a symlink (to ../outside); bpfsh follows no symlinks below the bpffs root", e.getMessage());
            assertThrows(BpffsException.class, () -> fs.pinCreatingParents(m, fs.resolve("esc/deeper/test1")));
            assertEquals(List.of("outside", "root", "root/esc"), t.tree(), "nothing pinned or created outside");
            t.bpffs().pin(m, t.bpffs().resolve("outside/victim"));
            assertThrows(BpffsException.class, () -> fs.unpin(fs.resolve("esc/victim")));
            assertTrue(Files.exists(t.root().resolve("outside/victim")), "unpin did not reach outside either");
        }
    }

    @Test
    void listsEntriesWithTheirKindsAndUnpins() throws Exception {
        try (TestBpffs t = new TestBpffs("BpffsKernelTest");
             BpfMap m = BpfMap.create(MapAttributes.of(MapType.LRU_HASH, 8, 16, 32));
             BpfProgram p = BpfProgram.load(ProgramLoadAttributes.of(ProgType.SOCKET_FILTER,
                     io.bpfsh.engine.sys.ProgramKernelTestSupport.returnZero(), "GPL"), "test")) {
            Bpffs fs = t.bpffs();
            fs.pinCreatingParents(m, fs.resolve("dir/m"));
            fs.pinCreatingParents(p, fs.resolve("dir/sub/p"));

            List<BpffsEntry> all = fs.walk(t.root());
            assertEquals(List.of("dir", "m", "sub", "p"), all.stream().map(BpffsEntry::name).toList());
            assertEquals(List.of(EntryKind.DIRECTORY, EntryKind.MAP, EntryKind.DIRECTORY, EntryKind.PROG),
                    all.stream().map(BpffsEntry::kind).toList());
            BpffsEntry me = all.get(1);
            assertEquals(m.id(), me.id());
            assertEquals("lru_hash", me.typeName());
            assertEquals(16, me.mapInfo().valueSize());
            assertEquals(p.id(), all.get(3).id());
            assertEquals("socket_filter", all.get(3).typeName());

            BpffsException dirErr = assertThrows(BpffsException.class, () -> fs.unpin(fs.resolve("dir")));
            assertEquals("unpin " + t.root().resolve("dir") + ": is a directory (use --recursive to remove what it holds)",
                    dirErr.getMessage());
            fs.unpin(fs.resolve("dir/m"));
            BpffsException gone = assertThrows(BpffsException.class, () -> fs.unpin(fs.resolve("dir/m")));
            assertEquals("unpin " + t.root().resolve("dir/m") + ": no such file or directory (ENOENT)", gone.getMessage());
            assertEquals(3, fs.unpinRecursive(fs.resolve("dir")).size());
            assertEquals(List.of(), t.tree());
        }
    }
}
