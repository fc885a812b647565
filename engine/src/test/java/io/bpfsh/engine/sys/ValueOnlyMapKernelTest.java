package io.bpfsh.engine.sys;

import static io.bpfsh.engine.sys.Bytes.u32;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.fs.PinPath;
import io.bpfsh.engine.testing.Bpftool;
import io.bpfsh.engine.testing.KernelTest;
import io.bpfsh.engine.testing.TestBpffs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Queues, stacks and bloom filters: values in and out without keys, checked against bpftool's view. */
@KernelTest
class ValueOnlyMapKernelTest {
    private TestBpffs fs;

    @BeforeEach
    void setUp() {
        fs = new TestBpffs("ValueOnlyMapKernelTest");
    }

    @AfterEach
    void tearDown() {
        fs.close();
    }

    private BpfMap pinned(MapType type, int max, String name) throws Exception {
        BpfMap m = BpfMap.create(MapAttributes.of(type, 0, 4, max).withName(name));
        PinPath pin = fs.bpffs().resolve(name);
        fs.bpffs().pin(m, pin);
        return m;
    }

    /** bpftool's value for `map peek`, e.g. "0x07 0x00 0x00 0x00", or null when it finds none. */
    private String bpftoolPeek(String name) {
        String json = Bpftool.run("-j", "map", "peek", "pinned", fs.root().resolve(name).toString());
        int at = json.indexOf("\"value\":[");
        return at < 0 ? null : json.substring(at + 9, json.indexOf(']', at)).replace("\"", "").replace(",", " ");
    }

    @Test
    void queueIsFirstInFirstOutAsBpftoolSeesIt() throws Exception {
        try (BpfMap q = pinned(MapType.QUEUE, 4, "q")) {
            assertNull(q.peek(), "empty");
            assertNull(q.pop(), "empty");
            q.push(u32(7), false);
            q.push(u32(8), false);
            assertEquals("0x07 0x00 0x00 0x00", bpftoolPeek("q"), "bpftool sees the oldest first");
            assertArrayEquals(u32(7), q.peek());
            assertArrayEquals(u32(7), q.peek(), "peek leaves it there");
            Bpftool.run("map", "push", "pinned", fs.root().resolve("q").toString(), "value", "9", "0", "0", "0");
            assertArrayEquals(u32(7), q.pop());
            assertArrayEquals(u32(8), q.pop());
            assertArrayEquals(u32(9), q.pop(), "what bpftool pushed comes out last");
            assertNull(q.pop());
        }
    }

    @Test
    void stackIsLastInFirstOut() throws Exception {
        try (BpfMap s = pinned(MapType.STACK, 4, "s")) {
            s.push(u32(1), false);
            s.push(u32(2), false);
            assertEquals("0x02 0x00 0x00 0x00", bpftoolPeek("s"));
            assertArrayEquals(u32(2), s.pop());
            assertArrayEquals(u32(1), s.peek());
        }
    }

    @Test
    void aFullQueueRefusesUnlessTheOldestMayBeOverwritten() throws Exception {
        try (BpfMap q = pinned(MapType.QUEUE, 2, "full")) {
            q.push(u32(1), false);
            q.push(u32(2), false);
            BpfException e = assertThrows(BpfException.class, () -> q.push(u32(3), false));
            assertTrue(e.is(Errno.E2BIG));
            assertEquals("update map full (id " + q.id() + "): argument list too long (E2BIG): "
                    + "the queue is full (2 elements)", e.getMessage());
            q.push(u32(3), true);
            assertEquals("0x02 0x00 0x00 0x00", bpftoolPeek("full"), "1 was overwritten");
            assertArrayEquals(u32(2), q.pop());
            assertArrayEquals(u32(3), q.pop());
        }
    }

    @Test
    void bloomFilterAddsAndTests() throws Exception {
        try (BpfMap b = pinned(MapType.BLOOM_FILTER, 64, "bloom")) {
            assertFalse(b.mayContain(u32(42)), "nothing added yet");
            b.push(u32(42), false);
            assertTrue(b.mayContain(u32(42)));
            assertFalse(b.mayContain(u32(43)) && b.mayContain(u32(44)) && b.mayContain(u32(45)),
                    "a 64-entry filter with one element does not claim three others");
            EngineException pop = assertThrows(EngineException.class, b::pop);
            assertTrue(pop.getMessage().contains("a bloom filter cannot pop"), pop.getMessage());
            assertThrows(EngineException.class, () -> b.push(u32(1), true));
        }
    }

    @Test
    void keyedMapsAndWrongSizesAreRefusedWithoutTouchingTheMap() throws Exception {
        try (BpfMap hash = BpfMap.create(MapAttributes.of(MapType.HASH, 4, 4, 4).withName("h"));
             BpfMap q = pinned(MapType.QUEUE, 4, "sizes")) {
            EngineException e = assertThrows(EngineException.class, () -> hash.push(u32(1), false));
            assertEquals("map h (id " + hash.id() + "): push works on queue, stack and bloom_filter maps; "
                    + "this is a hash map (use lookup, update and delete with a key)", e.getMessage());
            assertThrows(EngineException.class, hash::pop);
            assertThrows(EngineException.class, () -> hash.mayContain(u32(1)));
            EngineException size = assertThrows(EngineException.class, () -> q.push(new byte[3], false));
            assertTrue(size.getMessage().endsWith("value is 3 bytes, expected 4"), size.getMessage());
            assertNull(q.peek(), "nothing was pushed");
        }
    }
}
