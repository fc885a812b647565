package io.bpfsh.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpfsh.engine.testing.KernelTest;
import io.bpfsh.engine.testing.Samples;
import io.bpfsh.engine.testing.TestBpffs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Batch files, stdin and -c through Main, with exit codes and FILE:LINE errors. */
@KernelTest
class BatchKernelTest {
    @TempDir
    Path dir;

    private TestBpffs fs;
    private String out;
    private String err;

    @BeforeEach
    void setUp() {
        fs = new TestBpffs("shell-batch");
    }

    @AfterEach
    void tearDown() {
        fs.close();
    }

    private int bpfsh(String stdin, String... args) {
        MainRun r = MainRun.under(fs.root(), stdin, args);
        out = r.out();
        err = r.err();
        return r.code();
    }

    private Path script(String name, String... lines) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, String.join("\n", lines) + "\n");
        return p;
    }

    private static String global() {
        return Samples.object("gobpf_global.o").toString();
    }

    @Test
    void aBatchStopsAtTheFirstFailureWithFileAndLine() throws IOException {
        Path s = script("stop.bpfsh",
                "# a script with an error on line 6",
                "",
                "load " + global() + " --as g   # pins two maps",
                "update g:dummy_hash \\",
                "    1 42",
                "lookup g:dummy_hash 2",
                "dump g:dummy_hash");
        assertEquals(1, bpfsh("", s.toString()));
        assertEquals(s + ":6: error: lookup g:dummy_hash: no entry for key 2\n", err);
        assertTrue(out.contains("updated key: 1  value: 42\n"), out);
        assertFalse(out.contains("entries"), "the dump after the failure must not run: " + out);
    }

    @Test
    void keepGoingRunsOnAndStillFails() throws IOException {
        Path s = script("keep.bpfsh",
                "load " + global() + " --as g",
                "lookup g:dummy_hash 2",
                "update g:dummy_hash 1 'quote",
                "nosuchcommand",
                "update g:dummy_hash 1 42",
                "dump g:dummy_hash");
        assertEquals(1, bpfsh("", "--keep-going", s.toString()));
        String[] errors = err.split("\n");
        assertEquals(3, errors.length, err);
        assertEquals(s + ":2: error: lookup g:dummy_hash: no entry for key 2", errors[0]);
        assertEquals(s + ":3: error: unterminated single quote (') at column 23 of: update g:dummy_hash 1 'quote", errors[1]);
        assertEquals(s + ":4: error: unknown command 'nosuchcommand' (did you mean: handles?); "
                + "'help' lists the commands", errors[2]);
        assertTrue(out.endsWith("key: 1  value: 42\n1 entry\n"), out);
    }

    @Test
    void aSuccessfulBatchExitsZero() throws IOException {
        Path s = script("ok.bpfsh", "load " + global() + " --as g", "update g:dummy_hash 7 70", "dump g:dummy_hash");
        assertEquals(0, bpfsh("", s.toString()));
        assertEquals("", err);
        assertTrue(out.endsWith("key: 7  value: 70\n1 entry\n"), out);
    }

    @Test
    void dashCRunsEachCommandInOrder() {
        assertEquals(1, bpfsh("", "-c", "load " + global() + " --as g", "-c", "dump g:nope", "-c", "ls"));
        assertEquals("-c:2: error: module g has no map or program section 'nope' (maps: dummy_hash, dummy_array;"
                + " program sections: socket/global)\n", err);
        assertEquals(0, bpfsh("", "-c", "load " + global() + " --as g", "-c", "ls -R"));
        assertTrue(out.contains("map  ns1/globals/dummy_hash\n"), out);
    }

    @Test
    void stdinIsABatchToo() {
        assertEquals(1, bpfsh("ls\nget nope\nls\n", "-"));
        assertEquals("<stdin>:2: error: get pinned object " + fs.root().resolve("nope")
                + ": no such file or directory (ENOENT)\n", err);
        assertEquals(0, bpfsh("mount\n"));
        assertEquals("bpffs already mounted at " + fs.root() + "\n", out);
    }

    @Test
    void exitEndsABatchSuccessfully() {
        assertEquals(0, bpfsh("ls\nexit\nget nope\n", "-"));
        assertEquals("", err);
    }

    @Test
    void sourceRunsAFileInTheSessionAndReportsItsLines() throws IOException {
        Files.createDirectories(dir.resolve("sub"));
        Files.copy(Samples.object("gobpf_global.o"), dir.resolve("sub/global.o"));
        script("sub/inner.bpfsh", "load global.o --as g  # relative to this file's directory", "lookup g:dummy_hash 5");
        Path outer = script("outer.bpfsh", "ls", "# then", "source sub/inner.bpfsh", "ls");
        assertEquals(1, bpfsh("", outer.toString()));
        // reported once, where it happened; the outer script stops there too
        assertEquals(dir.resolve("sub/inner.bpfsh") + ":2: error: lookup g:dummy_hash: no entry for key 5\n", err);
        assertFalse(out.contains("dir  ns1/"), "the ls after the source must not run: " + out);
        script("sub/fine.bpfsh", "load global.o --as g");
        Path outer2 = script("outer2.bpfsh", "source sub/fine.bpfsh", "dump g:dummy_hash");
        assertEquals(0, bpfsh("", outer2.toString()));
        assertTrue(out.endsWith("0 entries\n"), "the module loaded by the sourced file stays in the session: " + out);
    }

    @Test
    void aScriptThatSourcesItselfIsStoppedWithOneError() throws IOException {
        Path s = script("loop.bpfsh", "# sources itself", "source loop.bpfsh");
        assertEquals(1, bpfsh("", s.toString()));
        assertEquals(s + ":2: error: source " + s + ": nested more than 16 deep (does it source itself?)\n", err);
        assertEquals(1, bpfsh("", "--keep-going", s.toString()));
        assertEquals(s + ":2: error: source " + s + ": nested more than 16 deep (does it source itself?)\n", err);
    }

    @Test
    void sixteenNestedSourcesRun() throws IOException {
        for (int i = 1; i <= 16; i++) {
            script("n" + i + ".bpfsh", i == 16 ? "mount" : "source n" + (i + 1) + ".bpfsh");
        }
        assertEquals(0, bpfsh("", "-c", "source " + dir.resolve("n1.bpfsh")), err);
        assertEquals("bpffs already mounted at " + fs.root() + "\n", out);
        assertEquals("", err);
    }

    @Test
    void anErrorInASourcedFileIsReportedOnceAndStopsEveryLevel() throws IOException {
        script("c.bpfsh", "ls", "get nope", "ls");
        script("b.bpfsh", "source c.bpfsh", "ls");
        Path a = script("a.bpfsh", "source b.bpfsh", "ls");
        assertEquals(1, bpfsh("", a.toString()));
        assertEquals(dir.resolve("c.bpfsh") + ":2: error: get pinned object " + fs.root().resolve("nope")
                + ": no such file or directory (ENOENT)\n", err);
        assertEquals("", out, "no ls after the failure ran (the root is empty, so only a run ls would print)");
    }

    @Test
    void anObjectFileGivenAsAScriptSaysHowToLoadIt() throws IOException {
        String o = global();
        assertEquals(2, bpfsh("", o));
        assertEquals("bpfsh: " + o + ": not a bpfsh script: it is an eBPF object (ELF); to load it: load " + o + "\n", err);
        assertEquals(1, bpfsh("", "-c", "source " + o, "-c", "ls"));
        assertEquals("-c:1: error: source " + o + ": not a bpfsh script: it is an eBPF object (ELF); to load it: load "
                + o + "\n", err);
        Path latin1 = dir.resolve("latin1.bpfsh");
        Files.write(latin1, "ls # caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(2, bpfsh("", latin1.toString()));
        assertEquals("bpfsh: " + latin1 + ": not a bpfsh script (not UTF-8 text)\n", err);
        assertEquals("", out);
    }

    @Test
    void aDirectoryOrAMissingFileIsOneLine() {
        assertEquals(1, bpfsh("", "-c", "source /etc"));
        assertEquals("-c:1: error: source /etc: is a directory\n", err);
        assertEquals(1, bpfsh("", "-c", "source " + dir.resolve("missing.bpfsh")));
        assertEquals("-c:1: error: source " + dir.resolve("missing.bpfsh") + ": no such file\n", err);
        assertEquals(2, bpfsh("", "/etc"));
        assertEquals("bpfsh: /etc: is a directory\n", err);
    }

    @Test
    void endlessInputIsOneErrorNotOutOfMemory() {
        assertEquals(1, bpfsh("", "-c", "source /dev/zero"));
        assertEquals("/dev/zero:1: error: line longer than 1048576 bytes\n", err);
        assertEquals(1, bpfsh("", "--keep-going", "/dev/zero"));
        assertEquals("/dev/zero:1: error: line longer than 1048576 bytes\n", err);
        String stdin = "mount\n" + "x".repeat(io.bpfsh.shell.script.ScriptReader.MAX_LINE_BYTES + 1) + "\nmount\n";
        assertEquals(1, bpfsh(stdin, "--keep-going", "-"));
        assertEquals("<stdin>:2: error: line longer than 1048576 bytes\n", err);
        assertEquals("bpffs already mounted at " + fs.root() + "\n", out, "the input is not read past the long line");
    }

    @Test
    void jsonBatchesPrintOneDocumentPerLine() {
        assertEquals(0, bpfsh("", "--json", "-c", "load " + global() + " --as g", "-c", "update g:dummy_hash 1 2",
                "-c", "dump g:dummy_hash", "-c", "modules"));
        String[] lines = out.split("\n");
        assertEquals(4, lines.length, out);
        assertTrue(lines[0].startsWith("{\"module\": \"g\""), lines[0]);
        assertEquals("[{\"key\": 1, \"value\": 2}]", lines[2]);
    }

    @Test
    void usageErrorsExitTwo() throws IOException {
        assertEquals(2, bpfsh("", "--nope"));
        assertEquals("bpfsh: Unknown option: '--nope' (see bpfsh --help)\n", err); // one line, not the help
        Path s = script("x.bpfsh", "ls");
        assertEquals(2, bpfsh("", "-c", "ls", s.toString()));
        assertEquals("bpfsh: give either FILE or -c, not both (see bpfsh --help)\n", err);
        assertEquals(2, bpfsh("", dir.resolve("missing.bpfsh").toString()));
        assertEquals("bpfsh: " + dir.resolve("missing.bpfsh") + ": no such file\n", err);
        assertEquals(0, bpfsh("", "--version"));
        assertTrue(out.startsWith("bpfsh "), out);
    }

    @Test
    void aCommandsUsageErrorInABatchIsAFailedCommandAsHelpSays() {
        assertEquals(1, bpfsh("", "-c", "ls --bogus"));
        assertEquals("-c:1: error: ls: Unknown option: '--bogus' (see: help ls)\n", err);
        assertEquals(1, bpfsh("nosuchcommand\n", "-"));
        assertEquals(0, bpfsh("", "--help"));
        String help = out.replaceAll("\\s+", " ");
        assertTrue(help.contains("Exit codes: 0 every command succeeded 1 a command failed; in a batch or -c this "
                + "includes a command's own usage error (an unknown command or option, a missing argument) 2 a usage "
                + "error in bpfsh's own arguments: an unknown option, FILE and -c together, a FILE that cannot be "
                + "read or is not a bpfsh script"), help);
    }

    @Test
    void theEndOfABatchClosesEveryFdAndKeepsThePins() {
        int before = BpfFds.count();
        assertEquals(0, bpfsh("", "-c", "load " + global() + " --as g", "-c", "get ns1/globals/dummy_hash --as h"));
        assertEquals(before, BpfFds.count());
        assertTrue(Files.exists(fs.root().resolve("ns1/globals/dummy_hash")));
    }

    @Test
    void debugAddsTheStackTrace() {
        assertEquals(1, bpfsh("", "--debug", "-c", "get nope"));
        assertTrue(err.startsWith("-c:1: error: get pinned object "), err);
        assertTrue(err.contains("\tat io.bpfsh.engine."), err);
        assertEquals(1, bpfsh("", "-c", "get nope"));
        assertFalse(err.contains("\tat "), err);
    }
}
