package io.bpfsh.engine.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.load.Module;
import io.bpfsh.engine.sys.BpfMap;
import io.bpfsh.engine.sys.MapAttributes;
import io.bpfsh.engine.sys.MapType;
import io.bpfsh.engine.testing.KernelTest;
import io.bpfsh.engine.testing.OpenFds;
import io.bpfsh.engine.testing.OpenMappings;
import io.bpfsh.engine.testing.TestBpffs;
import org.junit.jupiter.api.Test;

/** The user ring buffer writer: records a program drains (drain_requests of modern_events.o), and its room. */
@KernelTest
class UserRingBufferWriterKernelTest {
    @Test
    void recordsFillTheRingUntilItHasNoRoom() throws Exception {
        try (BpfMap ring = BpfMap.create(MapAttributes.of(MapType.USER_RINGBUF, 0, 0, 4096).withName("uring"))) {
            try (UserRingBufferWriter w = UserRingBufferWriter.open(ring)) {
                w.close(); // loads the classes before the baseline
            }
            int fds = OpenFds.count();
            long maps = OpenMappings.count();
            try (UserRingBufferWriter w = UserRingBufferWriter.open(ring)) {
                assertEquals(maps + 2, OpenMappings.count(), "consumer page and producer pages");
                assertEquals(4096, w.freeBytes());
                int accepted = 0;
                while (w.offer(new byte[20])) { // 8-byte header + 20, rounded to 32
                    accepted++;
                }
                assertEquals(4096 / 32, accepted);
                assertEquals(0, w.freeBytes());
                assertFalse(w.offer(new byte[1]), "no room until a program drains");
                EngineException tooBig = assertThrows(EngineException.class, () -> w.offer(new byte[4096]));
                assertTrue(tooBig.getMessage().contains("a 4096-byte record cannot fit a 4096-byte ring"),
                        tooBig.getMessage());
            }
            assertEquals(fds, OpenFds.count());
            assertEquals(maps, OpenMappings.count());
        }
    }

    @Test
    void aProgramDrainsWhatWasWrittenInOrder() throws Exception {
        try (TestBpffs fs = new TestBpffs("UserRingBufferWriterKernelTest");
             Module m = EventSamples.load(fs);
             UserRingBufferWriter w = UserRingBufferWriter.open(m.map("requests").orElseThrow().map())) {
            for (int v : new int[] {5, 6, 7}) {
                assertTrue(w.offer(EventSamples.u32(v)));
            }
            assertEquals(4096 - 3 * 16, w.freeBytes(), "each 4-byte record takes 8 + 4, rounded to 16");
            EventSamples.program(m, "drain_requests").testRun(EventSamples.packet(), 1);
            assertEquals(3, EventSamples.counter(m, 3), "records the program's callback saw");
            assertEquals(18, EventSamples.counter(m, 4), "the sum of their values: each arrived whole");
            assertEquals(4096, w.freeBytes(), "the kernel moved consumer_pos past them");
            assertTrue(w.offer(EventSamples.u32(100)));
            EventSamples.program(m, "drain_requests").testRun(EventSamples.packet(), 1);
            assertEquals(118, EventSamples.counter(m, 4));
        }
    }

    @Test
    void onlyUserRingBuffers() throws Exception {
        try (BpfMap ring = BpfMap.create(MapAttributes.of(MapType.RINGBUF, 0, 0, 4096).withName("kring"))) {
            EngineException e = assertThrows(EngineException.class, () -> UserRingBufferWriter.open(ring));
            assertTrue(e.getMessage().endsWith("not a user_ringbuf map"), e.getMessage());
        }
    }
}
