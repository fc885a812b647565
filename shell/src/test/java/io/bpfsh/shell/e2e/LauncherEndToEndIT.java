package io.bpfsh.shell.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpfsh.engine.testing.Bpftool;
import io.bpfsh.engine.testing.KernelTest;
import io.bpfsh.engine.testing.Samples;
import io.bpfsh.engine.testing.TestBpffs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs ./bpfsh, the launcher users run, as a separate process on batch files, and checks exit codes,
 * output and what is left on bpffs with bpftool. It runs in Maven's integration-test phase
 * (failsafe), after package has built the jar the launcher starts, so the launcher does not build.
 */
@KernelTest
class LauncherEndToEndIT {
    @TempDir
    Path dir;

    private TestBpffs fs;
    private Path launcher;
    private String out;
    private String err;

    @BeforeEach
    void setUp() {
        String l = System.getProperty("bpfsh.launcher");
        Assumptions.assumeTrue(l != null, "bpfsh.launcher is set by the failsafe configuration");
        launcher = Path.of(l);
        assertTrue(Files.isExecutable(launcher), launcher + " is not executable");
        fs = new TestBpffs("shell-e2e");
    }

    @AfterEach
    void tearDown() {
        if (fs != null) {
            fs.close();
        }
    }

    private int bpfsh(String... args) throws IOException, InterruptedException {
        return bpfshWithJavaOptions("", args);
    }

