package io.bpfsh.shell.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValueDeltaTest {
    private static Map<String, Object> counter(long pkts, long bytes) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pkts", pkts);
        m.put("bytes", bytes);
        return m;
    }

    @Test
    void numbersSubtractFieldByField() {
        Object d = ValueDelta.of(counter(5, 320), counter(10, 960));
        assertEquals("{pkts=+5, bytes=+640}", ValueDelta.text(d));
        assertFalse(ValueDelta.isZero(d));
        assertEquals("{pkts=2.5/s, bytes=320.0/s}", ValueDelta.text(ValueDelta.perSecond(d, 2.0)));
    }

    @Test
    void unchangedIsZeroAndDecreasesAreNegative() {
        assertTrue(ValueDelta.isZero(ValueDelta.of(7L, 7L)));
        assertEquals("-3", ValueDelta.text(ValueDelta.of(10L, 7L)));
        assertEquals("[+1, +0]", ValueDelta.text(ValueDelta.of(List.of(1L, 2L), List.of(2L, 2L))));
    }

    @Test
    void unsignedSixtyFourBitCountersDoNotOverflow() {
        BigInteger max = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
        assertEquals("+1", ValueDelta.text(ValueDelta.of(max.subtract(BigInteger.ONE), max)));
    }

    @Test
    void aChangedStringShowsItsNewValue() {
        assertEquals("eth1", ValueDelta.text(ValueDelta.of("eth0", "eth1")));
        assertTrue(ValueDelta.isZero(ValueDelta.of("eth0", "eth0")));
    }

    @Test
    void perCpuValuesSumLeafByLeaf() {
        Object total = ValueDelta.sum(List.of(counter(1, 64), counter(2, 128), counter(0, 0)));
        assertEquals("{pkts=3, bytes=192}", ValueDelta.plain(total));
        assertEquals("7", ValueDelta.plain(ValueDelta.sum(List.of(3L, 4L))));
    }
}
