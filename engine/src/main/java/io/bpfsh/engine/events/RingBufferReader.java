package io.bpfsh.engine.events;

import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.sys.BpfMap;
import io.bpfsh.engine.sys.Epoll;
import io.bpfsh.engine.sys.MapType;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Consumer of a BPF_MAP_TYPE_RINGBUF (kernel Documentation/bpf/ringbuf.rst), mapped as
 * {@link RingMapping} describes: the consumer page read-write, producer page and data read-only.
 *
 * <p>Memory ordering. Producers (BPF programs on any CPU) publish with smp_store_release on
 * producer_pos and commit a record with an atomic exchange on its header. This reader pairs with
 * them through {@link VarHandle} views of the mapped pages: {@code getAcquire} on producer_pos and
 * on each record header (so the payload bytes read after it are at least as new as the commit),
 * and {@code setRelease} on consumer_pos (so every payload read is done before the kernel may reuse
 * that space). Byte-buffer VarHandles on direct memory compile to ordered loads and stores (plain
 * loads and stores on x86-64, ldar/stlr on arm64), which is what libbpf's smp_load_acquire and
 * smp_store_release are; plain JNA reads would give no such guarantee on arm64.
 */
public final class RingBufferReader implements EventReader {
    private static final VarHandle LONG = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    /** Longest a single wait lasts, so that close and interruption are seen promptly. */
    private static final int WAIT_SLICE_MILLIS = 100;

    private final RingMapping ring;
    private final Epoll epoll;
    private boolean closed;

    private RingBufferReader(RingMapping ring, Epoll epoll) {
        this.ring = ring;
        this.epoll = epoll;
    }

    /** Maps the ring of {@code map} (which must be a ringbuf); the caller keeps its own handle. */
    public static RingBufferReader open(BpfMap map) throws EngineException {
        if (map.type() != MapType.RINGBUF) {
            throw new EngineException(map.describe() + ": not a ringbuf map");
        }
        RingMapping ring = RingMapping.open(map, true);
        Epoll epoll = null;
        try {
            epoll = Epoll.create();
            epoll.add(ring.map.fd(), Epoll.EPOLLIN, 0, ring.map.describe());
            return new RingBufferReader(ring, epoll);
        } catch (EngineException | RuntimeException e) {
            Resources.closeAll(epoll, ring);
            throw e;
        }
    }

    @Override
    public List<EventRecord> read(int max, Duration timeout) throws EngineException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int[] ready = new int[1];
        while (true) {
            synchronized (this) {
                if (closed) {
                    return List.of();
                }
                List<EventRecord> out = drain(max);
                if (!out.isEmpty()) {
                    return out;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || Thread.currentThread().isInterrupted()) {
                    return out;
                }
                // Waiting under the lock keeps close() from unmapping mid-read; a slice bounds how long it waits.
                epoll.await((int) Math.min(WAIT_SLICE_MILLIS, Math.max(1, left / 1_000_000)), ready);
            }
        }
    }

    /** Reads committed records from consumer_pos up to producer_pos, at most {@code max}. */
    private List<EventRecord> drain(int max) {
        List<EventRecord> out = new ArrayList<>();
        long cons = (long) LONG.getAcquire(ring.consumer, 0);
        long prod = (long) LONG.getAcquire(ring.producer, 0);
        while (cons < prod && out.size() < max) {
            int header = ring.offsetOf(cons);
            int len = (int) INT.getAcquire(ring.producer, header);
            if ((len & RingMapping.BUSY_BIT) != 0) {
                break; // reserved by a producer that has not committed: records after it wait too
            }
            int size = len & ~(RingMapping.BUSY_BIT | RingMapping.DISCARD_BIT);
            if ((len & RingMapping.DISCARD_BIT) == 0) {
                byte[] data = new byte[size];
                ring.producer.get(header + RingMapping.HEADER_SIZE, data); // contiguous thanks to the double mapping
                out.add(new EventRecord.Sample(EventRecord.ANY_CPU, data));
            }
            cons += (size + RingMapping.HEADER_SIZE + 7) & ~7L;
            LONG.setRelease(ring.consumer, 0, cons);
            if (cons >= prod) {
                prod = (long) LONG.getAcquire(ring.producer, 0);
            }
        }
        return out;
    }

    /** Bytes written and not yet consumed. */
    public synchronized long pendingBytes() {
        if (closed) {
            return 0;
        }
        return (long) LONG.getAcquire(ring.producer, 0) - (long) LONG.getAcquire(ring.consumer, 0);
    }

    @Override
    public long lostRecords() {
        return 0; // a full ring makes bpf_ringbuf_output/reserve fail in the program; only it can count
    }

    @Override
    public BpfMap map() {
        return ring.map;
    }

    /** Waits for a read in progress (it holds the lock), so nothing is unmapped under it. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            Resources.closeAll(epoll, ring);
        }
    }
}
