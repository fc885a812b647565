package io.bpfsh.engine.sys;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import io.bpfsh.engine.EngineException;

/**
 * A live BPF map; owns one FD. Keys and values are raw little-endian bytes of the map's sizes;
 * per-CPU maps take and return one 8-byte-aligned slot per possible CPU ({@link #valueBufferSize()}).
 *
 * <p>Somewhat long because it is one concept: every map command (create, lookup, update, delete, iterate,
 * batch, freeze) checks keys and values against the same sizes, kinds and per-CPU layout held here.
 */
public final class BpfMap extends BpfObject {
    /** false once the kernel refused BPF_MAP_UPDATE_BATCH for this map */
    private boolean batchUpdate = true;
    private final MapInfo info;
    private final String label;

    private BpfMap(Fd fd, MapInfo info, String label) {
        super(fd);
        this.info = info;
        this.label = label;
    }

    /** BPF_MAP_CREATE. EPERM after raising RLIMIT_MEMLOCK means the caller lacks root or CAP_BPF. */
    public static BpfMap create(MapAttributes a) throws BpfException {
        String subject = a.name().isEmpty() ? a.type().displayName() : a.name();
        return fromNewFd(new Fd(MapCommands.create(a, subject)), subject);
    }

    /** Wraps an FD that is known to be a map; closes it if its info cannot be read. */
    static BpfMap fromNewFd(Fd fd, String label) throws BpfException {
        try {
            return new BpfMap(fd, queryInfo(fd, label), label);
        } catch (BpfException | RuntimeException e) {
            fd.close();
            throw e;
        }
    }

    private static MapInfo queryInfo(Fd fd, String label) throws BpfException {
        try (Memory m = infoByFd(fd, 104, label)) {
            return new MapInfo(m.getInt(0), m.getInt(4), m.getInt(8), m.getInt(12), m.getInt(16),
                    m.getInt(20), cString(m, 24, 16), m.getInt(64), m.getInt(68), m.getInt(72),
                    m.getLong(80));
        }
    }

    /** What the kernel reported when this object was opened (sizes, type and id never change). */
    public MapInfo info() {
        return info;
    }

    /** Asks the kernel again (for fields that may change, such as frozen state in newer kernels). */
    public MapInfo queryInfo() throws BpfException {
        return queryInfo(fd(), label);
    }

    public MapType type() {
        return info.mapType();
    }

    public int keySize() {
        return info.keySize();
    }

    public int valueSize() {
        return info.valueSize();
    }

    public boolean isPerCpu() {
        return valueSlots().perCpu();
    }

    /** How lookup's and update's value buffer is laid out: one value, or one slot per possible CPU. */
    public ValueSlots valueSlots() {
        return ValueSlots.of(info);
    }

    /** Bytes of a value as lookup returns it: the value size, or one 8-byte-aligned slot per CPU. */
    public int valueBufferSize() {
        return valueSlots().bufferSize();
    }

    public int perCpuSlotSize() {
        return valueSlots().slotSize();
    }

    @Override
    public ObjectKind kind() {
        return ObjectKind.MAP;
    }

    @Override
    public int id() {
        return info.id();
    }

    /** The path it was opened from, or "map NAME (id N)". */
    @Override
    public String describe() {
        return label != null && label.startsWith("/") ? label
                : named("map", info.name(), info.id());
    }

    /** The value for a key, or null when the key is not in the map. */
    public byte[] lookup(byte[] key) throws EngineException {
        checkKey(key);
        int vsize = valueBufferSize();
        try (Memory k = copyOf(key); Memory v = new Memory(Math.max(vsize, 1))) {
            long r = MapCommands.lookupElem(fd().get(), k, v);
            if (r == -Errno.ENOENT.number()) {
                return null;
            }
            check(r, BpfCommand.MAP_LOOKUP_ELEM);
            return v.getByteArray(0, vsize);
        }
    }

    public void update(byte[] key, byte[] value, UpdateMode mode) throws EngineException {
        checkKey(key);
        if (value.length != valueBufferSize()) {
            throw new EngineException(describe() + ": value is " + value.length + " bytes, expected "
                    + valueBufferSize() + (isPerCpu() ? " (" + valueSlots().count() + " CPUs x "
                    + valueSlots().slotSize() + ")" : ""));
        }
        try (Memory k = copyOf(key); Memory v = copyOf(value)) {
            check(MapCommands.updateElem(fd().get(), k, v, mode.flags), BpfCommand.MAP_UPDATE_ELEM);
        }
    }

