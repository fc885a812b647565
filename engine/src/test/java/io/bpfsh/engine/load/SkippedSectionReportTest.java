package io.bpfsh.engine.load;

import static io.bpfsh.engine.spec.CraftedObject.concat;
import static io.bpfsh.engine.spec.CraftedObject.exit;
import static io.bpfsh.engine.spec.CraftedObject.movR0;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bpfsh.engine.fs.Bpffs;
import io.bpfsh.engine.spec.CraftedObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Skipped executable sections reach the load report as "skipped section NAME: REASON", whatever the name holds.
 * An object with nothing but skipped sections loads without a single bpf(2) call, so no kernel is needed.
 */
class SkippedSectionReportTest {
    @TempDir
    Path dir;

    private List<String> reportFor(String section) throws Exception {
        CraftedObject o = new CraftedObject();
        o.program(section, concat(movR0(), exit()));
        try (Module m = Module.open(o.write(dir, "skip.o"), new Bpffs(dir))) {
            return m.load(Map.of()).events().stream().map(LoadEvent::toString).toList();
        }
    }

    @Test
    void plainName() throws Exception {
        assertEquals(List.of("skipped section fentry/do_sys_open: unknown program type (section name not recognised)"),
                reportFor("fentry/do_sys_open"));
    }

    @Test
    void nameWithAColon() throws Exception {
        assertEquals(List.of("skipped section usdt/libc.so.6:libc:setjmp: unknown program type (section name not"
                + " recognised)"), reportFor("usdt/libc.so.6:libc:setjmp"));
    }
}
