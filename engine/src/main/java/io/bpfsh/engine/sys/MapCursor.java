package io.bpfsh.engine.sys;

import com.sun.jna.Memory;
import io.bpfsh.engine.EngineException;
import java.util.Arrays;

/**
 * Walks a map's entries in bounded memory. Uses BPF_MAP_LOOKUP_BATCH (5.6+) and falls back to
 * GET_NEXT_KEY + LOOKUP when the kernel or the map type lacks batch support (EINVAL, ENOTSUPP).
 * Read it entry by entry ({@link #next()}, {@link #key()}, {@link #value()}: two arrays an entry) or
 * batch by batch ({@link #nextBatch()}: the keys and values of a whole batch copied once into two
 * reused arrays, for dumps of millions of entries); not both on one cursor.
 * Not thread-safe; close it to free the native buffers early.
 */
public final class MapCursor implements AutoCloseable {
    static final int DEFAULT_BATCH = 4096;
    /** entries a batch holds when the map is read key by key */
    static final int BY_KEY_BATCH = 256;
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
    private byte[] batchKeys = new byte[0];
    private byte[] batchValues = new byte[0];

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

    /**
     * Moves to the next batch and returns how many entries it holds, 0 at the end. Entry {@code i}'s
     * key is at {@code i * keySize} in {@link #batchKeys()}, its value (all CPUs' slots for per-CPU
     * maps) at {@code i * valueBufferSize} in {@link #batchValues()}; both arrays are reused by the
     * next call. Without batch support a batch is up to {@link #BY_KEY_BATCH} entries read key by key.
     */
    public int nextBatch() throws EngineException {
        int n;
        if (useBatch) {
            while (position >= count && !finished && useBatch) {
                fetchBatch();
            }
        }
        if (useBatch) {
            n = count - position;
            if (n <= 0) {
                return 0;
            }
            ensureBatchArrays(n);
            keys.read((long) position * keySize, batchKeys, 0, n * keySize);
            values.read((long) position * valueSize, batchValues, 0, n * valueSize);
            position = count;
            // where a fall-back to key-by-key reading (EINTR, see fetchBatch) goes on from
            key = Arrays.copyOfRange(batchKeys, (n - 1) * keySize, n * keySize);
            return n;
        }
        ensureBatchArrays(BY_KEY_BATCH);
        for (n = 0; n < BY_KEY_BATCH && nextByKey(); n++) {
            System.arraycopy(key, 0, batchKeys, n * keySize, keySize);
            System.arraycopy(value, 0, batchValues, n * valueSize, valueSize);
        }
        return n;
    }

    /** The keys of the batch {@link #nextBatch()} moved to, back to back. */
    public byte[] batchKeys() {
        return batchKeys;
    }

    /** The values of the batch {@link #nextBatch()} moved to, back to back. */
    public byte[] batchValues() {
        return batchValues;
    }

    private void ensureBatchArrays(int entries) {
        if (batchKeys.length < entries * keySize || batchValues.length < entries * valueSize) {
            batchKeys = new byte[Math.max(entries, capacity) * keySize];
            batchValues = new byte[Math.max(entries, capacity) * valueSize];
        }
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