    /**
     * Writes many entries with BPF_MAP_UPDATE_BATCH (5.6+), or one by one where the kernel or the map
     * type has no batch update. Keys and values are packed: {@code keys.length} is a multiple of the key
     * size, {@code values} holds as many value buffers (per-CPU: every CPU's slot).
     */
    public void updateBatch(byte[] keys, byte[] values, UpdateMode mode) throws EngineException {
        int ksize = keySize();
        int vsize = valueBufferSize();
        int count = ksize == 0 ? 0 : keys.length / ksize;
        if (keys.length != (long) count * ksize || values.length != (long) count * vsize) {
            throw new IllegalArgumentException("batch of " + keys.length + " key bytes and " + values.length
                    + " value bytes for " + ksize + "-byte keys and " + vsize + "-byte values");
        }
        int done = 0;
        if (count > 0 && batchUpdate) {
            try (Memory k = copyOf(keys); Memory v = copyOf(values)) {
                while (done < count) {
                    MapCommands.BatchResult r = MapCommands.updateBatch(fd().get(), k.share((long) done * ksize),
                            v.share((long) done * vsize), count - done, mode.flags);
                    int errno = r.errno();
                    if (errno == 0) {
                        return;
                    }
                    done += r.count();
                    if (errno == Errno.EINVAL.number() && r.count() == 0 && done == 0
                            || errno == Errno.ENOTSUPP.number() || errno == Errno.EOPNOTSUPP.number()
                            || errno == Errno.ENOSYS.number()) {
                        batchUpdate = false; // this map type has no batch update: go on one by one
                        break;
                    }
                    if (errno != Errno.EINTR.number() && errno != Errno.EAGAIN.number()) {
                        throw new BpfException(BpfCommand.MAP_UPDATE_BATCH, errno, describe());
                    }
                }
            }
        }
        for (int i = done; i < count; i++) {
            update(java.util.Arrays.copyOfRange(keys, i * ksize, (i + 1) * ksize),
                    java.util.Arrays.copyOfRange(values, i * vsize, (i + 1) * vsize), mode);
        }
    }

    /** Deletes a key; false when it was not there. */
    public boolean delete(byte[] key) throws EngineException {
        checkKey(key);
        try (Memory k = copyOf(key)) {
            long r = MapCommands.deleteElem(fd().get(), k);
            if (r == -Errno.ENOENT.number()) {
                return false;
            }
            check(r, BpfCommand.MAP_DELETE_ELEM);
            return true;
        }
    }

    /** The key after {@code key} (the first key when null), or null at the end. */
    public byte[] nextKey(byte[] key) throws EngineException {
        if (key != null) {
            checkKey(key);
        }
        int ksize = info.keySize();
        try (Memory k = key == null ? null : copyOf(key); Memory next = new Memory(Math.max(ksize, 1))) {
            long r = MapCommands.getNextKey(fd().get(), k, next);
            if (r == -Errno.ENOENT.number()) {
                return null;
            }
            check(r, BpfCommand.MAP_GET_NEXT_KEY);
            return next.getByteArray(0, ksize);
        }
    }

    /**
     * A streaming view of all entries: batch lookups where the kernel and map type have them, per-key
     * iteration otherwise. Memory stays bounded by the batch size, whatever the map size.
     */
    public MapCursor entries() throws EngineException {
        return entries(MapCursor.DEFAULT_BATCH);
    }

    public MapCursor entries(int batchSize) throws EngineException {
        MapType t = type();
        if (t != null && !t.isIterable()) {
            throw new EngineException(describe() + ": a " + t.displayName()
                    + " map cannot be read element by element");
        }
        return new MapCursor(this, batchSize);
    }

    /**
     * Pushes a value onto a queue or stack, or adds it to a bloom filter (MAP_UPDATE_ELEM with a
     * NULL key). A full queue or stack refuses (E2BIG) unless {@code overwriteOldest}, which the
     * kernel implements as BPF_EXIST.
     */
    public void push(byte[] value, boolean overwriteOldest) throws EngineException {
        requireValueMap("push", true);
        checkValue(value);
        if (overwriteOldest && type() == MapType.BLOOM_FILTER) {
            throw new EngineException(describe() + ": a bloom filter has no oldest element to overwrite");
        }
        try (Memory v = copyOf(value)) {
            long r = MapCommands.updateElem(fd().get(), null, v, overwriteOldest ? UpdateMode.EXIST.flags : 0);
            if (r == -Errno.E2BIG.number()) {
                throw new BpfException(BpfCommand.MAP_UPDATE_ELEM, Errno.E2BIG.number(), describe(),
                        "the " + type().displayName() + " is full (" + info.maxEntries() + " elements)");
            }
            check(r, BpfCommand.MAP_UPDATE_ELEM);
        }
    }

