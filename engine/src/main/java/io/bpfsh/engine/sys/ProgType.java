package io.bpfsh.engine.sys;

import java.util.Locale;
import java.util.Optional;

/** enum bpf_prog_type, with bpftool's lower-case names. */
public enum ProgType {
    UNSPEC, SOCKET_FILTER, KPROBE, SCHED_CLS, SCHED_ACT, TRACEPOINT, XDP, PERF_EVENT, CGROUP_SKB,
    CGROUP_SOCK, LWT_IN, LWT_OUT, LWT_XMIT, SOCK_OPS, SK_SKB, CGROUP_DEVICE, SK_MSG, RAW_TRACEPOINT,
    CGROUP_SOCK_ADDR, LWT_SEG6LOCAL, LIRC_MODE2, SK_REUSEPORT, FLOW_DISSECTOR, CGROUP_SYSCTL,
    RAW_TRACEPOINT_WRITABLE, CGROUP_SOCKOPT, TRACING, STRUCT_OPS, EXT, LSM, SK_LOOKUP, SYSCALL,
    NETFILTER;

    public int number() {
        return ordinal();
    }

    public String displayName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ProgType of(int number) {
        ProgType[] all = values();
        return number >= 0 && number < all.length ? all[number] : null;
    }

    /** The type bpftool calls {@code name} (case-insensitive); never UNSPEC, which is no type to load as. */
    public static Optional<ProgType> byName(String name) {
        for (ProgType t : values()) {
            if (t != UNSPEC && t.name().equalsIgnoreCase(name)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    public static String nameOf(int number) {
        ProgType t = of(number);
        return t == null ? "type " + number : t.displayName();
    }
}
