package io.bpfsh.engine.events;

import static io.bpfsh.engine.events.EventSamples.program;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpfsh.engine.load.Module;
import io.bpfsh.engine.testing.KernelTest;
import io.bpfsh.engine.testing.OpenFds;
import io.bpfsh.engine.testing.TestBpffs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/** bpf_printk lines of log_packet (modern_events.o) read from tracefs' trace_pipe. */
@KernelTest
class TracePipeKernelTest {
    /** The kernel refuses readers (EBUSY) while another process uses the tracing buffer: wait, bounded. */
    static TracePipe openWhenFree() throws Exception {
        for (int i = 0; ; i++) {
            try {
                return TracePipe.open();
            } catch (TracePipeBusyException e) {
                if (i >= 100) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    @Test
    void printkLinesArriveInOrder() throws Exception {
        // the pipe is system-wide: packet lengths unlikely to come from anyone else mark this test's lines
        int base = 1000 + ThreadLocalRandom.current().nextInt(400);
        int fds = OpenFds.count();
        try (TestBpffs fs = new TestBpffs("TracePipeKernelTest");
             Module m = EventSamples.load(fs);
             TracePipe pipe = openWhenFree()) {
            assertNull(pipe.note(), "tracefs is mounted here already (the test setup mounts it)");
            for (int i = 0; i < 3; i++) {
                program(m, "log_packet").testRun(new byte[base + i], 1);
            }
            List<String> mine = new ArrayList<>();
            for (int reads = 0; mine.size() < 3 && reads < 50; reads++) {
                for (String line : pipe.read(Duration.ofMillis(200))) {
                    if (line.contains("bpfsh: packet of ")) {
                        mine.add(line);
                    }
                }
            }
            assertEquals(3, mine.size(), mine.toString());
            for (int i = 0; i < 3; i++) {
                assertTrue(mine.get(i).endsWith("bpfsh: packet of " + (base + i) + " bytes"), mine.get(i));
                assertTrue(mine.get(i).contains("bpf_trace_printk") || mine.get(i).contains(": "), mine.get(i));
            }
            assertEquals(List.of(), pipe.read(Duration.ZERO).stream().filter(l -> l.contains("packet of " + base)).toList());
        }
        assertEquals(fds, OpenFds.count());
    }
}
