package io.bpfsh.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpfsh.engine.testing.KernelTest;
import io.bpfsh.engine.testing.Samples;
import io.bpfsh.engine.testing.TestBpffs;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** samples/tour.bpfsh runs green under a root of its own and leaves nothing behind. */
@KernelTest
class TourKernelTest {
    @Test
    void theTourRunsAndCleansUpAfterItself() {
        Path tour = Samples.dir().resolve("tour.bpfsh");
        try (TestBpffs fs = new TestBpffs("shell-tour")) {
            int fds = BpfFds.count();
            ByteArrayOutputStream o = new ByteArrayOutputStream();
            ByteArrayOutputStream e = new ByteArrayOutputStream();
            int code = Main.run(new String[] {"--bpffs", fs.root().toString(), tour.toString()},
                    new ByteArrayInputStream(new byte[0]), new PrintStream(o, true, StandardCharsets.UTF_8),
                    new PrintStream(e, true, StandardCharsets.UTF_8), false);
            String out = o.toString(StandardCharsets.UTF_8);
            assertEquals("", e.toString(StandardCharsets.UTF_8));
            assertEquals(0, code, out);
            // the four pinning options, as the tour shows them
            assertTrue(out.contains("pinned map dummy_hash at " + fs.root().resolve("ns1/globals/dummy_hash")
                    + " (PIN_GLOBAL_NS)"), out);
            assertTrue(out.contains("pinned map dummy_array_custom at " + fs.root().resolve("ns1/test1")
                    + " (PIN_CUSTOM_NS)"), out);
            assertTrue(out.matches("(?s).*pinned map dummy_object at " + fs.root().resolve("ns1")
                    + "/[0-9a-f]{40}/dummy_object \\(PIN_OBJECT_NS\\).*"), out);
            assertTrue(out.matches("(?s).*obj +dummy_private +hash +4 +4 +32 +PIN_NONE +- .*"), out);
            // a second load reuses, and a value survives a close without unpin
            assertTrue(out.contains("reused map dummy_array_custom pinned at " + fs.root().resolve("ns1/test1")), out);
            assertTrue(out.contains("\nkey: 0  value: 7\n"), out);
            // everything it pinned and every directory it made is gone, and no FD is left open
            assertEquals(List.of(), fs.tree());
            assertEquals(fds, BpfFds.count());
        }
    }
}
