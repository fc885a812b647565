package io.bpfsh.engine.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpfsh.engine.testing.KernelTest;
import org.junit.jupiter.api.Test;

/**
 * Issue 10.7: mutated sample objects through open, load and close on the real kernel. A short round with a
 * fixed seed (the same inputs every run); {@code engine/fuzz.sh} runs long rounds and prints the figures.
 */
@KernelTest
class ObjectFuzzKernelTest {
    static final long INPUTS = 10_000;
    static final long SEED = 20261201;

    @Test
    void mutatedObjectsGiveCleanErrorsAndLeaveNothingBehind() throws Exception {
        ObjectFuzz.Figures f = ObjectFuzz.run(INPUTS, SEED, null);
        StringBuilder report = new StringBuilder();
        f.unchecked.forEach((k, v) -> report.append(v).append(" x ").append(k).append(": ")
                .append(f.uncheckedExample.get(k)).append("; "));
        assertEquals(0, f.uncheckedTotal(), "unchecked exceptions: " + report);
        assertEquals(0, f.multiLineErrors, "errors of more than one line");
        assertEquals(0, f.pinsLeft, "pins left after close or a failed load");
        assertEquals(f.fdsBefore, f.fdsAfter, "FDs before and after");
        assertEquals(f.mappingsBefore, f.mappingsAfter, "BPF object mappings before and after");
        assertEquals(INPUTS, f.inputs);
        // the mutations must reach the loader and the kernel, not only the ELF reader
        assertTrue(f.loaded > INPUTS / 20, "loaded " + f.loaded + " of " + INPUTS);
        assertTrue(f.opened > f.loaded, "opened " + f.opened);
    }
}
