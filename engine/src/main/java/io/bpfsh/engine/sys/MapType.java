package io.bpfsh.engine.sys;

import io.bpfsh.engine.AsciiDigits;
import java.util.Locale;

/** enum bpf_map_type, with bpftool's lower-case names. */
public enum MapType {
    UNSPEC, HASH, ARRAY, PROG_ARRAY, PERF_EVENT_ARRAY, PERCPU_HASH, PERCPU_ARRAY, STACK_TRACE,
    CGROUP_ARRAY, LRU_HASH, LRU_PERCPU_HASH, LPM_TRIE, ARRAY_OF_MAPS, HASH_OF_MAPS, DEVMAP, SOCKMAP,
    CPUMAP, XSKMAP, SOCKHASH, CGROUP_STORAGE, REUSEPORT_SOCKARRAY, PERCPU_CGROUP_STORAGE, QUEUE, STACK,
    SK_STORAGE, DEVMAP_HASH, STRUCT_OPS, RINGBUF, INODE_STORAGE, TASK_STORAGE, BLOOM_FILTER,
    USER_RINGBUF, CGRP_STORAGE, ARENA;

    /** The kernel's number for this type (the declaration order is the UAPI order). */
    public int number() {
        return ordinal();
    }

    /** "hash", "percpu_array", ... as bpftool prints them. */
    public String displayName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The type for a kernel number, or null for one newer than bpfsh. */
    public static MapType of(int number) {
        MapType[] all = values();
        return number >= 0 && number < all.length ? all[number] : null;
    }

    /** The display name for a kernel number, "type N" when bpfsh does not know it. */
    public static String nameOf(int number) {
        MapType t = of(number);
        return t == null ? "type " + number : t.displayName();
    }

    /** Accepts "hash", "HASH" or a number. */
    public static MapType parse(String text) {
        String t = text.trim();
        if (!t.isEmpty() && AsciiDigits.value(t.charAt(0), 10) >= 0) {
            MapType m = of((int) AsciiDigits.parseDecimal(t, Integer.MAX_VALUE));
            if (m != null) {
                return m;
            }
        } else {
            for (MapType m : values()) {
                if (m.name().equalsIgnoreCase(t)) {
                    return m;
                }
            }
        }
        throw new IllegalArgumentException("unknown map type '" + text + "'");
    }

    /**
     * Maps whose keys are the indexes 0 to max_entries - 1 (a u32): every index exists, and one past
     * the end is E2BIG on update and ENOENT on lookup.
     */
    public boolean isIndexed() {
        switch (this) {
            case ARRAY:
            case PERCPU_ARRAY:
            case PROG_ARRAY:
            case PERF_EVENT_ARRAY:
            case CGROUP_ARRAY:
            case ARRAY_OF_MAPS:
            case DEVMAP:
            case SOCKMAP:
            case CPUMAP:
            case XSKMAP:
            case REUSEPORT_SOCKARRAY:
                return true;
            default:
                return false;
        }
    }

    /** Maps whose value is one slot per possible CPU in lookups and updates. */
    public boolean isPerCpu() {
        return this == PERCPU_HASH || this == PERCPU_ARRAY || this == LRU_PERCPU_HASH
                || this == PERCPU_CGROUP_STORAGE;
    }

    /**
     * Maps that have no element-by-element view from user space: rings and queues are consumed, not
     * iterated, and perf/prog/map-in-map arrays hold FDs whose lookup returns ids or nothing.
     */
    public boolean isIterable() {
        switch (this) {
            case RINGBUF:
            case USER_RINGBUF:
            case QUEUE:
            case STACK:
            case PERF_EVENT_ARRAY:
            case STRUCT_OPS:
            case BLOOM_FILTER:
            case ARENA:
                return false;
            default:
                return true;
        }
    }
}
