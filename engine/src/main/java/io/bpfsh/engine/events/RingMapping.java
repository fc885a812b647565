package io.bpfsh.engine.events;

import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.sys.BpfMap;
import io.bpfsh.engine.sys.MappedMemory;
import java.nio.ByteBuffer;

/**
 * The mmap layout of BPF ring buffers (ringbuf and user_ringbuf alike): page 0 holds consumer_pos,
 * page 1 producer_pos, then the data area mapped twice back to back, so that a record that wraps
 * at the end of the ring reads and writes as one contiguous run of bytes. Which side is writable
 * depends on who produces: user space consumes a ringbuf (consumer page read-write, the rest
 * read-only) and produces into a user_ringbuf (the reverse); the kernel refuses other modes (EPERM).
 * Owns a duplicate of the map's FD and both mappings.
 */
final class RingMapping implements AutoCloseable {
    /** BPF_RINGBUF_BUSY_BIT: reserved, not yet committed; nothing after it can be read yet. */
    static final int BUSY_BIT = 0x80000000;
    /** BPF_RINGBUF_DISCARD_BIT: committed as dropped; skip it. */
    static final int DISCARD_BIT = 0x40000000;
    /** BPF_RINGBUF_HDR_SZ: {u32 len, u32 pg_off}. */
    static final int HEADER_SIZE = 8;

    final BpfMap map;
    /** consumer_pos at offset 0. */
    final ByteBuffer consumer;
    /** producer_pos at offset 0, the data from {@link #dataOffset}, twice. */
    final ByteBuffer producer;
    final int dataOffset;
    /** Data bytes (max_entries, a power of two). */
    final long size;
    private final MappedMemory consumerPage;
    private final MappedMemory producerPages;

    private RingMapping(BpfMap map, MappedMemory consumerPage, MappedMemory producerPages) {
        this.map = map;
        this.consumerPage = consumerPage;
        this.producerPages = producerPages;
        this.consumer = consumerPage.buffer();
        this.producer = producerPages.buffer();
        this.dataOffset = MappedMemory.pageSize();
        this.size = Integer.toUnsignedLong(map.info().maxEntries());
    }

    /** Maps the ring of {@code map} for user space as the consumer (ringbuf) or the producer (user_ringbuf). */
    static RingMapping open(BpfMap map, boolean userConsumes) throws EngineException {
        long size = Integer.toUnsignedLong(map.info().maxEntries());
        int page = MappedMemory.pageSize();
        BpfMap own = map.duplicate();
        MappedMemory cons = null;
        try {
            cons = MappedMemory.map(own.fd(), 0, page, userConsumes, own.describe() + ": consumer page");
            MappedMemory prod = MappedMemory.map(own.fd(), page, page + 2 * size, !userConsumes,
                    own.describe() + ": ring");
            return new RingMapping(own, cons, prod);
        } catch (EngineException | RuntimeException e) {
            Resources.closeAll(cons, own);
            throw e;
        }
    }

    /** Where the record at a (64-bit, ever growing) ring position starts in {@link #producer}. */
    int offsetOf(long position) {
        return dataOffset + (int) (position & (size - 1));
    }

    @Override
    public void close() {
        Resources.closeAll(producerPages, consumerPage, map);
    }
}
