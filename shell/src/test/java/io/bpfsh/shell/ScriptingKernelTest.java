package io.bpfsh.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpfsh.engine.testing.KernelTest;
import io.bpfsh.engine.testing.Samples;
import io.bpfsh.engine.testing.TestBpffs;
import io.bpfsh.shell.output.JsonReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bpfsh as a scripting tool: JSON errors, quiet output, several commands a line, echo. */
@KernelTest
class ScriptingKernelTest {
    @TempDir
    Path dir;

    private TestBpffs fs;
    private String out;
    private String err;

    @BeforeEach
    void setUp() {
        fs = new TestBpffs("shell-scripting");
    }

    @AfterEach
    void tearDown() {
        fs.close();
    }

    private int bpfsh(String... args) {
        MainRun r = MainRun.under(fs.root(), "", args);
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
    void withJsonAFailedCommandPrintsAnErrorDocumentSoEachCommandHasOne() throws IOException {
        Path s = script("keep.bpfsh",
                "load " + global() + " --as g",
                "lookup g:dummy_hash 2",
                "update g:dummy_hash 1 'quote",
                "nosuchcommand now",
                "update g:dummy_hash 1 42",
                "dump g:dummy_hash",
                "close g --unpin-all");
        assertEquals(1, bpfsh("--json", "--keep-going", s.toString()));
        List<String> docs = out.lines().toList();
        assertEquals(7, docs.size(), out);
        List<Object> all = docs.stream().map(JsonReader::parse).toList(); // each line is one whole document
        assertEquals(List.of(Map.of("key", BigInteger.ONE, "value", BigInteger.valueOf(42))), all.get(5));
        List<Map<String, Object>> parsed = all.stream().map(d -> d instanceof Map ? JsonReader.object(d) : null).toList();
        assertEquals(Map.of("error", "lookup g:dummy_hash: no entry for key 2", "command", "lookup g:dummy_hash 2",
                "line", BigInteger.valueOf(2)), parsed.get(1));
        Map<String, Object> syntax = parsed.get(2);
        assertTrue(((String) syntax.get("error")).startsWith("unterminated single quote"), docs.get(2));
        assertNull(syntax.get("command"), "a line that cannot be split has no command words: " + docs.get(2));
        assertEquals(BigInteger.valueOf(3), syntax.get("line"));
        assertEquals("nosuchcommand now", parsed.get(3).get("command"));
        assertEquals(BigInteger.valueOf(4), parsed.get(3).get("line"));
        assertTrue(parsed.get(4).containsKey("updated"), docs.get(4));
        // stderr keeps its one line per failure
        assertEquals(3, err.lines().count(), err);
        assertTrue(err.startsWith(s + ":2: error: lookup g:dummy_hash: no entry for key 2\n"), err);
    }

    @Test
    void quietPrintsResultsAndErrorsOnly() {
        assertEquals(1, bpfsh("-q", "-c", "load " + global() + " --as g", "-c", "update g:dummy_hash 7 70",
                "-c", "lookup g:dummy_hash 7", "-c", "pin g:dummy_hash copy", "-c", "delete g:dummy_hash 7",
                "-c", "unpin copy", "-c", "lookup g:dummy_hash 7"));
        assertEquals("key: 7  value: 70\n", out);
        assertEquals("-c:7: error: lookup g:dummy_hash: no entry for key 7\n", err);
        assertEquals(0, bpfsh("--quiet", "--json", "-c", "update ns1/globals/dummy_hash 8 80"));
        assertEquals("{\"updated\": {\"key\": 8, \"value\": 80}}\n", out); // JSON is the result itself
    }

    @Test
    void semicolonsSeparateCommandsOutsideQuotes() throws IOException {
        assertEquals(0, bpfsh("-c", "load " + global() + " --as g; update g:dummy_hash 1 ';'\\;; lookup g:dummy_hash 1"));
        assertEquals("updated key: 1  value: 15163\nkey: 1  value: 15163\n", out.substring(out.indexOf("updated")));
        Path s = script("semi.bpfsh", "load " + global() + " --as g", "ls ; lookup g:dummy_hash 9 ; ls",
                "lookup g:dummy_hash 1 # ; nothing after a comment");
        assertEquals(1, bpfsh("--keep-going", s.toString()));
        assertEquals(s + ":2: error: lookup g:dummy_hash: no entry for key 9\n", err);
        assertEquals(2, out.lines().filter(l -> l.equals("dir  ns1/")).count(), "both ls ran: " + out);
        assertTrue(out.endsWith("key: 1  value: 15163\n"), "the last line ran, its comment ignored: " + out);
        assertEquals(0, bpfsh("-c", "unpin -R ns1"));
        assertTrue(out.endsWith("unpinned " + fs.root().resolve("ns1") + "\n"), out);
        assertTrue(Files.notExists(fs.root().resolve("ns1")));
    }

    @Test
    void aClosedStdoutEndsTheBatchQuietlyWithTheSigpipeStatus() {
        // what a pipe to head does: the first writes go through, then every write fails
        OutputStream closing = new OutputStream() {
            private long written;

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (written > 512) {
                    throw new IOException("Broken pipe");
                }
                written += len;
            }
        };
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        String[] args = {"--bpffs", fs.root().toString(), "-c", "load " + global() + " --as g",
                "-c", "dump g:dummy_array", "-c", "ls", "-c", "dump g:dummy_array", "-c", "dump g:dummy_array",
                "-c", "dump g:dummy_array", "-c", "dump g:dummy_array", "-c", "dump g:dummy_array",
                "-c", "dump g:dummy_array", "-c", "dump g:dummy_array", "-c", "dump g:dummy_array",
                "-c", "dump g:dummy_array", "-c", "update g:dummy_hash 5 5"};
        int code = Main.run(args, new ByteArrayInputStream(new byte[0]), new PrintStream(closing, false, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8), false);
        assertEquals(141, code);
        assertEquals("", e.toString(StandardCharsets.UTF_8));
        assertEquals(0, bpfsh("-c", "dump ns1/globals/dummy_hash"));
        assertEquals("0 entries\n", out); // the batch stopped before its last command
    }

