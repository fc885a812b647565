package io.bpfsh.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release archive as a user installs it: unpacked into a directory of its own, run through a
 * symlink as README says (ln -s .../bpfsh/bin/bpfsh), with the man page and completion script that
 * the build generated from the command line's model.
 */
@KernelTest
class ReleaseArchiveIT {
    @RegisterExtension
    final TestBpffs fs = new TestBpffs();

    @TempDir
    Path opt;

    private Path bpfsh;
    private String out;
    private String err;

    @BeforeEach
    void unpack() throws Exception {
        Path archive = Path.of(System.getProperty("bpfsh.archive"));
        assertTrue(Files.isRegularFile(archive), archive + " was not built by mvn package");
        assertEquals(0, run(List.of("tar", "-xzf", archive.toString(), "-C", opt.toString())), err);
        Path bin = opt.resolve("usr-local-bin");
        Files.createDirectories(bin);
        bpfsh = Files.createSymbolicLink(bin.resolve("bpfsh"), opt.resolve("bpfsh/bin/bpfsh"));
    }

    private int run(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(opt.toFile());
        pb.redirectOutput(opt.resolve("out.txt").toFile()).redirectError(opt.resolve("err.txt").toFile());
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().put("XDG_CACHE_HOME", opt.resolve("cache").toString()); // not the user's cache
        Process p = pb.start();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("did not finish: " + command);
        }
        out = Files.readString(opt.resolve("out.txt"), StandardCharsets.UTF_8);
        err = Files.readString(opt.resolve("err.txt"), StandardCharsets.UTF_8);
        return p.exitValue();
    }

    private int bpfsh(String... args) throws IOException, InterruptedException {
        List<String> c = new ArrayList<>(List.of(bpfsh.toString()));
        c.addAll(List.of(args));
        return run(c);
    }

    @Test
    void theUnpackedArchiveRunsThroughASymlinkAndRunsABatch() throws Exception {
        assertEquals(0, bpfsh("--version"), err);
        assertEquals("bpfsh " + System.getProperty("bpfsh.version") + "\n", out);
        Path script = opt.resolve("batch.bpfsh");
        Files.writeString(script, String.join("\n",
                "load " + Samples.object("gobpf_global.o") + " --as g",
                "update g:dummy_hash 7 70",
                "lookup g:dummy_hash 7",
                "close g --unpin-all", ""));
        assertEquals(0, bpfsh("--bpffs", fs.root().toString(), "-q", script.toString()), err);
        assertEquals("key: 7  value: 70\n", out);
        assertEquals(2, bpfsh("--bogus"));
        assertEquals("bpfsh: Unknown option: '--bogus' (see bpfsh --help)\n", err);
    }

    @Test
    void aClosedPipeEndsItWithTheSigpipeStatus() throws Exception {
        Path script = opt.resolve("many.bpfsh");
        // far more than a pipe holds, so that writes go on after head has exited
        Files.writeString(script, "load " + Samples.object("gobpf_global.o") + " --as g\n" + "dump g:dummy_array\n".repeat(5000)
                + "close g --unpin-all\n");
        assertEquals(0, run(List.of("bash", "-c", "set -o pipefail; '" + bpfsh + "' --bpffs '" + fs.root() + "' '" + script
                + "' | head -1; echo \"status ${PIPESTATUS[0]}\" >&2; exit 0")));
        assertTrue(out.startsWith("created map dummy_hash (hash, id "), out);
        assertEquals(1, out.lines().count(), out);
        assertTrue(err.endsWith("status 141\n"), "quietly, with 128 + SIGPIPE: " + err);
        assertEquals(1, err.lines().count(), err);
    }

    @Test
    void theManPageAndCompletionScriptComeFromTheCommandLine() throws Exception {
        Path man = opt.resolve("bpfsh/share/man/man1/bpfsh.1");
        String page = Files.readString(man);
        assertTrue(page.contains(".TH \"BPFSH\" \"1\""), page.substring(0, Math.min(400, page.length())));
        for (String option : List.of("\\-\\-trace", "\\-\\-echo", "\\-\\-quiet", "\\-\\-keep\\-going", "\\-\\-json")) {
            assertTrue(page.contains(option), option + " in the man page");
        }
        Path completion = opt.resolve("bpfsh/share/bash-completion/completions/bpfsh");
        assertEquals(0, run(List.of("bash", "-c", ". '" + completion + "'; COMP_WORDS=(bpfsh --ke); COMP_CWORD=1; "
                + "COMP_LINE='bpfsh --ke'; COMP_POINT=10; _complete_bpfsh; printf '%s\\n' \"${COMPREPLY[@]}\"")), err);
        assertEquals("--keep-going", out.strip());
    }
}
