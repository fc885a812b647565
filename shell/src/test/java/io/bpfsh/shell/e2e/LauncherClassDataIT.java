package io.bpfsh.shell.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpfsh.engine.testing.KernelTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's JVM start (launcher/jvm.sh), run the way ./bpfsh and a release's bin/bpfsh run it,
 * on a copy of the jar in a directory of the test's: the class-data archive is recorded on first use,
 * mapped on the next start (the JVM's own class-load log says where each class came from), recorded
 * again after a rebuild, and never kept in a directory another user owns. JNA's library is read from
 * the cache instead of being unpacked to /tmp. Root is needed to hand a directory to another user.
 */
@KernelTest
class LauncherClassDataIT {
    @TempDir
    Path dir;

    private Path script;
    private Path jar;
    private String out;
    private String err;

    @BeforeEach
    void setUp() throws IOException {
        String l = System.getProperty("bpfsh.launcher");
        Assumptions.assumeTrue(l != null, "bpfsh.launcher is set by the failsafe configuration");
        Path repo = Path.of(l).getParent();
        script = repo.resolve("launcher/jvm.sh");
        Path app = Files.createDirectory(dir.resolve("app"));
        jar = app.resolve("bpfsh.jar");
        Files.copy(repo.resolve("shell/target/bpfsh.jar"), jar);
    }

    /**
     * bpfsh_run on the copied jar, --version, on this test's JDK (JAVA_HOME), or with JAVA_HOME unset
     * on the newest the launcher finds; the class-load log goes to a file.
     */
    private int run(Map<String, String> env) throws IOException, InterruptedException {
        return run(env, true);
    }

    private int run(Map<String, String> env, boolean javaHome) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", ". \"$0\" && bpfsh_run \"$1\" --version",
                script.toString(), jar.toString());
        if (javaHome) {
            pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        } else {
            pb.environment().remove("JAVA_HOME");
        }
        pb.environment().put("BPFSH_JAVA_OPTS", "-Xlog:class+load=info:file=" + dir.resolve("classes.log"));
        pb.environment().putAll(env);
        pb.redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile());
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p = pb.start();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("bpfsh_run did not finish");
        }
        out = Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8);
        err = Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8);
        return p.exitValue();
    }

    /** The archives in a cache directory: an AOT cache (JDK 25+) or a dynamic CDS archive (17-24). */
    private static List<Path> archives(Path cache) throws IOException {
        if (!Files.isDirectory(cache)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(cache)) {
            return s.filter(p -> p.toString().endsWith(".aot") || p.toString().endsWith(".jsa")).toList();
        }
    }

    private String mainClassSource() throws IOException {
        return Files.readAllLines(dir.resolve("classes.log")).stream()
                .filter(line -> line.contains(" io.bpfsh.shell.Main "))
                .findFirst().orElseThrow(() -> new AssertionError("io.bpfsh.shell.Main was not loaded"));
    }

    @Test
    void onTheTestsJdkTheArchiveIsRecordedOnFirstUseMappedAfterAndRecordedAgainAfterARebuild() throws Exception {
        recordMapRecordAgain(true);
        String suffix = Runtime.version().feature() >= 25 ? ".aot" : ".jsa";
        assertTrue(archives(jar.resolveSibling("bpfsh-cache")).get(0).toString().endsWith(suffix));
    }

    @Test
    void onTheNewestJdkFoundTheSame() throws Exception {
        recordMapRecordAgain(false);
    }

    private void recordMapRecordAgain(boolean javaHome) throws Exception {
        Path cache = jar.resolveSibling("bpfsh-cache");
        assertEquals(0, run(Map.of(), javaHome), err);
        assertTrue(out.startsWith("bpfsh "), out);
        assertEquals("", err);
        List<Path> made = archives(cache);
        assertEquals(1, made.size(), "one archive for this JDK: " + made);
        Path archive = made.get(0);
        assertTrue(Files.size(archive) > 0);
        assertTrue(Files.isRegularFile(cache.resolve("jna/libjnidispatch.so")));

        // the next start maps bpfsh's own classes from it, and reads JNA's library from the cache
        assertEquals(0, run(Map.of(), javaHome), err);
        assertEquals("", err);
        assertTrue(mainClassSource().contains("source: shared objects file"), mainClassSource());

        // a rebuilt jar is newer than the archive: the archive is recorded again, then mapped
        Files.setLastModifiedTime(archive, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() - 10_000));
        assertEquals(0, run(Map.of(), javaHome), err);
        assertEquals("", err);
        assertTrue(Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(jar)) > 0);
        assertTrue(mainClassSource().contains("source: shared objects file"), mainClassSource());
    }

    @Test
    void aDirectoryAnotherUserOwnsIsNotUsedTheUsersCacheIs() throws Exception {
        Path app = jar.getParent();
        Path userCache = dir.resolve("xdg");
        exec("chown", "65534:65534", app.toString());
        try {
            assertEquals(0, run(Map.of("XDG_CACHE_HOME", userCache.toString())), err);
            assertTrue(out.startsWith("bpfsh "), out);
            assertEquals("", err);
            assertFalse(Files.exists(app.resolve("bpfsh-cache")), "nothing written into another user's directory");
            Path mine = userCache.resolve("bpfsh").resolve(jar.toString().replaceAll("[^A-Za-z0-9._-]", "_"));
            assertEquals(1, archives(mine).size(), "the archive is kept in the user's cache instead");
            assertEquals(0, run(Map.of("XDG_CACHE_HOME", userCache.toString())), err);
            assertTrue(mainClassSource().contains("source: shared objects file"), mainClassSource());
        } finally {
            exec("chown", "0:0", app.toString());
        }
    }

    private static void exec(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        assertEquals(0, p.waitFor(), String.join(" ", cmd));
    }
}
