package io.bpfsh.engine.sys;

import com.sun.jna.Pointer;

/**
 * The map commands of bpf(2), one small typed method each, as libbpf's {@code bpf.c} has them: each
 * fills its {@code union bpf_attr} at the UAPI offsets (named beside each field) and runs it. The
 * element commands return the raw result (minus errno on failure), since ENOENT is an answer to them.
 * A new map command is one more method here.
 */
final class MapCommands {
    private MapCommands() {
    }

    /** BPF_MAP_CREATE; returns the new map's FD. */
    static int create(MapAttributes a, String subject) throws BpfException {
        try (Attr attr = new Attr(72)) {
            attr.u32(0, a.type().number())     // map_type
                .u32(4, a.keySize())           // key_size
                .u32(8, a.valueSize())         // value_size
                .u32(12, a.maxEntries())       // max_entries
                .u32(16, a.flags())            // map_flags
                .u32(20, a.innerMapFd())       // inner_map_fd
                .u32(24, a.numaNode())         // numa_node
                .name(28, KernelName.SIZE, a.kernelName()) // map_name[16]
                .u32(48, a.btfFd())            // btf_fd
                .u32(52, a.btfKeyTypeId())     // btf_key_type_id
                .u32(56, a.btfValueTypeId())   // btf_value_type_id
                .u64(64, a.mapExtra());        // map_extra
            if (attr.tracing()) {
                attr.show("map_type", a.type()).show("key_size", a.keySize()).show("value_size", a.valueSize())
                    .show("max_entries", a.maxEntries()).show("map_flags", MapFlags.symbol(a.flags()))
                    .show("map_name", a.kernelName());
                if (a.btfFd() > 0) {
                    attr.show("btf_fd", a.btfFd()).show("btf_key_type_id", a.btfKeyTypeId())
                        .show("btf_value_type_id", a.btfValueTypeId());
                }
            }
            return (int) PrivilegedCall.run(BpfCommand.MAP_CREATE, attr, subject);
        }
    }

    /** BPF_MAP_LOOKUP_ELEM into {@code value}; 0 or minus errno. */
    static long lookupElem(int mapFd, Pointer key, Pointer value) {
        return elem(BpfCommand.MAP_LOOKUP_ELEM, mapFd, key, value, 0);
    }

    /** BPF_MAP_UPDATE_ELEM with BPF_ANY, BPF_NOEXIST or BPF_EXIST; 0 or minus errno. */
    static long updateElem(int mapFd, Pointer key, Pointer value, long flags) {
        return elem(BpfCommand.MAP_UPDATE_ELEM, mapFd, key, value, flags);
    }

    /**
     * BPF_MAP_LOOKUP_AND_DELETE_ELEM into {@code value}: pop for queues and stacks (key NULL); 0 or
     * minus errno.
     */
    static long lookupAndDeleteElem(int mapFd, Pointer key, Pointer value) {
        return elem(BpfCommand.MAP_LOOKUP_AND_DELETE_ELEM, mapFd, key, value, 0);
    }

    /** BPF_MAP_DELETE_ELEM; 0 or minus errno. */
    static long deleteElem(int mapFd, Pointer key) {
        return elem(BpfCommand.MAP_DELETE_ELEM, mapFd, key, null, 0);
    }

    /** BPF_MAP_GET_NEXT_KEY; a null key asks for the first. 0 or minus errno. */
    static long getNextKey(int mapFd, Pointer key, Pointer nextKey) {
        return elem(BpfCommand.MAP_GET_NEXT_KEY, mapFd, key, nextKey, 0);
    }

    private static long elem(BpfCommand cmd, int mapFd, Pointer key, Pointer valueOrNext, long flags) {
        try (Attr attr = new Attr(32)) {
            attr.u32(0, mapFd)             // map_fd
                .ptr(8, key)               // key
                .ptr(16, valueOrNext)      // value / next_key
                .u64(24, flags);           // flags
            if (attr.tracing()) {
                attr.show("map_fd", mapFd);
                if (cmd == BpfCommand.MAP_UPDATE_ELEM) {
                    attr.show("flags", new SyscallEvent.Symbol(flags == 0 ? "BPF_ANY" : flags == 1 ? "BPF_NOEXIST"
                            : flags == 2 ? "BPF_EXIST" : Long.toString(flags)));
                }
            }
            return BpfSyscall.callRaw(cmd, attr);
        }
    }

    /** What one BPF_MAP_LOOKUP_BATCH call returned: 0 or minus errno, and how many entries it filled. */
    record BatchResult(long result, int count) {
        int errno() {
            return result < 0 ? (int) -result : 0;
        }
    }

    /**
     * BPF_MAP_LOOKUP_BATCH, run once: the kernel writes back a partial count as it goes, so a plain
     * EINTR retry would be wrong (the caller decides).
     */
    static BatchResult lookupBatch(int mapFd, Pointer inBatch, Pointer outBatch, Pointer keys, Pointer values,
            int capacity) {
        try (Attr attr = new Attr(56)) {
            attr.ptr(0, inBatch)           // in_batch (null: from the start)
                .ptr(8, outBatch)          // out_batch
                .ptr(16, keys)             // keys
                .ptr(24, values)           // values
                .u32(32, capacity)         // count (in: room, out: filled)
                .u32(36, mapFd);           // map_fd
            attr.show("count", capacity).show("map_fd", mapFd);
            long r = BpfSyscall.callOnce(BpfCommand.MAP_LOOKUP_BATCH, attr);
            return new BatchResult(r, attr.u32(32));
        }
    }

    /**
     * BPF_MAP_UPDATE_BATCH of {@code count} packed keys and values, run once (the kernel reports how many
     * it wrote before an error, so a blind retry could write some twice; the caller decides).
     */
    static BatchResult updateBatch(int mapFd, Pointer keys, Pointer values, int count, long elemFlags) {
        try (Attr attr = new Attr(56)) {
            attr.ptr(16, keys)             // keys
                .ptr(24, values)           // values
                .u32(32, count)            // count (in: entries, out: written)
                .u32(36, mapFd)            // map_fd
                .u64(40, elemFlags);       // elem_flags
            attr.show("count", count).show("map_fd", mapFd).show("elem_flags", elemFlags);
            long r = BpfSyscall.callOnce(BpfCommand.MAP_UPDATE_BATCH, attr);
            return new BatchResult(r, attr.u32(32));
        }
    }

    /** BPF_MAP_FREEZE: user space can no longer write the map. */
    static void freeze(int mapFd, String subject) throws BpfException {
        try (Attr attr = new Attr(4)) {
            attr.u32(0, mapFd); // map_fd
            attr.show("map_fd", mapFd);
            BpfSyscall.call(BpfCommand.MAP_FREEZE, attr, subject);
        }
    }
}
