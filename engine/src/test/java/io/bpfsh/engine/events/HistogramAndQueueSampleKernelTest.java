package io.bpfsh.engine.events;

import static io.bpfsh.engine.events.EventSamples.program;
import static io.bpfsh.engine.events.EventSamples.u32;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.bpfsh.engine.load.Module;
import io.bpfsh.engine.sys.BpfMap;
import io.bpfsh.engine.testing.KernelTest;
import io.bpfsh.engine.testing.TestBpffs;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The latency histogram and the queue of modern_events.o, driven by test runs. */
@KernelTest
class HistogramAndQueueSampleKernelTest {
    private static byte[] latencyPacket(long nanos) {
        return ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN).putLong(0, nanos).array();
    }

    @Test
    void latenciesLandInTheirLog2Buckets() throws Exception {
        try (TestBpffs fs = new TestBpffs("HistogramAndQueueSampleKernelTest");
             Module m = EventSamples.load(fs)) {
            long[] latencies = {0, 1, 2, 3, 4, 7, 8, 1000, 1023, 1024, 1L << 40, -1L};
            for (long ns : latencies) {
                program(m, "record_latency").testRun(latencyPacket(ns), 1);
            }
            BpfMap hist = m.map("latency_hist").orElseThrow().map();
            Map<Integer, Long> buckets = new TreeMap<>();
            for (int b = 0; b < 65; b++) {
                long n = ByteBuffer.wrap(hist.lookup(u32(b))).order(ByteOrder.LITTLE_ENDIAN).getLong();
                if (n != 0) {
                    buckets.put(b, n);
                }
            }
            // bucket 0: 0; bucket k: [2^(k-1), 2^k)
            assertEquals(Map.of(0, 1L, 1, 1L, 2, 2L, 3, 2L, 4, 1L, 10, 2L, 11, 1L, 41, 1L, 64, 1L), buckets);
        }
    }

    @Test
    void theProgramPushesPacketLengthsThatPopInOrder() throws Exception {
        try (TestBpffs fs = new TestBpffs("HistogramAndQueueSampleKernelTest");
             Module m = EventSamples.load(fs)) {
            for (int len : new int[] {60, 61, 62}) {
                program(m, "push_length").testRun(new byte[len], 1);
            }
            BpfMap lengths = m.map("lengths").orElseThrow().map();
            assertArrayEquals(u32(60), lengths.peek());
            assertArrayEquals(u32(60), lengths.pop());
            assertArrayEquals(u32(61), lengths.pop());
            assertArrayEquals(u32(62), lengths.pop());
            assertNull(lengths.pop());
        }
    }
}