    private int bpfshWithJavaOptions(String javaOptions, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(launcher.toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(launcher.getParent().toFile());
        pb.environment().put("BPFSH_JAVA_OPTS", javaOptions);
        pb.redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile());
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p = pb.start();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("./bpfsh did not finish: " + cmd);
        }
        out = Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8);
        err = Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8);
        return p.exitValue();
    }

    private Path script(String name, String... lines) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, String.join("\n", lines) + "\n");
        return p;
    }

    @Test
    void aBatchPinsWritesAndFailsAtItsLineThenASecondProcessSeesTheState() throws Exception {
        String root = fs.root().toString();
        Path first = script("first.bpfsh",
                "# load, write, pin a copy, then fail on line 6",
                "load " + Samples.object("gobpf_global.o") + " --as g",
                "update g:dummy_hash 1 42",
                "pin g:dummy_hash copy/h",
                "",
                "lookup g:dummy_hash 2",
                "unpin copy --recursive");
        assertEquals(1, bpfsh("--bpffs", root, first.toString()), out + err);
        assertEquals(first + ":6: error: lookup g:dummy_hash: no entry for key 2\n", err);
        assertTrue(out.contains("updated key: 1  value: 42\n"), out);

        // the process has ended, its FDs are closed, and the pins keep the map and its value
        String hash = fs.root().resolve("ns1/globals/dummy_hash").toString();
        long id = Bpftool.number(Bpftool.mapShowPinned(hash), "id");
        assertEquals(id, Bpftool.number(Bpftool.mapShowPinned(fs.root().resolve("copy/h").toString()), "id"));
        String value = Bpftool.run("-j", "map", "lookup", "pinned", hash, "key", "1", "0", "0", "0");
        assertTrue(value.contains("\"value\":[\"0x2a\",\"0x00\",\"0x00\",\"0x00\",\"0x00\",\"0x00\",\"0x00\",\"0x00\"]"), value);

        // a second process reuses the pinned map, sees the value, and cleans everything up
        Path second = script("second.bpfsh",
                "load " + Samples.object("gobpf_global.o") + " --as again",
                "lookup again:dummy_hash 1",
                "unpin copy -r",
                "close again --unpin-all --force   # maps the first process created: this module reused them",
                "unpin ns1 --recursive   # the directories the first process made");
        assertEquals(0, bpfsh("--bpffs", root, "--keep-going", second.toString()), out + err);
        assertEquals("", err);
        assertTrue(out.contains("reused map dummy_hash pinned at " + hash + " (id " + id + ")"), out);
        assertTrue(out.contains("key: 1  value: 42\n"), out);
        assertEquals(List.of(), fs.tree());
    }

    @Test
    void aMillionEntryDumpStreamsInASmallHeap() throws Exception {
        int entries = 1_000_000;
        try (io.bpfsh.engine.sys.BpfMap big = io.bpfsh.engine.sys.BpfMap.create(io.bpfsh.engine.sys.MapAttributes.of(
                io.bpfsh.engine.sys.MapType.ARRAY, 4, 8, entries))) {
            fs.bpffs().pin(big, fs.bpffs().resolve("big"));
        }
        // holding a million entries would take ~70 MB of heap; a streaming dump needs a few
        assertEquals(0, bpfshWithJavaOptions("-Xmx48m", "--bpffs", fs.root().toString(), "-c", "dump big"), err);
        assertEquals("", err);
        assertTrue(out.startsWith("key: 0  value: 0\n"), out.substring(0, Math.min(200, out.length())));
        assertTrue(out.endsWith("key: 999999  value: 0\n1000000 entries\n"), out.substring(Math.max(0, out.length() - 200)));
        assertEquals(entries + 1, out.lines().count());
        out = null; // 30 MB of text: let it go before the next test
    }

    /** Issue 10.6: an OutOfMemoryError printed a stack trace and dropped the rest of a --keep-going batch. */
    @Test
    void anOversizedObjectIsRefusedAndOutOfMemoryIsOneFailedCommandOfTheBatch() throws Exception {
        Path big = dir.resolve("big.o");    // under the size limit, over the heap
        Path huge = dir.resolve("huge.o");  // over the size limit: refused before reading
        try (var f = new java.io.RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(48L << 20);
        }
        try (var f = new java.io.RandomAccessFile(huge.toFile(), "rw")) {
            f.setLength(100_000_000);
        }
        Path batch = script("big.bpfsh", "load big.o", "load huge.o", "load " + Samples.object("gobpf_global.o"), "maps");
        assertEquals(1, bpfshWithJavaOptions("-Xmx32m", "--bpffs", fs.root().toString(), "--keep-going", batch.toString()),
                out + err);
        List<String> lines = err.lines().toList();
        assertEquals(2, lines.size(), err);
        assertTrue(lines.get(0).startsWith(batch + ":1: error: out of memory (Java heap space); the command was abandoned"),
                err);
        assertTrue(lines.get(1).startsWith(batch + ":2: error: "), err);
        assertTrue(lines.get(1).endsWith("huge.o: file too large (100000000 bytes, limit 64 MiB)"), err);
        assertTrue(out.contains("dummy_hash"), "the batch ran on: " + out);
    }

    @Test
    void jsonAndUsageAndVersion() throws Exception {
        assertEquals(0, bpfsh("--bpffs", fs.root().toString(), "--json", "-c", "ls", "-c", "mount"));
        assertEquals("{\"path\": \"" + fs.root() + "\", \"entries\": []}\n{\"root\": \"" + fs.root()
                + "\", \"mounted\": false}\n", out);
        assertEquals(2, bpfsh("--bogus"));
        assertEquals("bpfsh: Unknown option: '--bogus' (see bpfsh --help)\n", err);
        assertEquals(0, bpfsh("--version"));
        assertTrue(out.startsWith("bpfsh "), out);
        assertFalse(out.contains("building"), out);
    }

    @Test
    void inputThatIsNotAScriptIsOneLineWithoutAStackTrace() throws Exception {
        // the launcher runs in the repository's root, so samples/ is relative to it
        assertEquals(2, bpfsh("samples/gobpf_global.o"));
        assertEquals("bpfsh: samples/gobpf_global.o: not a bpfsh script: it is an eBPF object (ELF); "
                + "to load it: load samples/gobpf_global.o\n", err);
        // endless input in a small heap: bounded, one line, no OutOfMemoryError
        assertEquals(1, bpfshWithJavaOptions("-Xmx48m", "--bpffs", fs.root().toString(), "-c", "source /dev/zero"));
        assertEquals("/dev/zero:1: error: line longer than 1048576 bytes\n", err);
        assertEquals("", out);
    }
}
