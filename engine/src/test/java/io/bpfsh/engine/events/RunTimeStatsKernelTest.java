package io.bpfsh.engine.events;

import static io.bpfsh.engine.events.EventSamples.program;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpfsh.engine.load.Module;
import io.bpfsh.engine.sys.BpfProgram;
import io.bpfsh.engine.sys.ProgRunStats;
import io.bpfsh.engine.sys.RunTimeStats;
import io.bpfsh.engine.testing.Bpftool;
import io.bpfsh.engine.testing.KernelTest;
import io.bpfsh.engine.testing.TestBpffs;
import org.junit.jupiter.api.Test;

/** BPF_ENABLE_STATS run-time counters, as `top` reads them, compared with bpftool's. */
@KernelTest
class RunTimeStatsKernelTest {
    @Test
    void runsAreCountedWhileStatsAreEnabled() throws Exception {
        try (TestBpffs fs = new TestBpffs("RunTimeStatsKernelTest");
             Module m = EventSamples.load(fs)) {
            BpfProgram p = program(m, "push_length");
            ProgRunStats before = p.runStats();
            try (RunTimeStats stats = RunTimeStats.enable()) {
                p.testRun(EventSamples.packet(), 100);
                ProgRunStats after = p.runStats();
                assertEquals(before.runCount() + 100, after.runCount());
                assertTrue(after.runTimeNanos() > before.runTimeNanos());
                assertEquals("push_length", after.name());
                assertEquals("xdp", after.typeName());
                String json = Bpftool.run("-j", "prog", "show", "id", Integer.toString(p.id()));
                assertEquals(after.runCount(), Bpftool.number(json, "run_cnt"), "bpftool reads the same counter");
                ProgRunStats listed = ProgramRunTimes.snapshot().stream().filter(s -> s.id() == p.id())
                        .findFirst().orElseThrow();
                assertEquals(after.runCount(), listed.runCount(), "the kernel-wide snapshot has it");
                assertEquals(after.runTimeNanos() / after.runCount(), after.averageNanos());
            }
        }
    }
}
