package io.bpfsh.engine.events;

import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.sys.BpfMap;
import io.bpfsh.engine.sys.MapType;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Producer side of a BPF_MAP_TYPE_USER_RINGBUF (6.1): user space writes records that a program
 * drains with bpf_user_ringbuf_drain. The roles of the ring buffer's pages are swapped: the
 * consumer page is read-only here, the producer page and the doubly mapped data are writable.
 *
 * <p>Ordering (as libbpf's user_ring_buffer__reserve/submit): consumer_pos is read with
 * getAcquire; the reserved header (length with the busy bit) is written before producer_pos is
 * published with setRelease; the payload is copied, then the header's busy bit is cleared with an
 * atomic exchange, which the kernel reads with an acquire before it touches the payload. One
 * writer at a time: calls are serialised on this object.
 */
public final class UserRingBufferWriter implements AutoCloseable {
    private static final VarHandle LONG = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private final RingMapping ring;
    private boolean closed;

    private UserRingBufferWriter(RingMapping ring) {
        this.ring = ring;
    }

    public static UserRingBufferWriter open(BpfMap map) throws EngineException {
        if (map.type() != MapType.USER_RINGBUF) {
            throw new EngineException(map.describe() + ": not a user_ringbuf map");
        }
        return new UserRingBufferWriter(RingMapping.open(map, false));
    }

    /**
     * Writes one record; false when the ring has no room for it now (the program has not drained
     * enough yet). A record that can never fit is an error.
     */
    public synchronized boolean offer(byte[] record) throws EngineException {
        if (closed) {
            throw new EngineException(ring.map.describe() + ": writer is closed");
        }
        long total = (record.length + RingMapping.HEADER_SIZE + 7) & ~7L;
        if (record.length >= (1 << 30) || total > ring.size) {
            throw new EngineException(ring.map.describe() + ": a " + record.length + "-byte record cannot fit a "
                    + ring.size + "-byte ring");
        }
        long cons = (long) LONG.getAcquire(ring.consumer, 0);
        long prod = (long) LONG.getAcquire(ring.producer, 0);
        if (prod - cons + total > ring.size) {
            return false;
        }
        int header = ring.offsetOf(prod);
        INT.setVolatile(ring.producer, header + 4, 0);                               // pg_off
        INT.setVolatile(ring.producer, header, record.length | RingMapping.BUSY_BIT); // len, reserved
        LONG.setRelease(ring.producer, 0, prod + total);
        ring.producer.put(header + RingMapping.HEADER_SIZE, record); // contiguous thanks to the double mapping
        INT.getAndSet(ring.producer, header, record.length);          // commit
        return true;
    }

    /** Bytes free for records now (each takes its length + 8, rounded up to 8). */
    public synchronized long freeBytes() {
        if (closed) {
            return 0;
        }
        return ring.size - ((long) LONG.getAcquire(ring.producer, 0) - (long) LONG.getAcquire(ring.consumer, 0));
    }

    public BpfMap map() {
        return ring.map;
    }

    /** Waits for a read in progress (it holds the lock), so nothing is unmapped under it. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            ring.close();
        }
    }
}
