package io.bpfsh.engine.sys;

import java.util.Locale;

/** enum bpf_link_type (include/uapi/linux/bpf.h), in UAPI order, so that a type's number is its ordinal. */
public enum LinkType {
    UNSPEC, RAW_TRACEPOINT, TRACING, CGROUP, ITER, NETNS, XDP, PERF_EVENT, KPROBE_MULTI, STRUCT_OPS,
    NETFILTER, TCX, UPROBE_MULTI, NETKIT, SOCKMAP;

    public int number() {
        return ordinal();
    }

    /** The type for a kernel number, or null for one newer than bpfsh. */
    public static LinkType of(int number) {
        return number >= 0 && number < values().length ? values()[number] : null;
    }

    /** bpftool's name ("xdp", "tcx", ...), or "type N" for a link type newer than bpfsh. */
    public static String nameOf(int number) {
        LinkType t = of(number);
        return t == null ? "type " + number : t.name().toLowerCase(Locale.ROOT);
    }
}
