package io.bpfsh.engine.sys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ValueSlotsTest {
    @Test
    void perCpuSlotsAreEightByteAligned() {
        ValueSlots s = new ValueSlots(12, 16, 3, true);
        assertEquals(48, s.bufferSize());
        assertEquals(32, s.offset(2));
        byte[] one = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
        byte[] all = s.everySlot(one);
        assertEquals(48, all.length);
        for (int cpu = 0; cpu < 3; cpu++) {
            byte[] slot = java.util.Arrays.copyOfRange(all, s.offset(cpu), s.offset(cpu) + 16);
            assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 0, 0, 0, 0}, slot);
        }
    }

    @Test
    void aPlainMapHasOneSlotOfTheValueSize() {
        MapInfo info = new MapInfo(MapType.HASH.number(), 1, 4, 6, 8, 0, "h", 0, 0, 0, 0);
        ValueSlots s = ValueSlots.of(info);
        assertEquals(new ValueSlots(6, 6, 1, false), s);
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 6}, s.everySlot(new byte[] {1, 2, 3, 4, 5, 6}));
    }

    @Test
    void aValueOfTheWrongSizeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ValueSlots(8, 8, 2, true).everySlot(new byte[4]));
    }
}