    /** Removes and returns the next element of a queue (oldest) or stack (newest); null when empty. */
    public byte[] pop() throws EngineException {
        requireValueMap("pop", false);
        return valueOnly(BpfCommand.MAP_LOOKUP_AND_DELETE_ELEM, MapCommands::lookupAndDeleteElem);
    }

    /** The element {@link #pop} would return, left in place; null when empty. */
    public byte[] peek() throws EngineException {
        requireValueMap("peek", false);
        return valueOnly(BpfCommand.MAP_LOOKUP_ELEM, MapCommands::lookupElem);
    }

    /**
     * Whether a bloom filter may hold the value (MAP_LOOKUP_ELEM with a NULL key): false is
     * certain, true may be a false positive.
     */
    public boolean mayContain(byte[] value) throws EngineException {
        if (type() != MapType.BLOOM_FILTER) {
            throw notValueMap("test membership", "bloom_filter maps");
        }
        checkValue(value);
        try (Memory v = copyOf(value)) {
            long r = MapCommands.lookupElem(fd().get(), null, v);
            if (r == -Errno.ENOENT.number()) {
                return false;
            }
            check(r, BpfCommand.MAP_LOOKUP_ELEM);
            return true;
        }
    }

    /**
     * A second handle on the same map with its own FD (F_DUPFD_CLOEXEC), for readers that must
     * outlive the handle they were given.
     */
    public BpfMap duplicate() throws EngineException {
        int r = LibC.fcntl(fd().get(), 1030 /* F_DUPFD_CLOEXEC */, 0);
        if (r < 0) {
            throw new EngineException(describe() + ": duplicate fd: " + Errno.describe(LibC.errno()));
        }
        return new BpfMap(new Fd(r), info, label);
    }

    /** A keyless element command (lookup or lookup-and-delete with a NULL key) into a fresh value buffer. */
    private interface KeylessCommand {
        long run(int mapFd, Pointer key, Pointer value);
    }

    private byte[] valueOnly(BpfCommand cmd, KeylessCommand command) throws EngineException {
        int vsize = info.valueSize();
        try (Memory v = new Memory(Math.max(vsize, 1))) {
            long r = command.run(fd().get(), null, v);
            if (r == -Errno.ENOENT.number()) {
                return null;
            }
            check(r, cmd);
            return v.getByteArray(0, vsize);
        }
    }

    private void requireValueMap(String verb, boolean bloomToo) throws EngineException {
        MapType t = type();
        if (t == MapType.QUEUE || t == MapType.STACK || (bloomToo && t == MapType.BLOOM_FILTER)) {
            return;
        }
        if (t == MapType.BLOOM_FILTER) {
            throw new EngineException(describe() + ": a bloom filter cannot " + verb
                    + " (elements cannot be read back; test one with peek VALUE)");
        }
        throw notValueMap(verb, bloomToo ? "queue, stack and bloom_filter maps" : "queue and stack maps");
    }

    private EngineException notValueMap(String verb, String which) {
        MapType t = type();
        return new EngineException(describe() + ": " + verb + " works on " + which + "; this is a "
                + (t == null ? "map of type " + info.type() : t.displayName() + " map")
                + (t != null && t.isIterable() ? " (use lookup, update and delete with a key)" : ""));
    }

    private void checkValue(byte[] value) throws EngineException {
        if (value.length != info.valueSize()) {
            throw new EngineException(describe() + ": value is " + value.length + " bytes, expected "
                    + info.valueSize());
        }
    }

    /** BPF_MAP_FREEZE: user space can no longer write the map (what libbpf does to .rodata). */
    public void freeze() throws BpfException {
        MapCommands.freeze(fd().get(), describe());
    }

    private void checkKey(byte[] key) throws EngineException {
        if (key.length != info.keySize()) {
            throw new EngineException(describe() + ": key is " + key.length + " bytes, expected "
                    + info.keySize());
        }
    }

    void check(long r, BpfCommand cmd) throws BpfException {
        if (r < 0) {
            int errno = (int) -r;
            String hint = errno == Errno.EPERM.number() && (cmd == BpfCommand.MAP_UPDATE_ELEM
                    || cmd == BpfCommand.MAP_DELETE_ELEM)
                    ? "the handle is read-only or the map is frozen" : null;
            throw new BpfException(cmd, errno, describe(), hint);
        }
    }

    private static Memory copyOf(byte[] bytes) {
        Memory m = new Memory(Math.max(bytes.length, 1));
        m.write(0, bytes, 0, bytes.length);
        return m;
    }
}
