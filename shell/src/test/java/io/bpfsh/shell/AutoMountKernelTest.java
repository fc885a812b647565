package io.bpfsh.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpfsh.engine.fs.Bpffs;
import io.bpfsh.engine.testing.KernelTest;
import io.bpfsh.engine.testing.TestBpffs;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When bpfsh mounts a bpffs by itself: only for a command that needs one, only at a root that is
 * missing or an empty directory, and always with one line that says where. The mounts these tests
 * make are in their own temporary directory and are unmounted at the end of each test.
 */
@KernelTest
class AutoMountKernelTest {
    @TempDir
    Path dir;

    private String out;
    private String err;

    private int bpfsh(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = Main.run(args, new ByteArrayInputStream(new byte[0]),
                new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8), false);
        out = o.toString(StandardCharsets.UTF_8);
        err = e.toString(StandardCharsets.UTF_8);
        return code;
    }

    private static void umount(Path p) throws IOException, InterruptedException {
        if (Files.isDirectory(p) && Bpffs.isOnBpffs(p) && !Bpffs.isOnBpffs(p.getParent())) {
            Process u = new ProcessBuilder("umount", p.toString()).inheritIO().start();
            assertTrue(u.waitFor(30, TimeUnit.SECONDS) && u.exitValue() == 0, "umount " + p);
        }
    }

    /** Issue 10.14: `--bpffs ux-1` (a typo) mounted a private bpffs at ./ux-1 and left it mounted. */
    @Test
    void aRootOutsideBpffsIsNotMountedByItselfButByTheMountCommand() throws Exception {
        Path root = dir.resolve("root");
        Path relative = Path.of("").toAbsolutePath().relativize(root);
        assertFalse(relative.isAbsolute());
        assertEquals(1, bpfsh("--bpffs", relative.toString(), "-c", "ls"));
        assertEquals("-c:1: error: bpffs is not mounted at " + root + "; bpfsh mounts one by itself only at /sys/fs/bpf"
                + " (to mount one there deliberately: mount)\n", err);
        assertFalse(Files.exists(root), "nothing created or mounted");
        try {
            assertEquals(0, bpfsh("--bpffs", relative.toString(), "-c", "mount", "-c", "ls"), err);
            assertTrue(out.startsWith("mounted bpffs at " + root + "\n"), out); // then the kernel's maps.debug ...
            assertTrue(Bpffs.isOnBpffs(root));
        } finally {
            umount(root);
        }
    }

    @Test
    void anEmptyDirectoryIsMountedOverAndAFullOneIsNot() throws Exception {
        Path empty = Files.createDirectory(dir.resolve("empty"));
        try {
            assertEquals(0, bpfsh("--bpffs", empty.toString(), "-c", "mount"), err);
            assertEquals("mounted bpffs at " + empty + "\n", out);
        } finally {
            umount(empty);
        }
        Path full = Files.createDirectory(dir.resolve("full"));
        Files.createFile(full.resolve("keep"));
        assertEquals(1, bpfsh("--bpffs", full.toString(), "-c", "mount"));
        assertEquals("-c:1: error: refusing to mount bpffs over " + full + ": the directory is not empty\n", err);
        assertFalse(Bpffs.isOnBpffs(full));
    }

    @Test
    void commandsThatDoNotTouchBpffsMountNothing() {
        Path root = dir.resolve("untouched");
        assertEquals(0, bpfsh("--bpffs", root.toString(), "-c", "help", "-c", "modules", "-c", "handles", "-c", "help ls"));
        assertEquals("", err);
        assertEquals(0, bpfsh("--bpffs", root.toString(), "--version"));
        assertEquals(0, bpfsh("--bpffs", root.toString(), "--help"));
        assertEquals("", err);
        assertFalse(Files.exists(root), "nothing created or mounted");
    }

    @Test
    void noMountFailsInsteadAndCreatesNothing() {
        Path root = dir.resolve("nomount");
        assertEquals(1, bpfsh("--bpffs", root.toString(), "--no-mount", "-c", "ls"));
        assertEquals("-c:1: error: bpffs is not mounted at " + root + " (mount it with: mount -t bpf bpf " + root + ")\n", err);
        assertFalse(Files.exists(root));
    }

    @Test
    void theHelpStatesTheRule() {
        assertEquals(0, bpfsh("--help"));
        String help = out.replaceAll("\\s+", " ");
        assertTrue(help.contains("bpfsh mounts a bpffs by itself only at /sys/fs/bpf (for the first command that "
                + "needs one, saying so on stderr); anywhere else the command fails"), help);
        assertTrue(help.contains("--no-mount Never mount bpffs"), help);
    }

    @Test
    void aRootWhoseParentIsMissingIsTheEnginesOneLineAndCreatesNothing() {
        Path root = dir.resolve("nb/x/y");
        assertEquals(1, bpfsh("--bpffs", root.toString(), "-c", "mount"));
        assertEquals("-c:1: error: mount bpffs at " + root + ": " + root.getParent() + " does not exist\n", err);
        assertFalse(Files.exists(dir.resolve("nb")), "no trail of directories");
    }

    @Test
    void aMissingRootInsideAMountedBpffsIsAnEmptyListingAndIsNotMountedOver() {
        try (TestBpffs fs = new TestBpffs("shell-automount")) {
            Path root = fs.root().resolve("new-dir");
            assertEquals(0, bpfsh("--bpffs", root.toString(), "-c", "ls", "-c", "ls -R -l"), err);
            assertEquals("", out);
            assertEquals("", err);
            assertEquals(0, bpfsh("--bpffs", root.toString(), "--json", "-c", "ls"), err);
            assertEquals("{\"path\": \"" + root + "\", \"entries\": []}\n", out);
            assertFalse(Files.exists(root), "listing creates nothing");
        }
    }
}
