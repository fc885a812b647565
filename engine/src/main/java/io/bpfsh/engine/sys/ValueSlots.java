package io.bpfsh.engine.sys;

/**
 * How a map's value buffer is laid out for lookup and update: one value, or for per-CPU maps one slot
 * per possible CPU, each the value size rounded up to 8 bytes (the kernel copies values per CPU with
 * 8-byte alignment; see bpf_map_value_size in kernel/bpf/syscall.c).
 *
 * @param valueSize the map's value size
 * @param slotSize  bytes from one slot to the next
 * @param count     slots in a buffer: 1, or the number of possible CPUs
 */
public record ValueSlots(int valueSize, int slotSize, int count, boolean perCpu) {
    static ValueSlots of(MapInfo info) {
        MapType t = info.mapType();
        if (t == null || !t.isPerCpu()) {
            return new ValueSlots(info.valueSize(), info.valueSize(), 1, false);
        }
        return new ValueSlots(info.valueSize(), (info.valueSize() + 7) & ~7, PossibleCpus.count(), true);
    }

    /** Bytes of a whole buffer, as lookup returns it and update takes it. */
    public int bufferSize() {
        return slotSize * count;
    }

    /** Where slot {@code i} (CPU {@code i} of a per-CPU map) starts in the buffer. */
    public int offset(int i) {
        return i * slotSize;
    }

    /** One value repeated in every slot: what an update that sets all CPUs alike takes. */
    public byte[] everySlot(byte[] value) {
        if (value.length != valueSize) {
            throw new IllegalArgumentException("value is " + value.length + " bytes, expected " + valueSize);
        }
        byte[] all = new byte[bufferSize()];
        for (int i = 0; i < count; i++) {
            System.arraycopy(value, 0, all, offset(i), value.length);
        }
        return all;
    }
}
