package io.bpfsh.engine.events;

import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.sys.BpfMap;
import io.bpfsh.engine.sys.MapType;
import io.bpfsh.engine.sys.MappedMemory;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
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

    private final BpfMap map;
    private final MappedMemory consumerPage;
    private final MappedMemory producerPages;
    private final ByteBuffer consumer;
    private final ByteBuffer producer;
    private final int dataOffset;
    private final long size;
    private boolean closed;

    private UserRingBufferWriter(BpfMap map, MappedMemory consumerPage, MappedMemory producerPages) {
        this.map = map;
        this.consumerPage = consumerPage;
        this.producerPages = producerPages;
        this.consumer = consumerPage.buffer();
        this.producer = producerPages.buffer();
        this.dataOffset = MappedMemory.pageSize();
        this.size = Integer.toUnsignedLong(map.info().maxEntries());
    }

    public static UserRingBufferWriter open(BpfMap map) throws EngineException {
        if (map.type() != MapType.USER_RINGBUF) {
            throw new EngineException(map.describe() + ": not a user_ringbuf map");
        }
        long size = Integer.toUnsignedLong(map.info().maxEntries());
        int page = MappedMemory.pageSize();
        BpfMap own = map.duplicate();
        MappedMemory cons = null;
        MappedMemory prod = null;
        try {
            cons = MappedMemory.map(own.fd(), 0, page, false, own.describe() + ": consumer page");
            prod = MappedMemory.map(own.fd(), page, page + 2 * size, true, own.describe() + ": ring");
            return new UserRingBufferWriter(own, cons, prod);
        } catch (EngineException | RuntimeException e) {
            RingBufferReader.closeAll(prod, cons, own);
            throw e;
        }
    }

    /**
     * Writes one record; false when the ring has no room for it now (the program has not drained
     * enough yet). A record that can never fit is an error.
     */
    public synchronized boolean offer(byte[] record) throws EngineException {
        if (closed) {
            throw new EngineException(map.describe() + ": writer is closed");
        }
        long total = (record.length + RingBufferReader.HEADER_SIZE + 7) & ~7L;
        if (record.length >= (1 << 30) || total > size) {
            throw new EngineException(map.describe() + ": a " + record.length + "-byte record cannot fit a "
                    + size + "-byte ring");
        }
        long cons = (long) LONG.getAcquire(consumer, 0);
        long prod = (long) LONG.getAcquire(producer, 0);
        if (prod - cons + total > size) {
            return false;
        }
        int header = dataOffset + (int) (prod & (size - 1));
        INT.setVolatile(producer, header + 4, 0);                                    // pg_off
        INT.setVolatile(producer, header, record.length | RingBufferReader.BUSY_BIT); // len, reserved
        LONG.setRelease(producer, 0, prod + total);
        producer.put(header + RingBufferReader.HEADER_SIZE, record); // contiguous thanks to the double mapping
        INT.getAndSet(producer, header, record.length);               // commit
        return true;
    }

    /** Bytes free for records now (each takes its length + 8, rounded up to 8). */
    public synchronized long freeBytes() {
        if (closed) {
            return 0;
        }
        return size - ((long) LONG.getAcquire(producer, 0) - (long) LONG.getAcquire(consumer, 0));
    }

    public BpfMap map() {
        return map;
    }

    /** Waits for a read in progress (it holds the lock), so nothing is unmapped under it. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            RingBufferReader.closeAll(producerPages, consumerPage, map);
        }
    }
}
