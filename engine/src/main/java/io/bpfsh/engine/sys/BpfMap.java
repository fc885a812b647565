package io.bpfsh.engine.sys;

import com.sun.jna.Memory;
import io.bpfsh.engine.EngineException;

/**
 * A live BPF map; owns one FD. Keys and values are raw little-endian bytes of the map's sizes;
 * per-CPU maps take and return one 8-byte-aligned slot per possible CPU ({@link #valueBufferSize()}).
 */
public final class BpfMap extends BpfObject {
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
                : "map " + (info.name().isEmpty() ? "" : info.name() + " ") + "(id " + info.id() + ")";
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
