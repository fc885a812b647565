package io.bpfsh.engine.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpfsh.engine.testing.Bpftool;
import io.bpfsh.engine.testing.KernelTest;
import io.bpfsh.engine.testing.Samples;
import io.bpfsh.engine.testing.TestBpffs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * bpfsh and libbpf (through {@code bpftool prog loadall ... pinmaps}) share LIBBPF_PIN_BY_NAME maps in
 * both directions. libbpf pins at /sys/fs/bpf/<map>, so bpftool runs in a private mount namespace
 * where /sys/fs/bpf is this test's own directory: nothing lands in the shared bpffs root.
 */
@KernelTest
class LibbpfInteropKernelTest {
    @RegisterExtension
    final TestBpffs fs = new TestBpffs();

    /** Runs bpftool with /sys/fs/bpf bound to the test's directory. */
    private void bpftoolInOwnBpffs(String args) throws Exception {
        String script = "mount --bind " + fs.root() + " /sys/fs/bpf && bpftool " + args;
        Process p = new ProcessBuilder("unshare", "--mount", "--propagation", "private", "sh", "-c", script)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "bpftool finished");
        assertEquals(0, p.exitValue(), "bpftool " + args + ":\n" + out);
    }

    private int programMapId(String progPin) {
        String json = Bpftool.progShowPinned(fs.root().resolve(progPin).toString());
        var m = java.util.regex.Pattern.compile("\"map_ids\":\\[(\\d+)\\]").matcher(json);
        assertTrue(m.find(), json);
        return Integer.parseInt(m.group(1));
    }

    @Test
    void libbpfReusesTheMapBpfshPinned() throws Exception {
        try (Module m = Module.open(Samples.object("modern_counter.o"), fs.bpffs())) {
            m.load(Map.of());
            int id = m.map("pkt_counts").orElseThrow().map().id();
            bpftoolInOwnBpffs("prog loadall " + Samples.object("modern_counter.o") + " /sys/fs/bpf/progs pinmaps /sys/fs/bpf");
            assertEquals(id, programMapId("progs/count_packets"), "libbpf's program uses bpfsh's map");
        }
    }

    @Test
    void bpfshReusesTheMapLibbpfPinned() throws Exception {
        bpftoolInOwnBpffs("prog loadall " + Samples.object("modern_counter.o") + " /sys/fs/bpf/progs pinmaps /sys/fs/bpf");
        Path pin = fs.root().resolve("pkt_counts");
        int id = (int) Bpftool.number(Bpftool.mapShowPinned(pin.toString()), "id");
        assertEquals(id, programMapId("progs/count_packets"));
        try (Module m = Module.open(Samples.object("modern_counter.o"), fs.bpffs())) {
            m.load(Map.of());
            LoadedMap lm = m.map("pkt_counts").orElseThrow();
            assertTrue(lm.reused());
            assertEquals(id, lm.map().id(), "bpfsh uses libbpf's map");
        }
    }
}
