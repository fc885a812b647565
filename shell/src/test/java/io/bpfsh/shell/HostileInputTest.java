package io.bpfsh.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bpfsh.engine.testing.Samples;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Words a user or a script may type that must be refused, each in one line; no kernel is needed. */
class HostileInputTest {
    @TempDir
    Path root;

    /** Issue 10.9: Integer.parseInt reads "٣" (Arabic-Indic three) as 3. */
    @Test
    void idsAndSizesTakeAsciiDigitsOnly() {
        try (TestShell sh = new TestShell(root)) {
            assertEquals("error: id:٣: an id is a positive number after id:, id:map: or id:prog:, e.g. id:42", sh.fails("info id:٣"));
            String obj = Samples.object("gobpf_global.o").toString();
            assertEquals("error: load " + obj + ": --max-entries maps/dummy_hash=٣: max entries must be a positive integer",
                    sh.fails("load " + obj + " --max-entries dummy_hash=٣ --dry-run"));
        }
    }
}