    @Test
    void echoShowsEachCommandBeforeItsOutputAndTheEchoCommandPrintsWords() throws IOException {
        Path s = script("echo.bpfsh", "echo Step 1:   load   # a comment", "load " + global() + " --as g",
                "update g:dummy_hash 1 \"7\"; lookup g:dummy_hash 1", "echo 'two  spaces' it\\'s", "nosuch");
        assertEquals(1, bpfsh("--echo", "-q", s.toString()));
        assertEquals("bpfsh> echo Step 1: load\nStep 1: load\nbpfsh> load " + global() + " --as g\n"
                + "bpfsh> update g:dummy_hash 1 '7'\nbpfsh> lookup g:dummy_hash 1\nkey: 1  value: 55\n"
                + "bpfsh> echo 'two  spaces' 'it'\\''s'\ntwo  spaces it's\nbpfsh> nosuch\n", out);
        assertTrue(err.startsWith(s + ":5: error: unknown command 'nosuch'"), err);
        // with --json the echo goes to stderr, and stdout keeps one document per command
        assertEquals(0, bpfsh("--echo", "--json", "-c", "echo hi there"));
        assertEquals("{\"echo\": \"hi there\"}\n", out);
        assertEquals("bpfsh> echo hi there\n", err);
    }

    @Test
    void traceShowsEveryBpfCallDecodedWithItsResult() throws IOException {
        assertEquals(1, bpfsh("--trace", "-c", "load " + global() + " --as g", "-c", "lookup g:dummy_hash 3"));
        List<String> trace = err.lines().filter(l -> l.startsWith("trace: ")).toList();
        String create = trace.stream().filter(l -> l.contains("map_name=\"dummy_hash\"")).findFirst().orElseThrow(
                () -> new AssertionError("no MAP_CREATE of dummy_hash: " + err));
        assertTrue(create.matches("trace: BPF_MAP_CREATE map_type=hash key_size=4 value_size=8 max_entries=128 "
                + "map_flags=0 map_name=\"dummy_hash\" = fd \\d+ \\(\\d+(\\.\\d)? [um]s\\)"), create);
        // pinned by name in the directory's FD (path_fd): no path is walked again, no symlink followed
        String pin = "trace: BPF_OBJ_PIN pathname=\"dummy_hash\" bpf_fd=";
        assertTrue(trace.stream().anyMatch(l -> l.startsWith(pin) && l.contains(" file_flags=BPF_F_PATH_FD path_fd=")
                && l.contains(" = 0 (")), err);
        assertTrue(trace.stream().anyMatch(l -> l.startsWith("trace: BPF_PROG_LOAD prog_type=socket_filter insn_cnt=")
                && l.contains(" license=\"GPL\" ") && l.contains(" = fd ")), err);
        assertTrue(trace.stream().anyMatch(l -> l.matches("trace: BPF_MAP_LOOKUP_ELEM map_fd=\\d+ = ENOENT \\(.*")), err);
        // the calls come in the order they were made, and the error line follows them
        assertTrue(trace.indexOf(create) < trace.size() - 1);
        assertTrue(err.endsWith("-c:2: error: lookup g:dummy_hash: no entry for key 3\n"), err);
    }

    @Test
    void traceShowsThePerfEventsAndMappingsOfAPerfBuffer() {
        assertEquals(0, bpfsh("--trace", "-c", "load " + Samples.object("modern_events.o") + " --as ev",
                "-c", "events ev:events --limit 1 --timeout 0.1"), err);
        List<String> trace = err.lines().filter(l -> l.startsWith("trace: ")).toList();
        assertTrue(trace.stream().anyMatch(l -> l.matches("trace: perf_event_open type=PERF_TYPE_SOFTWARE "
                + "config=PERF_COUNT_SW_BPF_OUTPUT wakeup_events=\\d+ cpu=0 = fd \\d+ \\(.*")), err);
        assertTrue(trace.stream().anyMatch(l -> l.matches("trace: mmap length=\\d+ prot=PROT_READ\\|PROT_WRITE "
                + "flags=MAP_SHARED fd=\\d+ offset=0 = 0x[0-9a-f]+ \\(.*")), err);
    }

    @Test
    void traceOnAndOffAtThePromptAndTheFdItShowsIsTheMapsOwn() throws IOException {
        try (TestShell sh = new TestShell(fs.root())) {
            sh.ok("load " + global() + " --as g");
            assertEquals("trace is off\n", sh.ok("trace"));
            sh.ok("update g:dummy_hash 1 2"); // not traced
            assertTrue(sh.run("trace on"));
            assertEquals("trace on\n", sh.takeOut());
            assertEquals("", sh.takeErr());
            assertTrue(sh.run("update g:dummy_hash 1 3 --exist"));
            String line = sh.takeErr().strip();
            assertTrue(line.matches("trace: BPF_MAP_UPDATE_ELEM map_fd=\\d+ flags=BPF_EXIST = 0 \\(.*"), line);
            int fd = Integer.parseInt(line.replaceAll(".*map_fd=(\\d+) .*", "$1"));
            assertEquals("anon_inode:bpf-map", Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString());
            assertEquals(fd, sh.session().modules().get("g").map("dummy_hash").orElseThrow().map().fd().get());
            sh.ok("trace off");
            sh.ok("lookup g:dummy_hash 1"); // ok() fails on anything printed on stderr
        }
    }
}
