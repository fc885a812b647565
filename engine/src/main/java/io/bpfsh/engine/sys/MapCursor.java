package io.bpfsh.engine.sys;

import com.sun.jna.Memory;
import io.bpfsh.engine.EngineException;

/**
 * Walks a map's entries in bounded memory. Uses BPF_MAP_LOOKUP_BATCH (5.6+) and falls back to
 * GET_NEXT_KEY + LOOKUP when the kernel or the map type lacks batch support (EINVAL, ENOTSUPP).
 * Not thread-safe; close it to free the native buffers early.
 */
public final class MapCursor implements AutoCloseable {
    static final int DEFAULT_BATCH = 4096;
    /** hash maps refuse a batch smaller than their largest bucket with ENOSPC; grow up to this. */
    private static final int MAX_BATCH = 1 << 20;
    /** the key and value buffers of one batch stay below this, whatever the entry size */
    private static final long MAX_BATCH_BYTES = 16L << 20;

    private final BpfMap map;
    private final int keySize;
    private final int valueSize;
    private int capacity;
    private boolean useBatch = true;
    private boolean batchStarted;
    private boolean finished;
    private Memory keys;
    private Memory values;
    private Memory inBatch;
    private Memory outBatch;
    private int count;
    private int position;
    private byte[] key;
    private byte[] value;

    MapCursor(BpfMap map, int batchSize) {
        this.map = map;
        this.keySize = map.keySize();
        this.valueSize = map.valueBufferSize();
        this.capacity = Math.max(1, limit(batchSize));
    }

    /** At most the map's entries, and at most MAX_BATCH_BYTES of keys and values. */
    private int limit(long entries) {
        long perEntry = Math.max(1, (long) keySize + valueSize);
        long max = map.info().maxEntries() > 0 ? Integer.toUnsignedLong(map.info().maxEntries()) : entries;
        return (int) Math.max(1, Math.min(Math.min(entries, max), MAX_BATCH_BYTES / perEntry));
    }

    /** Moves to the next entry; false at the end. */
    public boolean next() throws EngineException {
        if (useBatch) {
            while (position >= count) {
                if (finished) {
                    return false;
                }
                fetchBatch();
                if (!useBatch) {
                    return nextByKey();
                }
            }
            key = keys.getByteArray((long) position * keySize, keySize);
            value = values.getByteArray((long) position * valueSize, valueSize);
            position++;
            return true;
        }
        return nextByKey();
    }

    public byte[] key() {
        return key;
    }

    public byte[] value() {
        return value;
    }

    /** True when the entries come from batch lookups (for the tests and for --debug output). */
    public boolean usesBatch() {
        return useBatch;
    }

    private void fetchBatch() throws BpfException {
        if (keys == null) {
            allocate();
        }
        MapCommands.BatchResult batch = MapCommands.lookupBatch(map.fd().get(), batchStarted ? inBatch : null,
                outBatch, keys, values, capacity);
        int errno = batch.errno();
        if (errno == Errno.EINTR.number()) {
            // kernels 5.6-6.13 stop at an empty map-in-map slot with EINTR and leave the batch token
            // stale; go on key by key after the last entry returned
            useBatch = false;
            free();
            return;
        }
        int grown = (int) Math.min(MAX_BATCH, limit(capacity * 2L));
        if (errno == Errno.ENOSPC.number() && grown > capacity) {
            capacity = grown;
            freeEntryBuffers();
            return; // next() calls again with larger entry buffers and the same batch token
        }
        if (!batchStarted && (errno == Errno.EINVAL.number() || errno == Errno.ENOTSUPP.number()
                || errno == Errno.EOPNOTSUPP.number() || errno == Errno.ENOSYS.number())) {
            useBatch = false;
            free();
            return;
        }
        if (errno != 0 && errno != Errno.ENOENT.number()) {
            throw new BpfException(BpfCommand.MAP_LOOKUP_BATCH, errno, map.describe());
        }
        // ENOENT: the walk is over; the entries of this last call are still valid
        finished = errno == Errno.ENOENT.number();
        count = batch.count();
        position = 0;
        batchStarted = true;
        Memory t = inBatch;
        inBatch = outBatch;
        outBatch = t;
    }

    private boolean nextByKey() throws EngineException {
        while (true) {
            byte[] k = map.nextKey(key);
            if (k == null) {
                return false;
            }
            key = k;
            byte[] v = map.lookup(k);
            if (v != null) { // null: deleted between the two calls; move on
                value = v;
                return true;
            }
        }
    }

    private void allocate() {
        keys = new Memory((long) capacity * Math.max(keySize, 1));
        values = new Memory((long) capacity * Math.max(valueSize, 1));
        if (inBatch == null) {
            // the batch token is a key for array-like maps and a bucket index for hash maps
            inBatch = new Memory(Math.max(keySize, 8));
            outBatch = new Memory(Math.max(keySize, 8));
            inBatch.clear();
            outBatch.clear();
        }
    }

    private void freeEntryBuffers() {
        if (keys != null) {
            keys.close();
            values.close();
            keys = values = null;
        }
    }

    private void free() {
        freeEntryBuffers();
        if (inBatch != null) {
            inBatch.close();
            outBatch.close();
            inBatch = outBatch = null;
        }
    }

    @Override
    public void close() {
        free();
    }
}
