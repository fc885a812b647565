package io.bpfsh.engine.load;

import io.bpfsh.engine.spec.MapSpec;
import io.bpfsh.engine.sys.MapType;

/**
 * What creating a map costs the kernel up front, estimated from its definition the way the kernel
 * sizes its allocations (kernel/bpf/arraymap.c, hashtab.c, queue_stack_maps.c, stackmap.c,
 * ringbuf.c, bloom_filter.c on 64-bit): a hostile or mistyped {@code max_entries} of 2^31 would
 * otherwise ask for tens of GiB and wake the global OOM killer. Preallocated types cost
 * {@code max_entries} times an element (times the possible CPUs for per-CPU values); every hash
 * also allocates its buckets, one per entry rounded up to a power of two, even with
 * BPF_F_NO_PREALLOC, which leaves only the elements for later. All counts are u32, all products
 * saturate at {@link Long#MAX_VALUE}.
 *
 * @param bytes   the estimate
 * @param formula how it was reached, for messages: "2147484672 entries x 8-byte elements"
 */
public record MapMemory(long bytes, String formula) {
    /** The default limit of a load: above it the load is refused before the map is created. */
    public static final long DEFAULT_LIMIT = 1L << 30;
    /** sizeof(struct htab_elem) before the key: hash node, hash, and the per-CPU or free-list pointers. */
    static final long HASH_ELEMENT_OVERHEAD = 48;
    /** sizeof(struct bucket): a list head and a lock. */
    static final long HASH_BUCKET = 16;
    static final long POINTER = 8;
    public static final int BPF_F_NO_PREALLOC = 1;

    public static MapMemory of(MapSpec m, int possibleCpus) {
        long entries = Integer.toUnsignedLong(m.maxEntries());
        long key = round8(Integer.toUnsignedLong(m.keySize()));
        long value = round8(Integer.toUnsignedLong(m.valueSize()));
        boolean prealloc = (m.flags() & BPF_F_NO_PREALLOC) == 0;
        return switch (m.type()) {
            case ARRAY -> elements(entries, value, "");
            case PERCPU_ARRAY -> perCpu(entries, value, possibleCpus, POINTER * entries);
            case PROG_ARRAY, PERF_EVENT_ARRAY, CGROUP_ARRAY, ARRAY_OF_MAPS, DEVMAP, CPUMAP, XSKMAP, SOCKMAP,
                    REUSEPORT_SOCKARRAY -> elements(entries, POINTER, " (pointers)");
            case HASH, LRU_HASH, HASH_OF_MAPS -> hash(entries, key, value, prealloc || m.type() == MapType.LRU_HASH);
            case PERCPU_HASH, LRU_PERCPU_HASH -> {
                MapMemory elements = hash(entries, key, POINTER, prealloc || m.type() == MapType.LRU_PERCPU_HASH);
                yield prealloc || m.type() == MapType.LRU_PERCPU_HASH
                        ? perCpu(entries, value, possibleCpus, elements.bytes) : elements;
            }
            case DEVMAP_HASH, SOCKHASH -> buckets(entries);
            case QUEUE, STACK -> elements(saturatedAdd(entries, 1), Integer.toUnsignedLong(m.valueSize()), "");
            case STACK_TRACE -> {
                long element = Integer.toUnsignedLong(m.valueSize()) + 24; // struct stack_map_bucket
                yield new MapMemory(saturatedAdd(times(entries, element), times(powerOfTwo(entries), POINTER)),
                        entries + " entries x " + element + "-byte elements + bucket pointers");
            }
            case RINGBUF, USER_RINGBUF -> new MapMemory(entries, entries + " bytes of ring");
            case BLOOM_FILTER -> {
                long hashes = m.mapExtra() & 0xf;
                long bits = powerOfTwo(times(entries, hashes == 0 ? 5 : hashes) / 5 * 7); // the kernel's 1/ln 2
                yield new MapMemory(bits / 8, bits + " bits");
            }
            case STRUCT_OPS -> new MapMemory(value, value + "-byte value");
            // storage maps (max_entries must be 0), cgroup storage, LPM tries and arenas allocate on use
            default -> new MapMemory(0, "nothing up front");
        };
    }

    private static MapMemory hash(long entries, long key, long value, boolean prealloc) {
        MapMemory buckets = buckets(entries);
        if (!prealloc) {
            return buckets;
        }
        long element = HASH_ELEMENT_OVERHEAD + key + value;
        return new MapMemory(saturatedAdd(times(entries, element), buckets.bytes),
                entries + " entries x " + element + "-byte elements + " + buckets.formula);
    }

    private static MapMemory buckets(long entries) {
        long n = powerOfTwo(entries);
        return new MapMemory(times(n, HASH_BUCKET), n + " buckets x " + HASH_BUCKET + " bytes");
    }

    private static MapMemory elements(long entries, long element, String what) {
        return new MapMemory(times(entries, element), entries + " entries x " + element + "-byte elements" + what);
    }

    private static MapMemory perCpu(long entries, long value, int cpus, long shared) {
        return new MapMemory(saturatedAdd(times(times(entries, value), cpus), shared),
                entries + " entries x " + value + "-byte values x " + cpus + " possible CPUs");
    }

    private static long round8(long n) {
        return (n + 7) & ~7L;
    }

    private static long powerOfTwo(long n) {
        return n <= 1 ? 1 : n > 1L << 62 ? Long.MAX_VALUE : Long.highestOneBit(n - 1) << 1;
    }

    private static long times(long a, long b) {
        long high = Math.multiplyHigh(a, b);
        return high != 0 || a * b < 0 ? Long.MAX_VALUE : a * b;
    }

    private static long saturatedAdd(long a, long b) {
        long s = a + b;
        return s < 0 ? Long.MAX_VALUE : s;
    }

    /** "16.0 GiB", "512 KiB", "100 bytes": for messages. */
    public static String human(long bytes) {
        if (bytes == Long.MAX_VALUE) {
            return "more than 8 EiB";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return (v == Math.rint(v) ? String.valueOf((long) v) : String.format(java.util.Locale.ROOT, "%.1f", v))
                + " " + units[u];
    }
}
