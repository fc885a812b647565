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
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
        List<String> all = new ArrayList<>(List.of("--bpffs", fs.root().toString()));
        all.addAll(List.of(args));
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = Main.run(all.toArray(String[]::new), new ByteArrayInputStream(new byte[0]),
                new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8), false);
        out = o.toString(StandardCharsets.UTF_8);
        err = e.toString(StandardCharsets.UTF_8);
        return code;
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
}
