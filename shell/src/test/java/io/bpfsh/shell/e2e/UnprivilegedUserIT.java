package io.bpfsh.shell.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpfsh.engine.sys.BpfMap;
import io.bpfsh.engine.sys.MapAttributes;
import io.bpfsh.engine.sys.MapType;
import io.bpfsh.engine.testing.KernelTest;
import io.bpfsh.engine.testing.TestBpffs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 10.12: an unprivileged user got no reason: `ls ns1` on a 0700 directory printed only the path,
 * `ls -l` on a root it cannot read printed nothing and exited 0, `get` said EACCES alone. Runs the built
 * jar as nobody (setpriv), on a tree root made under its own bpffs directory.
 */
@KernelTest
class UnprivilegedUserIT {
    private TestBpffs fs;
    private Path jarDir;
    private Path jar;
    private String err;

    @BeforeEach
    void setUp() throws Exception {
        String l = System.getProperty("bpfsh.launcher");
        Assumptions.assumeTrue(l != null, "bpfsh.launcher is set by the failsafe configuration");
        fs = new TestBpffs("UnprivilegedUserIT");
        // nobody cannot read the build tree under root's home: a copy of the jar it can
        jarDir = Files.createTempDirectory("bpfsh-nobody", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
        jar = jarDir.resolve("bpfsh.jar");
        Files.copy(Path.of(l).getParent().resolve("shell/target/bpfsh.jar"), jar);
        Files.setPosixFilePermissions(jar, PosixFilePermissions.fromString("rw-r--r--"));
    }

    @AfterEach
    void tearDown() throws Exception {
        if (fs != null) {
            Files.setPosixFilePermissions(fs.root(), PosixFilePermissions.fromString("rwxr-xr-x"));
            fs.close();
        }
        if (jar != null) {
            Files.deleteIfExists(jar);
            Files.deleteIfExists(jarDir);
        }
    }

    private int asNobody(String root, String command) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                "--inh-caps=-all", "--bounding-set=-all", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "--bpffs", root, "-c", command));
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return p.exitValue();
    }

    @Test
    void everyRefusalNamesThePathAndTheCause() throws Exception {
        Path root = fs.root();
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path ns1 = Files.createDirectory(root.resolve("ns1"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        try (BpfMap m = BpfMap.create(MapAttributes.of(MapType.ARRAY, 4, 4, 1))) {
            fs.bpffs().pin(m, fs.bpffs().resolve("ns1/m"));
            fs.bpffs().pin(m, fs.bpffs().resolve("pub"));
        }
        Files.setPosixFilePermissions(root.resolve("pub"), PosixFilePermissions.fromString("rw-r--r--"));
        String denied = ": permission denied (EACCES) (run as root, or as a user the permissions admit)\n";

        assertEquals(1, asNobody(root.toString(), "ls ns1"));
        assertEquals("-c:1: error: ls " + ns1 + denied, err);
        assertEquals(1, asNobody(root.toString(), "ls -l ns1"));
        assertEquals("-c:1: error: ls " + ns1 + denied, err);
        assertEquals(1, asNobody(root.toString(), "dump ns1/m"));
        assertEquals("-c:1: error: get " + ns1.resolve("m") + denied, err);
        assertEquals(1, asNobody(root.toString(), "get pub --as p"));
        assertEquals("-c:1: error: get pinned object " + root.resolve("pub") + ": permission denied (EACCES): the pin's"
                + " permissions do not allow this access (root or CAP_BPF is needed otherwise)\n", err);
        // a root nobody cannot look into: an error, not an empty listing
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx------"));
        assertEquals(1, asNobody(ns1.toString(), "ls -l"));
        assertTrue(err.startsWith("-c:1: error: ls " + ns1 + ": "), err);
        assertTrue(err.contains("permission denied (EACCES)"), err);
    }
}
