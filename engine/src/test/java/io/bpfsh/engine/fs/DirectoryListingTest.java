package io.bpfsh.engine.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bpfsh.engine.fs.DirectoryListing.Entry;
import io.bpfsh.engine.fs.DirectoryListing.Type;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** getdents64 gives what the JDK gives, plus inodes; the JDK listing is the fallback. */
class DirectoryListingTest {
    @TempDir
    Path dir;

    private long inode(String name) throws Exception {
        return ((Number) Files.getAttribute(dir.resolve(name), "unix:ino", LinkOption.NOFOLLOW_LINKS)).longValue();
    }

    @Test
    void namesTypesAndInodesSortedWithoutDots() throws Exception {
        Files.createFile(dir.resolve("b"));
        Files.createDirectory(dir.resolve("a"));
        Files.createSymbolicLink(dir.resolve("c"), dir.resolve("a"));
        assertEquals(List.of(new Entry("a", Type.DIRECTORY, inode("a")), new Entry("b", Type.FILE, inode("b")),
                        new Entry("c", Type.SYMLINK, inode("c"))),
                DirectoryListing.list(dir));
        assertEquals(List.of(new Entry("a", Type.DIRECTORY, 0), new Entry("b", Type.FILE, 0),
                        new Entry("c", Type.SYMLINK, 0)),
                DirectoryListing.listWithJdk(dir).stream().sorted(java.util.Comparator.comparing(Entry::name)).toList());
        assertEquals(true, DirectoryListing.isDirectory(dir, new Entry("c", Type.SYMLINK, 0)), "a symlink to a directory");
    }

    @Test
    void aDirectoryLargerThanOneBuffer() throws Exception {
        for (int i = 0; i < 3000; i++) {
            Files.createFile(dir.resolve(String.format("entry-with-a-longish-name-%05d", i)));
        }
        List<Entry> entries = DirectoryListing.list(dir);
        assertEquals(3000, entries.size());
        assertEquals("entry-with-a-longish-name-00000", entries.get(0).name());
        assertEquals("entry-with-a-longish-name-02999", entries.get(2999).name());
    }

    @Test
    void aMissingDirectoryIsAnError() {
        org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                () -> DirectoryListing.list(dir.resolve("missing")));
    }
}
